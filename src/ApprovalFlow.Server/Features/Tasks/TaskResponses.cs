using System.Text.Json;
using ApprovalFlow.Server.Data;

namespace ApprovalFlow.Server.Features.Tasks;

/// <summary>An inbox entry.</summary>
/// <param name="Id">Task id.</param>
/// <param name="InstanceId">Its instance.</param>
/// <param name="RootInstanceId">Top instance of the call tree.</param>
/// <param name="NodeId">User task node id.</param>
/// <param name="Name">Node name.</param>
/// <param name="Assignee">Assigned user id, or <see langword="null"/>.</param>
/// <param name="CandidateGroups">Candidate group ids.</param>
/// <param name="CandidateUsers">Candidate user ids.</param>
/// <param name="DueAt">Due (UTC).</param>
/// <param name="FollowUpAt">Follow-up (UTC).</param>
/// <param name="Priority">Priority.</param>
/// <param name="FormKey">Form key.</param>
/// <param name="CreatedAt">Created (UTC).</param>
/// <param name="Status"><c>open</c>, <c>completed</c> or <c>cancelled</c>.</param>
/// <param name="Item">The multi-instance item it works on (e.g. the working group), or <see langword="null"/>.</param>
/// <param name="CompletedBy">Who completed it.</param>
/// <param name="EndedAt">When it was completed or cancelled (UTC).</param>
/// <param name="DefinitionKey">The process key of its instance (filter <c>process</c>), or <see langword="null"/>.</param>
/// <param name="StageId">The stage: the root instance's top-level node it belongs under (filter <c>stage</c>), or <see langword="null"/>.</param>
/// <param name="StageName">The stage node's name, or <see langword="null"/>.</param>
/// <param name="Theme">The plan theme id (filter <c>theme</c>), or <see langword="null"/>.</param>
/// <param name="Level">The working-group level (filter <c>level</c>), or <see langword="null"/>.</param>
/// <param name="WorkingGroup">The working group's name, or <see langword="null"/>.</param>
/// <param name="CycleTitle">The plan cycle's title, or <see langword="null"/>.</param>
/// <param name="FormVersion">The version of <paramref name="FormKey"/> the task shows and is checked against (<c>GET /api/forms/{key}/versions/{version}</c>), or <see langword="null"/> when it has no deployed form.</param>
public sealed record TaskResponse(
    Guid Id,
    Guid InstanceId,
    Guid RootInstanceId,
    string NodeId,
    string? Name,
    string? Assignee,
    IReadOnlyList<string> CandidateGroups,
    IReadOnlyList<string> CandidateUsers,
    DateTimeOffset? DueAt,
    DateTimeOffset? FollowUpAt,
    int Priority,
    string? FormKey,
    DateTimeOffset CreatedAt,
    string Status,
    JsonElement? Item,
    string? CompletedBy,
    DateTimeOffset? EndedAt,
    string? DefinitionKey,
    string? StageId,
    string? StageName,
    string? Theme,
    string? Level,
    string? WorkingGroup,
    string? CycleTitle,
    int? FormVersion)
{
    internal static TaskResponse From(UserTaskRecord t) => new(
        t.Id, t.InstanceId, t.RootInstanceId, t.NodeId, t.Name, t.Assignee, t.CandidateGroups, t.CandidateUsers, t.DueAt, t.FollowUpAt,
        t.Priority, t.FormKey, t.CreatedAt, t.Status.ToString().ToLowerInvariant(), t.Item, t.CompletedBy, t.EndedAt,
        t.DefinitionKey, t.StageId, t.StageName, t.Theme, t.Level, t.WorkingGroup, t.CycleTitle, t.FormVersion);
}

/// <summary>A page of inbox entries.</summary>
/// <param name="Items">The tasks.</param>
/// <param name="Total">How many match in all.</param>
public sealed record TaskPage(IReadOnlyList<TaskResponse> Items, int Total);

/// <summary>Completes a task with the form's output.</summary>
/// <param name="Variables">Output variables (JSON values), merged into the process scope.</param>
public sealed record CompleteTaskRequest(Dictionary<string, JsonElement>? Variables);

/// <summary>Assigns a task to a user.</summary>
/// <param name="UserId">The user id.</param>
public sealed record AssignTaskRequest(string UserId);
