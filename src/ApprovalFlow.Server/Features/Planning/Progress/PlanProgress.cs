using System.Text.Json;
using ApprovalFlow.Engine.State;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Planning.Cycles;
using ApprovalFlow.Server.Features.Planning.Data;
using ApprovalFlow.Server.Features.Planning.Decisions;
using ApprovalFlow.Server.Features.Planning.Export;
using ApprovalFlow.Server.Features.Planning.Sessions;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Features.Planning.Progress;

/// <summary>A plan cycle as the cycles list shows it: the cycle, its root instance's status and its stages with open tasks.</summary>
/// <param name="Cycle">The cycle.</param>
/// <param name="Process">The root instance's status (<see cref="CycleProgressResponse.Process"/>).</param>
/// <param name="Stages">Its stages with open tasks, in pipeline order.</param>
/// <param name="StartedAt">When its root instance started (UTC), else when the cycle was created.</param>
public sealed record CycleSummary(PlanCycleRecord Cycle, string Process, IReadOnlyList<CycleStageProgress> Stages, DateTimeOffset StartedAt);

/// <summary>
/// The progress of plan cycles for the planning office (issue 12, progress dashboard): where each working group stands
/// (from its <c>working-group</c> instance's open task and due date, else from its sessions, items and agreements), the
/// standing items by theme and kind, and the stages of the cycle with open tasks. Everyone in the cycle reads it (the
/// read rule of the plan's trace and exports). Scoped; not thread-safe.
/// </summary>
/// <param name="db">The database.</param>
/// <param name="cycles">Finds cycles.</param>
/// <param name="directory">The planning directory, for a cycle whose root instance has not loaded its working groups yet.</param>
/// <param name="access">The one read rule of a cycle (<see cref="PlanningAccess.CanReadAsync"/>).</param>
/// <param name="time">The clock "late" is measured by.</param>
public sealed class PlanProgress(ApprovalFlowDbContext db, PlanCycles cycles, PlanningDirectoryReader directory, PlanningAccess access, TimeProvider time)
{
    /// <summary>The definition of a working group's child instance: <c>working-group</c>.</summary>
    public const string WorkingGroupDefinition = "working-group";

    /// <summary>The stages of the <c>mid-term-plan</c> pipeline in order; stages of other definitions come after them.</summary>
    public static IReadOnlyList<string> StageOrder { get; } =
    [
        "LoadWorkingGroups", "IdentifyStakeholders", "WorkingGroupSessions", "FollowUpOverdueWorkingGroups", "ConsolidateAndPrioritize",
        "CommitteeApproval", "CommissionReview", "SupremeCouncilApproval", "CityCouncilApproval", "PublishPlan",
    ];

    /// <summary>Whether the signed-in user reads <paramref name="cycle"/>: the one read rule of a cycle's plan, trace and progress.</summary>
    /// <param name="cycle">The cycle.</param>
    /// <param name="cancellationToken">Cancels the database reads.</param>
    public Task<bool> MayReadAsync(PlanCycleRecord cycle, CancellationToken cancellationToken) => access.CanReadAsync(cycle, cancellationToken);

    /// <summary>The cycle of <paramref name="businessKey"/> when the signed-in user reads it; not found or forbidden otherwise.</summary>
    /// <param name="businessKey">The cycle's business key.</param>
    /// <param name="cancellationToken">Cancels the database reads.</param>
    public async Task<PlanOutcome<PlanCycleRecord>> FindReadableAsync(string businessKey, CancellationToken cancellationToken)
    {
        if (await cycles.FindAsync(businessKey, cancellationToken) is not { } cycle)
        {
            return new PlanOutcome<PlanCycleRecord>.NotFound($"No plan cycle has the business key '{businessKey}'. GET /api/cycles lists them.");
        }

        return await MayReadAsync(cycle, cancellationToken)
            ? new PlanOutcome<PlanCycleRecord>.Done(cycle)
            : new PlanOutcome<PlanCycleRecord>.Forbidden(PlanningAccess.NotAParticipant(businessKey));
    }

