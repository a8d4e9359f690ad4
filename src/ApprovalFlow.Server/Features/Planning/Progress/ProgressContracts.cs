using System.Text.Json;
using System.Text.Json.Serialization;

namespace ApprovalFlow.Server.Features.Planning.Progress;

/// <summary>Where a working group stands in a plan cycle (issue 12, progress dashboard), in the order the dashboard shows them; camelCase in JSON.</summary>
[JsonConverter(typeof(WorkingGroupStateJson))]
public enum WorkingGroupState
{
    /// <summary>Nothing yet: no task of its own open or done, no session, item or agreement recorded.</summary>
    NotStarted,

    /// <summary>Recording its sessions (its <c>RecordSessions</c> task is open, or it has sessions and no items yet).</summary>
    InSessions,

    /// <summary>Drafting or agreeing its findings (<c>DraftFindings</c> or <c>AgreeFindings</c> open, or items drafted and not yet agreed).</summary>
    Drafting,

    /// <summary>Its members agreed on its findings (its <c>working-group</c> instance completed, or an approving agreement is its latest).</summary>
    Agreed,

    /// <summary>Its open task is past its due date.</summary>
    Late,
}

/// <summary>Writes and reads <see cref="WorkingGroupState"/> as camelCase strings (<c>notStarted</c>, <c>inSessions</c>, …).</summary>
public sealed class WorkingGroupStateJson() : JsonStringEnumConverter<WorkingGroupState>(JsonNamingPolicy.CamelCase);

/// <summary>How many working groups are in each <see cref="WorkingGroupState"/>.</summary>
/// <param name="NotStarted">Not started.</param>
/// <param name="InSessions">Recording sessions.</param>
/// <param name="Drafting">Drafting or agreeing findings.</param>
/// <param name="Agreed">Findings agreed.</param>
/// <param name="Late">Past the due date of the open task.</param>
public sealed record WorkingGroupStateCounts(int NotStarted, int InSessions, int Drafting, int Agreed, int Late)
{
    /// <summary>All working groups counted.</summary>
    public int Total => NotStarted + InSessions + Drafting + Agreed + Late;

    /// <summary>The counts of <paramref name="states"/>.</summary>
    /// <param name="states">One state per working group.</param>
    public static WorkingGroupStateCounts Of(IEnumerable<WorkingGroupState> states)
    {
        var list = states.ToList();
        int Count(WorkingGroupState state) => list.Count(s => s == state);
        return new(Count(WorkingGroupState.NotStarted), Count(WorkingGroupState.InSessions), Count(WorkingGroupState.Drafting), Count(WorkingGroupState.Agreed), Count(WorkingGroupState.Late));
    }

    /// <summary>The count of <paramref name="state"/>.</summary>
    /// <param name="state">A state.</param>
    public int this[WorkingGroupState state] => state switch
    {
        WorkingGroupState.NotStarted => NotStarted,
        WorkingGroupState.InSessions => InSessions,
        WorkingGroupState.Drafting => Drafting,
        WorkingGroupState.Agreed => Agreed,
        _ => Late,
    };
}

/// <summary>One working group of the cycle and where it stands.</summary>
/// <param name="Id">Directory group id, e.g. <c>wg-hq-urban-identity</c>.</param>
/// <param name="Name">Persian name.</param>
/// <param name="Theme">Theme id.</param>
/// <param name="Level"><c>headquarters</c>, <c>organization</c> or <c>region</c>.</param>
/// <param name="State">Where it stands: <c>notStarted</c>, <c>inSessions</c>, <c>drafting</c>, <c>agreed</c> or <c>late</c>.</param>
/// <param name="OpenTask">The node id of its open task (<c>RecordSessions</c>, <c>DraftFindings</c>, <c>AgreeFindings</c>), or <see langword="null"/>.</param>
/// <param name="DueAt">The open task's due instant (UTC), or <see langword="null"/>.</param>
public sealed record WorkingGroupProgress(string Id, string Name, string Theme, string Level, WorkingGroupState State, string? OpenTask, DateTimeOffset? DueAt);

