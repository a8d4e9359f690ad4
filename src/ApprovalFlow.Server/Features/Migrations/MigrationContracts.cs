namespace ApprovalFlow.Server.Features.Migrations;

/// <summary>Migrates running instances of a definition to another of its versions, or says what that would do.</summary>
/// <param name="DefinitionKey">The definition key.</param>
/// <param name="FromVersion">The version the instances run.</param>
/// <param name="ToVersion">The version to move them to.</param>
/// <param name="Mapping">Source node id → target node id, over the default (each node keeps its id when the target has a compatible node with it); optional.</param>
/// <param name="InstanceIds">The instances to migrate; omitted or empty for every active instance on <paramref name="FromVersion"/>.</param>
/// <param name="DryRun"><see langword="true"/> to only say what would happen (nothing changes).</param>
public sealed record MigrationRequest(
    string? DefinitionKey, int FromVersion, int ToVersion, Dictionary<string, string>? Mapping, List<Guid>? InstanceIds, bool DryRun);

/// <summary>What a migration would do, per instance.</summary>
/// <param name="DefinitionKey">The definition key.</param>
/// <param name="FromVersion">The source version.</param>
/// <param name="ToVersion">The target version.</param>
/// <param name="Mapping">The explicit mapping given.</param>
/// <param name="Movable">How many instances would move.</param>
/// <param name="Refused">How many would stay, with reasons.</param>
/// <param name="Instances">Each selected instance, oldest first.</param>
public sealed record MigrationPreviewResponse(
    string DefinitionKey, int FromVersion, int ToVersion, IReadOnlyDictionary<string, string> Mapping, int Movable, int Refused, IReadOnlyList<InstancePreviewResponse> Instances);

/// <summary>What migrating one instance would do.</summary>
/// <param name="InstanceId">The instance.</param>
/// <param name="BusinessKey">Its business key, or <see langword="null"/>.</param>
/// <param name="Movable"><see langword="true"/> when it can move.</param>
/// <param name="Tokens">Each token with its node now and in the target.</param>
/// <param name="KeptTasks">Open tasks kept as they are (same id, assignee, comments).</param>
/// <param name="CreatedTasks">Tasks created because a token moves to another user task (the old task is cancelled).</param>
/// <param name="CancelledTimers">Timers cancelled, by engine timer id.</param>
/// <param name="ScheduledTimers">Timers scheduled per the target.</param>
/// <param name="Problems">Why it cannot move (empty when it can).</param>
/// <param name="ChildInstances">
/// Its running call-activity children: they stay on their own definition's version whether or not it moves (a
/// migration is per definition, as in Camunda 7); migrate them with a migration of their own key.
/// </param>
public sealed record InstancePreviewResponse(
    Guid InstanceId,
    string? BusinessKey,
    bool Movable,
    IReadOnlyList<TokenMoveResponse> Tokens,
    IReadOnlyList<KeptTaskResponse> KeptTasks,
    IReadOnlyList<NodeResponse> CreatedTasks,
    IReadOnlyList<string> CancelledTimers,
    IReadOnlyList<ScheduledTimerResponse> ScheduledTimers,
    IReadOnlyList<MigrationProblemResponse> Problems,
    IReadOnlyList<ChildInstanceResponse> ChildInstances);

/// <summary>A running child instance of a call activity, which a migration of its parent leaves on its own version.</summary>
/// <param name="InstanceId">The child instance.</param>
/// <param name="DefinitionKey">The key of the definition it runs (the call activity's <c>calledElement</c>).</param>
/// <param name="DefinitionVersion">The version it runs, and keeps.</param>
/// <param name="BusinessKey">Its business key, or <see langword="null"/>.</param>
/// <param name="CallActivity">The parent's call activity that waits for it (source version).</param>
public sealed record ChildInstanceResponse(Guid InstanceId, string DefinitionKey, int DefinitionVersion, string? BusinessKey, NodeResponse CallActivity);