    /// <summary>
    /// The cycles the signed-in user reads, newest first, with their stages. Root <c>mid-term-plan</c> instances that have
    /// no cycle yet get theirs first (<see cref="PlanCycles.FindAsync"/>).
    /// </summary>
    /// <param name="cancellationToken">Cancels the database work.</param>
    public async Task<IReadOnlyList<CycleSummary>> ListAsync(CancellationToken cancellationToken)
    {
        var known = db.PlanCycles.Select(c => c.BusinessKey);
        var unmade = await db.Instances.AsNoTracking()
            .Where(i => i.DefinitionKey == CycleRules.DefinitionKey && i.ParentInstanceId == null && i.BusinessKey != null && !known.Contains(i.BusinessKey))
            .Select(i => i.BusinessKey!).Distinct().ToListAsync(cancellationToken);
        foreach (var key in unmade)
        {
            await cycles.FindAsync(key, cancellationToken);
        }

        var all = await db.PlanCycles.AsNoTracking().OrderByDescending(c => c.CreatedAt).ThenBy(c => c.BusinessKey).ToListAsync(cancellationToken);
        var readable = new List<PlanCycleRecord>();
        foreach (var cycle in all)
        {
            if (await MayReadAsync(cycle, cancellationToken))
            {
                readable.Add(cycle);
            }
        }

        var roots = readable.Where(c => c.RootInstanceId is not null).Select(c => c.RootInstanceId!.Value).ToList();
        var instances = await db.Instances.AsNoTracking().Where(i => roots.Contains(i.Id)).Select(i => new { i.Id, i.Status, i.StartedAt })
            .ToDictionaryAsync(i => i.Id, cancellationToken);
        var open = await OpenTasksAsync(db.Tasks.Where(t => roots.Contains(t.RootInstanceId)), cancellationToken);
        return [.. readable.Select(c =>
        {
            var root = c.RootInstanceId is { } id ? instances.GetValueOrDefault(id) : null;
            return new CycleSummary(c, ProcessText(root?.Status), Stages(open.Where(t => t.RootInstanceId == c.RootInstanceId)), root?.StartedAt ?? c.CreatedAt);
        })];
    }

