using ApprovalFlow.Server.Api;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Planning.Cycles;
using ApprovalFlow.Server.Features.Planning.Data;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Features.Planning.Decisions;

/// <summary>
/// The bodies' decisions on a cycle's plan (committee, commission, supreme council, city council): list, and record
/// one, which on <c>revise</c> reopens exactly the items it names and the items of the working groups it names
/// (status <see cref="PlanItemStatus.Reopened"/>; merged and withdrawn items stay as they are) and on the city
/// council's <c>approve</c> approves the plan (every item not merged or withdrawn, and the cycle). The pages and
/// <see cref="DecisionsApi"/> share it. Scoped; not thread-safe.
/// </summary>
/// <param name="db">The database.</param>
/// <param name="access">The caller's rights.</param>
/// <param name="cycles">Finds a task's cycle.</param>
/// <param name="time">The clock.</param>
public sealed class StageDecisions(ApprovalFlowDbContext db, PlanningAccess access, PlanCycles cycles, TimeProvider time)
{
    /// <summary>The body whose decision approves the plan: <c>city-council</c>.</summary>
    public const string FinalBody = "city-council";

    /// <summary>The body whose secretariat is a candidate group of <paramref name="task"/> (<c>&lt;body&gt;-secretariat</c>), or <see langword="null"/>.</summary>
    /// <param name="task">An approval task, e.g. <c>CommissionReview</c> (candidate group <c>commission-secretariat</c>).</param>
    public static string? BodyOf(UserTaskRecord task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return PlanningVocabulary.Bodies.FirstOrDefault(b => task.CandidateGroups.Contains(PlanningAccess.SecretariatGroup(b)));
    }