/// <summary>A node of a version, with its name.</summary>
/// <param name="NodeId">The node id.</param>
/// <param name="Name">Its name in the definition, or <see langword="null"/>.</param>
public sealed record NodeResponse(string NodeId, string? Name);

/// <summary>A token and where it goes.</summary>
/// <param name="ExecutionId">The engine's execution id.</param>
/// <param name="From">Its node in the source version.</param>
/// <param name="To">Its node in the target version.</param>
public sealed record TokenMoveResponse(string ExecutionId, NodeResponse From, NodeResponse To);

/// <summary>An open task that stays as it is.</summary>
/// <param name="TaskId">The task id (the API's).</param>
/// <param name="Name">The task's name.</param>
/// <param name="Assignee">Its assignee (user id), or <see langword="null"/>.</param>
public sealed record KeptTaskResponse(Guid? TaskId, string? Name, string? Assignee);

/// <summary>A timer the target version schedules.</summary>
/// <param name="TimerId">The engine's timer id.</param>
/// <param name="NodeId">Its timer event.</param>
/// <param name="DueAt">When it fires (UTC).</param>
public sealed record ScheduledTimerResponse(string TimerId, string NodeId, DateTimeOffset DueAt);

/// <summary>Why an instance cannot move.</summary>
/// <param name="Kind">The kind: <c>unmapped</c>, <c>incompatibleKind</c>, <c>scopeMismatch</c>, <c>joinFlowMissing</c>, <c>openIncident</c>, <c>notMigratable</c>.</param>
/// <param name="Node">The source node.</param>
/// <param name="Message">The reason.</param>
public sealed record MigrationProblemResponse(string Kind, NodeResponse Node, string Message);

/// <summary>A migration and its progress.</summary>
/// <param name="Id">Migration id.</param>
/// <param name="DefinitionKey">The definition key.</param>
/// <param name="FromVersion">The source version.</param>
/// <param name="ToVersion">The target version.</param>
/// <param name="Mapping">The explicit mapping.</param>
/// <param name="Status"><c>pending</c>, <c>running</c> or <c>done</c>.</param>
/// <param name="Total">Instances selected.</param>
/// <param name="Migrated">Instances moved.</param>
/// <param name="Failed">Instances that stayed on their version.</param>
/// <param name="Pending">Instances not handled yet.</param>
/// <param name="CreatedBy">Who started it.</param>
/// <param name="CreatedAt">When (UTC).</param>
/// <param name="FinishedAt">When the job finished (UTC), or <see langword="null"/>.</param>
/// <param name="Instances">Each instance with its outcome.</param>
public sealed record MigrationResponse(
    Guid Id,
    string DefinitionKey,
    int FromVersion,
    int ToVersion,
    IReadOnlyDictionary<string, string> Mapping,
    string Status,
    int Total,
    int Migrated,
    int Failed,
    int Pending,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt,
    IReadOnlyList<MigrationInstanceResponse> Instances);

/// <summary>One instance of a migration.</summary>
/// <param name="InstanceId">The instance.</param>
/// <param name="BusinessKey">Its business key, or <see langword="null"/>.</param>
/// <param name="Status"><c>pending</c>, <c>migrated</c> or <c>failed</c>.</param>
/// <param name="Reason">Why it failed, or <see langword="null"/>.</param>
/// <param name="Problem">The first reason the engine refused it (kind and source node), or <see langword="null"/>.</param>
/// <param name="FinishedAt">When it was handled (UTC), or <see langword="null"/>.</param>
/// <param name="ReasonCode">
/// The reason's stable code: the engine's problem kind (as <see cref="MigrationProblemResponse.Kind"/>) or, when the engine did
/// not refuse it, one of <see cref="MigrationReasonCodes"/>; <see langword="null"/> when it did not fail.
/// </param>
public sealed record MigrationInstanceResponse(Guid InstanceId, string? BusinessKey, string Status, string? Reason, MigrationProblemResponse? Problem, DateTimeOffset? FinishedAt, string? ReasonCode);