    /// <summary>The progress of <paramref name="cycle"/> now.</summary>
    /// <param name="cycle">A cycle the caller reads (check with <see cref="FindReadableAsync"/>).</param>
    /// <param name="cancellationToken">Cancels the database reads.</param>
    /// <exception cref="PlanningDirectoryIncompleteException">The cycle has not loaded its working groups yet and the planning directory cannot give them.</exception>
    public async Task<CycleProgressResponse> ReadAsync(PlanCycleRecord cycle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        var now = time.GetUtcNow();
        var root = cycle.RootInstanceId is { } rootId ? await db.Instances.AsNoTracking().SingleOrDefaultAsync(i => i.Id == rootId, cancellationToken) : null;
        var children = root is null
            ? []
            : await db.Instances.AsNoTracking().Where(i => i.RootInstanceId == root.Id && i.DefinitionKey == WorkingGroupDefinition).ToListAsync(cancellationToken);
        var open = root is null ? [] : await OpenTasksAsync(db.Tasks.Where(t => t.RootInstanceId == root.Id), cancellationToken);

        var groups = await WorkingGroupsAsync(root, children, cancellationToken);
        var latestChild = children
            .Select(i => (Instance: i, Group: WorkingGroupOf(i)?.Id))
            .Where(x => x.Group is not null)
            .GroupBy(x => x.Group!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(x => x.Instance.StartedAt).First().Instance, StringComparer.Ordinal);
        var sessions = (await db.Sessions.AsNoTracking().Where(s => s.CycleId == cycle.Id).Select(s => s.WorkingGroupId).Distinct().ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var items = await db.PlanItems.AsNoTracking().Where(i => i.CycleId == cycle.Id)
            .Select(i => new { i.WorkingGroupId, i.Theme, i.Kind, i.Status }).ToListAsync(cancellationToken);
        var agreements = await db.WorkingGroupAgreements.AsNoTracking().Where(a => a.CycleId == cycle.Id)
            .Select(a => new { a.WorkingGroupId, a.Decision, a.DecidedAt, a.Id }).ToListAsync(cancellationToken);
        var lastAgreement = agreements.GroupBy(a => a.WorkingGroupId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(a => a.DecidedAt).ThenByDescending(a => a.Id).First().Decision, StringComparer.Ordinal);

        var progress = new List<WorkingGroupProgress>();
        foreach (var group in groups)
        {
            var child = latestChild.GetValueOrDefault(group.Id);
            var task = child is null ? null : open.Where(t => t.InstanceId == child.Id).OrderBy(t => t.DueAt ?? DateTimeOffset.MaxValue).FirstOrDefault();
            var own = items.Where(i => i.WorkingGroupId == group.Id).ToList();
            var agreed = lastAgreement.TryGetValue(group.Id, out var decision) && decision == StageDecision.Approve;
            var state = StateOf(task, child, now, agreed, own.Select(i => i.Status).ToList(), sessions.Contains(group.Id));
            progress.Add(new WorkingGroupProgress(group.Id, group.Name, group.Theme, group.Level, state, task?.NodeId, task?.DueAt));
        }

        var themeOrder = cycle.Themes.Select(t => t.Id).ToList();
        int ThemeRank(string theme) => themeOrder.IndexOf(theme) is var i and >= 0 ? i : themeOrder.Count;
        progress = [.. progress.OrderBy(p => ThemeRank(p.Theme)).ThenBy(p => PlanningVocabulary.LevelOrder(p.Level)).ThenBy(p => p.Id, StringComparer.Ordinal)];
        var standing = items.Where(i => i.Status is not (PlanItemStatus.Merged or PlanItemStatus.Withdrawn)).ToList();
        int Count(string theme, PlanItemKind kind) => standing.Count(i => i.Theme == theme && i.Kind == kind);

        return new CycleProgressResponse(
            cycle.BusinessKey, cycle.Title, cycle.FirstYear, cycle.LastYear, CycleResponse.StatusText(cycle.Status), ProcessText(root?.Status),
            Stages(open),
            progress,
            WorkingGroupStateCounts.Of(progress.Select(p => p.State)),
            [.. themeOrder.Select(theme => new WorkingGroupBreakdown(theme, WorkingGroupStateCounts.Of(progress.Where(p => p.Theme == theme).Select(p => p.State))))],
            [.. PlanningVocabulary.Levels.Select(level => new WorkingGroupBreakdown(level, WorkingGroupStateCounts.Of(progress.Where(p => p.Level == level).Select(p => p.State))))],
            [.. themeOrder.Select(theme => new ThemeItemCounts(
                theme, Count(theme, PlanItemKind.Problem), Count(theme, PlanItemKind.Strategy), Count(theme, PlanItemKind.ExecutivePolicy), Count(theme, PlanItemKind.Project)))],
            now);
    }

    /// <summary>
    /// Where a working group stands: by its child instance's open task (late once past its due date; in sessions at
    /// <c>RecordSessions</c>, else drafting), else agreed when the child instance completed (drafting again when a body
    /// reopened one of its items); without a child instance (or before its first task) by the planning data: agreed after
    /// an approving agreement, drafting with items, in sessions with sessions, otherwise not started.
    /// </summary>
    private static WorkingGroupState StateOf(UserTaskRecord? task, ProcessInstanceRecord? child, DateTimeOffset now, bool agreed, List<PlanItemStatus> items, bool hasSessions)
    {
        if (task is not null)
        {
            return task.DueAt < now ? WorkingGroupState.Late : task.NodeId == "RecordSessions" ? WorkingGroupState.InSessions : WorkingGroupState.Drafting;
        }

        if (child?.Status == InstanceStatus.Completed)
        {
            return items.Contains(PlanItemStatus.Reopened) ? WorkingGroupState.Drafting : WorkingGroupState.Agreed;
        }

        return agreed ? WorkingGroupState.Agreed
            : items.Count > 0 ? WorkingGroupState.Drafting
            : hasSessions ? WorkingGroupState.InSessions
            : WorkingGroupState.NotStarted;
    }

    /// <summary>The stages of <paramref name="open"/> (open tasks of one root instance) in pipeline order.</summary>
    private static List<CycleStageProgress> Stages(IEnumerable<UserTaskRecord> open) =>
    [
        .. open.GroupBy(t => t.StageId ?? t.NodeId, StringComparer.Ordinal)
            .Select(g => new CycleStageProgress(
                g.Key, g.Select(t => t.StageName).FirstOrDefault(n => n is not null), g.Select(StageDecisions.BodyOf).FirstOrDefault(b => b is not null),
                g.Count(), g.Min(t => t.DueAt)))
            .OrderBy(s => StageOrder.ToList().IndexOf(s.NodeId) is var i and >= 0 ? i : StageOrder.Count).ThenBy(s => s.NodeId, StringComparer.Ordinal),
    ];

    private static Task<List<UserTaskRecord>> OpenTasksAsync(IQueryable<UserTaskRecord> tasks, CancellationToken cancellationToken) =>
        tasks.AsNoTracking().Where(t => t.Status == UserTaskStatus.Open).ToListAsync(cancellationToken);

    private static string ProcessText(InstanceStatus? status) => status switch
    {
        null => "notStarted",
        InstanceStatus.Active => "active",
        InstanceStatus.Completed => "completed",
        _ => "cancelled",
    };

    /// <summary>
    /// The cycle's working groups: the root instance's <c>workingGroups</c> variable (what <c>LoadWorkingGroups</c> gave
    /// it), else the planning directory; plus any working group that has a child instance and is in neither.
    /// </summary>
    private async Task<List<PlanWorkingGroupItem>> WorkingGroupsAsync(ProcessInstanceRecord? root, List<ProcessInstanceRecord> children, CancellationToken cancellationToken)
    {
        var groups = root is not null && root.State.Variables.TryGetValue("workingGroups", out var value) && value.ValueKind == JsonValueKind.Array
            ? value.Deserialize<List<PlanWorkingGroupItem>>(JsonSerializerOptions.Web) ?? []
            : [.. (await directory.ReadAsync(cancellationToken)).WorkingGroups];
        foreach (var child in children.Select(WorkingGroupOf).OfType<PlanWorkingGroupItem>())
        {
            if (!groups.Exists(g => g.Id == child.Id))
            {
                groups.Add(child);
            }
        }

        return groups;
    }

    private static PlanWorkingGroupItem? WorkingGroupOf(ProcessInstanceRecord instance) =>
        instance.State.Variables.TryGetValue("workingGroup", out var value) && value.ValueKind == JsonValueKind.Object
        && value.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
            ? value.Deserialize<PlanWorkingGroupItem>(JsonSerializerOptions.Web)
            : null;
}