    /// <summary>The cycle's decisions, oldest first.</summary>
    /// <param name="cycle">The cycle.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public async Task<List<DecisionResponse>> ListAsync(PlanCycleRecord cycle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        var decisions = await db.StageDecisions.AsNoTracking().Where(d => d.CycleId == cycle.Id).OrderBy(d => d.DecidedAt).ThenBy(d => d.Id).ToListAsync(cancellationToken);
        return await ViewsAsync(decisions, cancellationToken);
    }

    /// <summary>The decision recorded for task <paramref name="taskId"/>, or <see langword="null"/>.</summary>
    /// <param name="taskId">The task.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public async Task<DecisionResponse?> ForTaskAsync(Guid taskId, CancellationToken cancellationToken)
    {
        var decision = await db.StageDecisions.AsNoTracking().Where(d => d.TaskId == taskId).OrderByDescending(d => d.DecidedAt).FirstOrDefaultAsync(cancellationToken);
        return decision is null ? null : (await ViewsAsync([decision], cancellationToken))[0];
    }

    /// <summary>Checks and records <paramref name="request"/> with its effects on the items, in one transaction.</summary>
    /// <param name="cycle">The cycle (tracked).</param>
    /// <param name="request">The decision.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The recorded decision, or the problems (nothing is stored then).</returns>
    public async Task<(DecisionResponse? Decision, List<DecisionProblem> Problems)> RecordAsync(PlanCycleRecord cycle, RecordDecisionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        ArgumentNullException.ThrowIfNull(request);
        var problems = new List<DecisionProblem>();
        var body = request.Body;
        if (request.TaskId is { } taskId)
        {
            var task = await db.Tasks.AsNoTracking().SingleOrDefaultAsync(t => t.Id == taskId, cancellationToken);
            var taskBody = task is null ? null : BodyOf(task);
            if (task is null || taskBody is null || (await cycles.ForTaskAsync(task, cancellationToken))?.Id != cycle.Id)
            {
                return (null, [new("taskId", "TaskUnknown", $"Task '{taskId}' is no approval task of a body in cycle '{cycle.BusinessKey}'.")]);
            }

            if (task.Status != UserTaskStatus.Open)
            {
                return (null, [new("taskId", "TaskClosed", $"Task '{taskId}' is {task.Status.ToString().ToLowerInvariant()}: its decision can no longer be recorded.", StatusCodes.Status409Conflict)]);
            }

            if (task.Assignee != access.UserId)
            {
                return (null, [new("taskId", "TaskNotYours", task.Assignee is null ? $"Claim task '{taskId}' before recording its decision." : $"Task '{taskId}' is held by someone else.", StatusCodes.Status403Forbidden)]);
            }

            if (await db.StageDecisions.AnyAsync(d => d.TaskId == taskId, cancellationToken))
            {
                return (null, [new("taskId", "TaskDecided", $"A decision is already recorded for task '{taskId}'; complete the task.", StatusCodes.Status409Conflict)]);
            }

            if (body is not null && body != taskBody)
            {
                problems.Add(new("body", "BodyNotTasks", $"Task '{taskId}' is the {taskBody}'s, not the {body}'s."));
            }

            body = taskBody;
        }

        if (body is null)
        {
            problems.Add(new("body", "BodyMissing", $"body is required: one of {string.Join(", ", PlanningVocabulary.Bodies)}."));
        }
        else if (!PlanningVocabulary.Bodies.Contains(body))
        {
            problems.Add(new("body", "BodyUnknown", $"'{body}' is not a body: use one of {string.Join(", ", PlanningVocabulary.Bodies)}."));
        }

        var decision = request.Decision switch
        {
            "approve" => StageDecision.Approve,
            "revise" => (StageDecision?)StageDecision.Revise,
            _ => null,
        };
        if (decision is null)
        {
            problems.Add(new("decision", request.Decision is null ? "DecisionMissing" : "DecisionUnknown", $"decision must be approve or revise, not '{request.Decision}'."));
        }

        if (body == FinalBody && string.IsNullOrWhiteSpace(request.ResolutionNumber))
        {
            problems.Add(new("resolutionNumber", "ResolutionNumberMissing", "The city council's decision needs its resolution number."));
        }

        if (body == FinalBody && request.ResolutionDate is null)
        {
            problems.Add(new("resolutionDate", "ResolutionDateMissing", "The city council's decision needs its resolution date (ISO 8601, e.g. 2026-06-01)."));
        }

        Text(problems, request.ResolutionNumber, "resolutionNumber", 100);
        Text(problems, request.Comment, "comment", 8000);
        var items = request.Items ?? [];
        var workingGroups = request.WorkingGroups ?? [];
        var itemIds = items.Select(i => i.ItemId).ToList();
        var known = await db.PlanItems.AsNoTracking().Where(i => i.CycleId == cycle.Id && itemIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, cancellationToken);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            Text(problems, item.Comment, $"items[{i}].comment", 4000);
            if (!known.TryGetValue(item.ItemId, out var stored))
            {
                problems.Add(new($"items[{i}].itemId", "ItemUnknown", $"'{item.ItemId}' is not an item of cycle '{cycle.BusinessKey}'."));
            }
            else if (itemIds.Take(i).Contains(item.ItemId))
            {
                problems.Add(new($"items[{i}].itemId", "ItemTwice", $"Item '{item.ItemId}' is named twice."));
            }
            else if (item.Reopen && stored.Status is PlanItemStatus.Merged or PlanItemStatus.Withdrawn)
            {
                problems.Add(new($"items[{i}].reopen", "ItemNotReopenable", $"Item '{item.ItemId}' is {stored.Status.ToString().ToLowerInvariant()}: send back the item it was merged into, or none."));
            }
        }

        var groups = await db.Groups.AsNoTracking().Where(g => workingGroups.Contains(g.Id) && g.Kind == PlanningGroupKinds.WorkingGroup).Select(g => g.Id).ToListAsync(cancellationToken);
        for (var i = 0; i < workingGroups.Count; i++)
        {
            if (!groups.Contains(workingGroups[i]))
            {
                problems.Add(new($"workingGroups[{i}]", "WorkingGroupUnknown", $"'{workingGroups[i]}' is not a working group of the directory."));
            }
            else if (workingGroups.Take(i).Contains(workingGroups[i], StringComparer.Ordinal))
            {
                problems.Add(new($"workingGroups[{i}]", "WorkingGroupTwice", $"Working group '{workingGroups[i]}' is named twice."));
            }
        }

        var sendsBack = items.Any(i => i.Reopen) || workingGroups.Count > 0;
        if (decision == StageDecision.Revise && !sendsBack)
        {
            problems.Add(new("items", "ReviseNamesNothing", "A revise must name at least one item (items[].reopen: true) or working group (workingGroups) to send back."));
        }
        else if (decision == StageDecision.Approve && sendsBack)
        {
            problems.Add(new("items", "ApproveSendsBack", "An approval sends nothing back: remove items[].reopen and workingGroups, or decide revise."));
        }

        if (problems.Count > 0)
        {
            return (null, problems);
        }

        if (!await access.CanRecordDecisionAsync(body!, cancellationToken))
        {
            return (null, [new("body", "NotSecretariat", $"Only the {body}'s secretariat ({PlanningAccess.SecretariatGroup(body!)}) records its decisions.", StatusCodes.Status403Forbidden)]);
        }

        var now = time.GetUtcNow();
        var record = new StageDecisionRecord
        {
            Id = Guid.CreateVersion7(now),
            CycleId = cycle.Id,
            Body = body!,
            Decision = decision!.Value,
            ResolutionNumber = Blank(request.ResolutionNumber),
            ResolutionDate = request.ResolutionDate,
            Comment = Blank(request.Comment),
            ReopenedWorkingGroups = [.. workingGroups],
            TaskId = request.TaskId,
            DecidedBy = access.UserId,
            DecidedAt = now,
        };
        db.StageDecisions.Add(record);
        var rows = items.Select(i => new StageDecisionItemRecord { DecisionId = record.Id, ItemId = i.ItemId, Comment = Blank(i.Comment), Reopen = i.Reopen && decision == StageDecision.Revise }).ToList();
        if (decision == StageDecision.Revise)
        {
            var named = rows.Where(r => r.Reopen).Select(r => r.ItemId).ToList();
            var reopen = await db.PlanItems
                .Where(i => i.CycleId == cycle.Id && (named.Contains(i.Id) || (i.WorkingGroupId != null && workingGroups.Contains(i.WorkingGroupId) && i.Status != PlanItemStatus.Merged && i.Status != PlanItemStatus.Withdrawn)))
                .ToListAsync(cancellationToken);
            foreach (var item in reopen)
            {
                item.Status = PlanItemStatus.Reopened;
                item.UpdatedAt = now;
                if (!rows.Exists(r => r.ItemId == item.Id))
                {
                    rows.Add(new StageDecisionItemRecord { DecisionId = record.Id, ItemId = item.Id, Reopen = true });
                }
            }
        }
        else if (body == FinalBody)
        {
            await db.PlanItems.Where(i => i.CycleId == cycle.Id && i.Status != PlanItemStatus.Merged && i.Status != PlanItemStatus.Withdrawn)
                .ForEachAsync(i => { i.Status = PlanItemStatus.Approved; i.UpdatedAt = now; }, cancellationToken);
        }

        db.StageDecisionItems.AddRange(rows);
        // A withdrawn cycle stays withdrawn: a decision recorded afterwards is kept but moves no stage.
        cycle.Status = cycle.Status == PlanCycleStatus.Withdrawn ? PlanCycleStatus.Withdrawn
            : decision == StageDecision.Approve && body == FinalBody ? PlanCycleStatus.Approved : PlanCycleStatus.InApproval;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (request.TaskId is { } raced)
        {
            db.ChangeTracker.Clear();
            return (null, [new("taskId", "TaskDecided", $"A decision was recorded for task '{raced}' meanwhile.", StatusCodes.Status409Conflict)]);
        }

        return ((await ViewsAsync([record], cancellationToken))[0], []);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static void Text(List<DecisionProblem> problems, string? value, string field, int maxLength)
    {
        if (value is null)
        {
            return;
        }

        if (value.Length > maxLength)
        {
            problems.Add(new(field, "TextTooLong", $"{field} is {value.Length} characters long; at most {maxLength} are allowed."));
        }
        else if (RequestRules.Key(value, field) is { } why)
        {
            problems.Add(new(field, "TextInvalid", why));
        }
    }

    private async Task<List<DecisionResponse>> ViewsAsync(List<StageDecisionRecord> decisions, CancellationToken cancellationToken)
    {
        var ids = decisions.ConvertAll(d => d.Id);
        var items = await db.StageDecisionItems.AsNoTracking().Where(i => ids.Contains(i.DecisionId)).OrderBy(i => i.ItemId).ToListAsync(cancellationToken);
        return decisions.ConvertAll(d =>
        {
            var mine = items.Where(i => i.DecisionId == d.Id).ToList();
            return new DecisionResponse(
                d.Id, d.Body, d.Decision == StageDecision.Approve ? "approve" : "revise", d.ResolutionNumber, d.ResolutionDate, d.Comment,
                [.. mine.Select(i => new DecisionItemRequest(i.ItemId, i.Comment, i.Reopen))], d.ReopenedWorkingGroups, [.. mine.Where(i => i.Reopen).Select(i => i.ItemId)],
                d.TaskId, d.DecidedBy, d.DecidedAt);
        });
    }
}
