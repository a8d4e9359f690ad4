namespace ApprovalFlow.Server.Features.Monitoring;

/// <summary>The figures of one flow node of a definition version.</summary>
/// <param name="NodeId">The BPMN element id.</param>
/// <param name="Name">The node's name, or <see langword="null"/>.</param>
/// <param name="Type">The BPMN element type (<c>userTask</c>, <c>serviceTask</c>, ...).</param>
/// <param name="Waiting">Tokens at the node now across the version's running instances; each multi-instance item counts.</param>
/// <param name="OpenIncidents">Open incidents at the node.</param>
/// <param name="Completed">How many times a token entered the node and then left it (completed it), over every instance, running or ended.</param>
/// <param name="MedianSeconds">The median time from entering to leaving, in seconds, or <see langword="null"/> when <paramref name="Completed"/> is 0.</param>
/// <param name="P90Seconds">The 90th percentile of that time (linear interpolation, PostgreSQL <c>percentile_cont</c>), in seconds, or <see langword="null"/>.</param>
public sealed record NodeStatistics(string NodeId, string? Name, string Type, int Waiting, int OpenIncidents, int Completed, double? MedianSeconds, double? P90Seconds);

/// <summary>The figures of every flow node of one definition version.</summary>
/// <param name="DefinitionId">The version's row id.</param>
/// <param name="Key">The definition key.</param>
/// <param name="Version">The version number.</param>
/// <param name="Name">The process name, or <see langword="null"/>.</param>
/// <param name="RunningInstances">Instances of the version running now.</param>
/// <param name="Nodes">Every flow node of the version (subprocesses' nodes included), in document order.</param>
public sealed record VersionStatisticsResponse(Guid DefinitionId, string Key, int Version, string? Name, int RunningInstances, IReadOnlyList<NodeStatistics> Nodes);

/// <summary>Someone an open user task at the node is assigned to.</summary>
/// <param name="Id">The user id.</param>
/// <param name="Name">The display name (the id when the user is unknown).</param>
public sealed record WaitingAssignee(string Id, string Name);

/// <summary>An instance with tokens waiting at a node.</summary>
/// <param name="InstanceId">The instance.</param>
/// <param name="BusinessKey">Its business key, or <see langword="null"/>.</param>
/// <param name="Since">When a token last entered the node (UTC).</param>
/// <param name="Tokens">How many of its tokens are at the node (several for a multi-instance activity).</param>
/// <param name="Assignees">For a user task: who its open tasks there are assigned to (unclaimed ones are left out), by name.</param>
public sealed record WaitingInstance(Guid InstanceId, string? BusinessKey, DateTimeOffset Since, int Tokens, IReadOnlyList<WaitingAssignee> Assignees);

/// <summary>One page of the instances waiting at a node, newest arrival first.</summary>
/// <param name="Items">The page's instances.</param>
/// <param name="Total">Instances waiting there in all.</param>
public sealed record WaitingInstancePage(IReadOnlyList<WaitingInstance> Items, int Total);
