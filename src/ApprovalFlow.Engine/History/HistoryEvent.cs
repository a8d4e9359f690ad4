using System.Text.Json;
using System.Text.Json.Serialization;

namespace ApprovalFlow.Engine.History;

/// <summary>One append-only history record of a step. Events of a step share its instant.</summary>
/// <param name="Type">What happened.</param>
/// <param name="At">The step's instant (UTC).</param>
/// <param name="NodeId">The flow node involved, or <see langword="null"/>.</param>
/// <param name="ExecutionId">The execution involved, or <see langword="null"/>.</param>
/// <param name="TaskId">The task, timer, job, subscription or incident id involved, or <see langword="null"/>.</param>
/// <param name="Actor">The user who acted, or <see langword="null"/>.</param>
/// <param name="Data">Extra facts (task output, error message, ...), or <see langword="null"/>.</param>
public sealed record HistoryEvent(
    HistoryEventType Type,
    DateTimeOffset At,
    string? NodeId = null,
    string? ExecutionId = null,
    string? TaskId = null,
    string? Actor = null,
    IReadOnlyDictionary<string, JsonElement>? Data = null);

/// <summary>Kinds of <see cref="HistoryEvent"/>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<HistoryEventType>))]
public enum HistoryEventType
{
    /// <summary>The instance started.</summary>
    InstanceStarted,

    /// <summary>The instance completed.</summary>
    InstanceCompleted,

    /// <summary>The instance was cancelled.</summary>
    InstanceCancelled,

    /// <summary>A token entered a node.</summary>
    NodeEntered,

    /// <summary>A token left a node after completing it.</summary>
    NodeLeft,

    /// <summary>A token was removed from a node without completing it (interrupted or cancelled).</summary>
    NodeCancelled,

    /// <summary>A user task was created.</summary>
    TaskCreated,

    /// <summary>A user task was completed (actor and variables in <see cref="HistoryEvent.Data"/>).</summary>
    TaskCompleted,

    /// <summary>A user task was cancelled.</summary>
    TaskCancelled,

    /// <summary>A timer fired.</summary>
    TimerFired,

    /// <summary>A message was correlated.</summary>
    MessageCorrelated,

    /// <summary>A job completed.</summary>
    JobCompleted,

    /// <summary>A job attempt failed.</summary>
    JobFailed,

    /// <summary>A BPMN error was thrown.</summary>
    ErrorThrown,

    /// <summary>A child instance completed and the call activity resumed.</summary>
    ChildInstanceCompleted,

    /// <summary>An incident was raised.</summary>
    IncidentRaised,

    /// <summary>An incident was resolved.</summary>
    IncidentResolved,

    /// <summary>A reminder about an open user task's deadline was due (recorded by the host, not the engine).</summary>
    TaskReminded,

    /// <summary>An open user task passed its last reminder and was escalated to another group (recorded by the host).</summary>
    TaskEscalated,

    /// <summary>The assignee (or an admin) handed an open user task to another candidate (recorded by the host; <c>Data</c>: <c>from</c>, <c>to</c>, <c>note</c>).</summary>
    TaskHandedOver,
    /// <summary>A user claimed an open user task (recorded by the host; actor: who claimed it).</summary>
    TaskClaimed,

    /// <summary>A claimed user task was given back to its candidates (recorded by the host; actor: who gave it back, data: the previous assignee).</summary>
    TaskUnclaimed,

    /// <summary>A user commented on a user task (recorded by the host; data: the comment's id and text).</summary>
    TaskCommented,

    /// <summary>A user attached a file to a user task (recorded by the host; data: the attachment's id, name, size and SHA-256).</summary>
    TaskAttachmentAdded,

    /// <summary>The instance moved to another version of its definition (data: <c>fromVersion</c>, <c>toVersion</c>, <c>mapping</c> of its active source nodes to target nodes; actor: who started the migration).</summary>
    InstanceMigrated,

    /// <summary>A signal was thrown by a signal throw or end event (data: <c>signalName</c>).</summary>
    SignalThrown,

    /// <summary>A signal reached a subscription (data: <c>signalName</c>, <c>deliveryId</c> when broadcast by the host; task id: the subscription).</summary>
    SignalReceived,

    /// <summary>An escalation was thrown (data: <c>escalationCode</c>, <c>caughtBy</c>: the boundary event, absent when uncaught here).</summary>
    EscalationThrown,
}