/// <summary>The working groups of one theme (or level) by state.</summary>
/// <param name="Id">Theme id (e.g. <c>urban-identity</c>) or level id (e.g. <c>region</c>).</param>
/// <param name="Counts">The working groups by state.</param>
public sealed record WorkingGroupBreakdown(string Id, WorkingGroupStateCounts Counts);

/// <summary>The plan items of one theme by kind: items that stand in the plan (neither merged into another nor withdrawn).</summary>
/// <param name="Theme">Theme id.</param>
/// <param name="Problems">Problems.</param>
/// <param name="Strategies">Strategies.</param>
/// <param name="ExecutivePolicies">Executive policies.</param>
/// <param name="Projects">Projects.</param>
public sealed record ThemeItemCounts(string Theme, int Problems, int Strategies, int ExecutivePolicies, int Projects)
{
    /// <summary>All items of the theme.</summary>
    public int Total => Problems + Strategies + ExecutivePolicies + Projects;
}

/// <summary>A stage of the cycle with open tasks: a top-level node of the root <c>mid-term-plan</c> instance.</summary>
/// <param name="NodeId">The stage's node id, e.g. <c>WorkingGroupSessions</c> or <c>CommissionReview</c>.</param>
/// <param name="Name">The node's name in its definition (Persian), or <see langword="null"/>.</param>
/// <param name="Body">The approval body whose secretariat holds its tasks (<see cref="PlanningVocabulary.Bodies"/>), or <see langword="null"/>.</param>
/// <param name="OpenTasks">How many of its tasks are open.</param>
/// <param name="DueAt">The earliest due instant of its open tasks (UTC), or <see langword="null"/>.</param>
public sealed record CycleStageProgress(string NodeId, string? Name, string? Body, int OpenTasks, DateTimeOffset? DueAt);

/// <summary>The body of <c>GET /api/cycles/{businessKey}/progress</c>: where a plan cycle stands, for the planning office's dashboard.</summary>
/// <param name="BusinessKey">The cycle's business key.</param>
/// <param name="Title">Its title.</param>
/// <param name="FirstYear">First Solar Hijri year.</param>
/// <param name="LastYear">Last Solar Hijri year.</param>
/// <param name="Status">The cycle's status (<c>preparing</c>, <c>inApproval</c>, <c>approved</c>, <c>cancelled</c>).</param>
/// <param name="Process">The root instance's status: <c>notStarted</c> (no root instance), <c>active</c>, <c>completed</c> or <c>cancelled</c>.</param>
/// <param name="Stages">The stages with open tasks, in the order of the pipeline (<see cref="PlanProgress.StageOrder"/>).</param>
/// <param name="WorkingGroups">Every working group of the cycle, by theme (the cycle's order), level and id.</param>
/// <param name="WorkingGroupTotals">All working groups by state.</param>
/// <param name="WorkingGroupsByTheme">The working groups of each theme of the cycle by state, in the cycle's theme order.</param>
/// <param name="WorkingGroupsByLevel">The working groups of each level by state (headquarters, organization, region).</param>
/// <param name="ItemsByTheme">The standing plan items of each theme of the cycle by kind, in the cycle's theme order.</param>
/// <param name="AsOf">The instant the figures were read (UTC): "late" is measured against it.</param>
public sealed record CycleProgressResponse(
    string BusinessKey, string Title, int FirstYear, int LastYear, string Status, string Process,
    IReadOnlyList<CycleStageProgress> Stages, IReadOnlyList<WorkingGroupProgress> WorkingGroups,
    WorkingGroupStateCounts WorkingGroupTotals, IReadOnlyList<WorkingGroupBreakdown> WorkingGroupsByTheme,
    IReadOnlyList<WorkingGroupBreakdown> WorkingGroupsByLevel, IReadOnlyList<ThemeItemCounts> ItemsByTheme, DateTimeOffset AsOf);
