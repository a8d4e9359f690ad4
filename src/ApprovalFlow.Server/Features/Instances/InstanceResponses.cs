using System.Text.Json;
using ApprovalFlow.Engine.State;
using ApprovalFlow.Server.Data;

namespace ApprovalFlow.Server.Features.Instances;

/// <summary>Starts an instance.</summary>
/// <param name="DefinitionKey">The process key.</param>
/// <param name="Version">A deployed version; <see langword="null"/> for the latest.</param>
/// <param name="BusinessKey">Business key, or <see langword="null"/>.</param>
/// <param name="Variables">Initial variables (JSON values), or <see langword="null"/>.</param>
public sealed record StartInstanceRequest(string DefinitionKey, int? Version, string? BusinessKey, Dictionary<string, JsonElement>? Variables);

/// <summary>Cancels an instance.</summary>
/// <param name="Reason">Why, for history; optional.</param>
public sealed record CancelInstanceRequest(string? Reason);

/// <summary>Tokens at one node.</summary>
/// <param name="NodeId">The node id.</param>
/// <param name="Name">The node name, or <see langword="null"/>.</param>
/// <param name="Count">How many tokens.</param>
public sealed record ActiveNode(string NodeId, string? Name, int Count);

/// <summary>A process instance.</summary>
/// <param name="Id">Instance id.</param>
/// <param name="DefinitionKey">Process key.</param>
/// <param name="DefinitionVersion">Version run.</param>
/// <param name="BusinessKey">Business key, or <see langword="null"/>.</param>
/// <param name="Status"><c>active</c>, <c>completed</c> or <c>cancelled</c>.</param>
/// <param name="Variables">Process variables.</param>
/// <param name="ActiveNodes">Where its tokens are.</param>
/// <param name="ParentInstanceId">Parent instance for a call activity's child.</param>
/// <param name="RootInstanceId">Top instance of the call tree.</param>
/// <param name="StartedAt">Start (UTC).</param>
/// <param name="EndedAt">End (UTC), or <see langword="null"/>.</param>
/// <param name="OpenIncidents">Number of open incidents.</param>
public sealed record InstanceResponse(
    Guid Id,
    string DefinitionKey,
    int DefinitionVersion,
    string? BusinessKey,
    string Status,
    IReadOnlyDictionary<string, JsonElement> Variables,
    IReadOnlyList<ActiveNode> ActiveNodes,
    Guid? ParentInstanceId,
    Guid RootInstanceId,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    int OpenIncidents)
{
    /// <summary>Maps a row; node names come from <paramref name="nodeName"/>.</summary>
    internal static InstanceResponse From(ProcessInstanceRecord record, Func<string, string?> nodeName) => new(
        record.Id,
        record.DefinitionKey,
        record.DefinitionVersion,
        record.BusinessKey,
        StatusText(record.Status),
        record.State.Variables,
        [.. record.State.Executions
            .Where(e => e.Kind is ExecutionKind.Token or ExecutionKind.MultiInstanceItem)
            .GroupBy(e => e.NodeId, StringComparer.Ordinal)
            .Select(g => new ActiveNode(g.Key, nodeName(g.Key), g.Count()))],
        record.ParentInstanceId,
        record.RootInstanceId,
        record.StartedAt,
        record.EndedAt,
        record.State.Incidents.Count);

    /// <summary>The API spelling of a status.</summary>
    internal static string StatusText(InstanceStatus status) => status switch
    {
        InstanceStatus.Active => "active",
        InstanceStatus.Completed => "completed",
        _ => "cancelled",
    };
}

/// <summary>A page of instances.</summary>
/// <param name="Items">The instances.</param>
/// <param name="Total">How many match in all.</param>
public sealed record InstancePage(IReadOnlyList<InstanceSummary> Items, int Total);

/// <summary>An instance in a list.</summary>
/// <param name="Id">Instance id.</param>
/// <param name="DefinitionKey">Process key.</param>
/// <param name="DefinitionVersion">Version.</param>
/// <param name="BusinessKey">Business key.</param>
/// <param name="Status">Status.</param>
/// <param name="ParentInstanceId">Parent, if a child.</param>
/// <param name="RootInstanceId">Root of the call tree.</param>
/// <param name="StartedAt">Start (UTC).</param>
/// <param name="EndedAt">End (UTC).</param>
public sealed record InstanceSummary(
    Guid Id, string DefinitionKey, int DefinitionVersion, string? BusinessKey, string Status, Guid? ParentInstanceId, Guid RootInstanceId, DateTimeOffset StartedAt, DateTimeOffset? EndedAt);

/// <summary>One history event.</summary>
/// <param name="Sequence">Increasing order.</param>
/// <param name="At">When (UTC).</param>
/// <param name="Type">Event type, e.g. <c>taskCompleted</c>.</param>
/// <param name="NodeId">Node, if any (the process key for instance events).</param>
/// <param name="TaskId">Task id (API id for task events), timer, job or incident id, if any.</param>
/// <param name="Actor">Acting user, if any.</param>
/// <param name="Data">Extra facts, if any.</param>
/// <param name="NodeName">The node's name in the definition version the instance runs (the process's name for instance events), or <see langword="null"/>.</param>
/// <param name="ActorName">The acting user's display name, or <see langword="null"/> when there is no actor or it is not a user.</param>
public sealed record HistoryEntry(long Sequence, DateTimeOffset At, string Type, string? NodeId, string? TaskId, string? Actor, JsonElement? Data, string? NodeName, string? ActorName)
{
    internal static HistoryEntry From(HistoryEventRecord record, string? nodeName, string? actorName) =>
        new(record.Sequence, record.At, JsonNamingPolicy.CamelCase.ConvertName(record.Type.ToString()), record.NodeId, record.TaskId, record.Actor, record.Data, nodeName, actorName);
}
