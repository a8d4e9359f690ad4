using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Planning.Cycles;
using ApprovalFlow.Server.Features.Planning.Data;
using ApprovalFlow.Server.Features.Planning.Sessions;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Features.Planning.Items;

/// <summary>
/// A working group's decisions on its findings (<see cref="WorkingGroupAgreementRecord"/>): agree (optionally
/// agreeing every item not yet agreed by consensus) or send back to drafting. Members of the working group record;
/// everyone signed in reads. Scoped; not thread-safe.
/// </summary>
/// <param name="db">The database.</param>
/// <param name="cycles">Finds cycles.</param>
/// <param name="workingGroups">Finds working groups.</param>
/// <param name="access">Who edits a working group's part of the plan.</param>
/// <param name="user">The signed-in user.</param>
/// <param name="time">The clock.</param>
public sealed class WorkingGroupAgreements(ApprovalFlowDbContext db, PlanCycles cycles, WorkingGroupDirectory workingGroups, PlanningAccess access, ICurrentUser user, TimeProvider time)
{
    /// <summary>Longest comment: 4,000 characters.</summary>
    public const int MaxComment = 4000;

    /// <summary>The decisions recorded in cycle <paramref name="businessKey"/>, newest first, optionally of one working group.</summary>
    /// <param name="businessKey">The cycle's business key.</param>
    /// <param name="workingGroup">A working group id, or <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    public async Task<PlanOutcome<IReadOnlyList<WorkingGroupAgreementResponse>>> ListAsync(string businessKey, string? workingGroup, CancellationToken cancellationToken)
    {
        if (await cycles.FindAsync(businessKey, cancellationToken) is not { } cycle)
        {
            return new PlanOutcome<IReadOnlyList<WorkingGroupAgreementResponse>>.NotFound(PlanSessions.CycleNotFound(businessKey));
        }

        var query = db.WorkingGroupAgreements.AsNoTracking().Where(a => a.CycleId == cycle.Id);
        query = workingGroup is null ? query : query.Where(a => a.WorkingGroupId == workingGroup);
        var rows = await query.OrderByDescending(a => a.DecidedAt).ThenByDescending(a => a.Id).ToListAsync(cancellationToken);
        return new PlanOutcome<IReadOnlyList<WorkingGroupAgreementResponse>>.Done([.. rows.Select(Response)]);
    }

    /// <summary>
    /// The decision that counts for <paramref name="task"/> (an <c>AgreeFindings</c> task of <paramref name="workingGroup"/>):
    /// the newest one recorded for the task, else the newest recorded for the working group since the task was created.
    /// </summary>
    /// <param name="cycleId">The cycle.</param>
    /// <param name="workingGroup">The working group id.</param>
    /// <param name="task">The task.</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    public Task<WorkingGroupAgreementRecord?> ForTaskAsync(Guid cycleId, string workingGroup, UserTaskRecord task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        return db.WorkingGroupAgreements.AsNoTracking()
            .Where(a => a.CycleId == cycleId && a.WorkingGroupId == workingGroup && (a.TaskId == task.Id || (a.TaskId == null && a.DecidedAt >= task.CreatedAt)))
            .OrderByDescending(a => a.TaskId == task.Id).ThenByDescending(a => a.DecidedAt).ThenByDescending(a => a.Id)
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Records a working group's decision on its findings in cycle <paramref name="businessKey"/>.</summary>
    /// <param name="businessKey">The cycle's business key.</param>
    /// <param name="request">The decision.</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    public async Task<PlanOutcome<WorkingGroupAgreementResponse>> RecordAsync(string businessKey, WorkingGroupAgreementRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await cycles.FindAsync(businessKey, cancellationToken) is not { } cycle)
        {
            return new PlanOutcome<WorkingGroupAgreementResponse>.NotFound(PlanSessions.CycleNotFound(businessKey));
        }

        var group = await workingGroups.FindAsync(request.WorkingGroup, cancellationToken);
        if (group is not null && !await access.CanEditWorkingGroupAsync(group, cancellationToken))
        {
            return new PlanOutcome<WorkingGroupAgreementResponse>.Forbidden(PlanningAccess.NotAMember(group));
        }

        var errors = new Dictionary<string, FieldError>(StringComparer.Ordinal);
        if (group is null)
        {
            errors["workingGroup"] = new FieldError(string.IsNullOrWhiteSpace(request.WorkingGroup) ? "required" : "unknown-working-group", $"'{request.WorkingGroup}' is not a working group of the directory.");
        }

        if (request.Decision is not ("approve" or "revise"))
        {
            errors["decision"] = new FieldError("unknown-decision", "Give the decision: 'approve' (the members agree on the findings) or 'revise' (back to drafting).");
        }

        if (string.IsNullOrWhiteSpace(request.Comment))
        {
            errors["comment"] = new FieldError("required", "Write the members' comment: what to revise, or how they agreed.");
        }
        else if (request.Comment.Trim().Length > MaxComment)
        {
            errors["comment"] = new FieldError("too-long", $"The comment may have at most {MaxComment} characters.");
        }

        if (request.TaskId is { } taskId && !await db.Tasks.AnyAsync(t => t.Id == taskId && t.NodeId == "AgreeFindings", cancellationToken))
        {
            errors["taskId"] = new FieldError("unknown-task", $"'{taskId}' is no AgreeFindings task.");
        }

        if (errors.Count > 0)
        {
            return new PlanOutcome<WorkingGroupAgreementResponse>.Invalid(errors);
        }

        var now = time.GetUtcNow();
        var record = new WorkingGroupAgreementRecord
        {
            Id = Guid.CreateVersion7(now),
            CycleId = cycle.Id,
            WorkingGroupId = group!.Id,
            TaskId = request.TaskId,
            Decision = request.Decision == "approve" ? StageDecision.Approve : StageDecision.Revise,
            Comment = request.Comment!.Trim(),
            DecidedBy = user.Id,
            DecidedAt = now,
        };
        db.WorkingGroupAgreements.Add(record);
        if (record.Decision == StageDecision.Approve && request.AgreeAllByConsensus)
        {
            var open = await db.PlanItems.Where(i => i.CycleId == cycle.Id && i.WorkingGroupId == group.Id && (i.Status == PlanItemStatus.Draft || i.Status == PlanItemStatus.Reopened))
                .ToListAsync(cancellationToken);
            foreach (var item in open)
            {
                item.Status = PlanItemStatus.Agreed;
                item.Agreement = AgreementMode.Consensus;
                item.VotesFor = item.VotesAgainst = item.VotesAbstain = null;
                item.UpdatedAt = now;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return new PlanOutcome<WorkingGroupAgreementResponse>.Done(Response(record));
    }

    private static WorkingGroupAgreementResponse Response(WorkingGroupAgreementRecord a) =>
        new(a.Id, a.WorkingGroupId, a.TaskId, a.Decision == StageDecision.Approve ? "approve" : "revise", a.Comment, a.DecidedBy, a.DecidedAt);
}
