using System.Text.Json;
using ApprovalFlow.Bpmn.Model;

namespace ApprovalFlow.Engine.Commands;

/// <summary>
/// A command for one engine step on an existing instance (<see cref="Runtime.ProcessEngine.Execute"/>).
/// Ids are the instance-local ids found in the state and intents.
/// </summary>
public abstract record EngineCommand;

/// <summary>Starts a process instance at its none start event, or at one of its signal or message start events.</summary>
/// <param name="InstanceId">The new instance's id, chosen by the host.</param>
/// <param name="DefinitionVersion">The deployed version being started.</param>
/// <param name="BusinessKey">The business key, or <see langword="null"/>.</param>
/// <param name="Variables">Initial process variables, or <see langword="null"/>.</param>
/// <param name="ParentInstanceId">For a call activity's child: the parent instance id.</param>
/// <param name="ParentExecutionId">For a call activity's child: the parent execution to resume.</param>
/// <param name="StartEventId">A signal, message or timer start event to start at (BPMN 2.0.2 §10.5.2), or <see langword="null"/> for the none start event.</param>
public sealed record StartInstance(
    string InstanceId,
    int DefinitionVersion = 1,
    string? BusinessKey = null,
    IReadOnlyDictionary<string, JsonElement>? Variables = null,
    string? ParentInstanceId = null,
    string? ParentExecutionId = null,
    string? StartEventId = null);

/// <summary>Completes an open user task; its variables merge into the process scope.</summary>
/// <param name="TaskId">The task id.</param>
/// <param name="Actor">The user completing it (recorded in history).</param>
/// <param name="Variables">Form output, or <see langword="null"/>.</param>
public sealed record CompleteUserTask(string TaskId, string? Actor, IReadOnlyDictionary<string, JsonElement>? Variables = null) : EngineCommand;

/// <summary>Fires a scheduled timer; a timer no longer in the state is a no-op.</summary>
/// <param name="TimerId">The timer id.</param>
public sealed record FireTimer(string TimerId) : EngineCommand;

/// <summary>
/// Delivers a message to the oldest subscription with its name (BPMN 2.0.2 §10.5.5). The host
/// chooses the instance (by business key or id).
/// </summary>
/// <param name="MessageName">The <c>bpmn:message</c> name.</param>
/// <param name="Variables">Message payload merged into the process scope, or <see langword="null"/>.</param>
/// <param name="Actor">The user who sent it (recorded in history), or <see langword="null"/> for the system.</param>
public sealed record CorrelateMessage(string MessageName, IReadOnlyDictionary<string, JsonElement>? Variables = null, string? Actor = null) : EngineCommand;

/// <summary>
/// Delivers a broadcast signal (BPMN 2.0.2 §10.5.5) to this instance's subscriptions with its name: to
/// those listed in <paramref name="SubscriptionIds"/> that still wait (the ones that existed when the
/// signal was broadcast), or to all with the name when it is <see langword="null"/>. Not applicable when none of them waits.
/// </summary>
/// <param name="SignalName">The signal name.</param>
/// <param name="SubscriptionIds">The subscriptions to deliver to, or <see langword="null"/> for every one with the name.</param>
/// <param name="Variables">The signal's variables, set in each receiving execution's scope, or <see langword="null"/>.</param>
/// <param name="DeliveryId">The broadcast's id, recorded in history, or <see langword="null"/>.</param>
/// <param name="Actor">The user who sent it, or <see langword="null"/> for the system.</param>
public sealed record DeliverSignal(
    string SignalName,
    IReadOnlyList<string>? SubscriptionIds = null,
    IReadOnlyDictionary<string, JsonElement>? Variables = null,
    string? DeliveryId = null,
    string? Actor = null) : EngineCommand;

/// <summary>
/// A call activity's child instance threw an escalation it did not catch (from
/// <see cref="Intents.PropagateEscalationIntent"/>): it is thrown at the call activity (BPMN 2.0.2
/// §10.5.3), caught by a matching escalation boundary event on it or an enclosing subprocess, or passed
/// on to this instance's own parent; uncaught, nothing happens.
/// </summary>
/// <param name="ExecutionId">The parent's waiting call-activity execution.</param>
/// <param name="ChildInstanceId">The child instance id (recorded in history).</param>
/// <param name="EscalationCode">The escalation code, or <see langword="null"/>.</param>
/// <param name="Origin">What threw it in the child, for people.</param>
public sealed record ChildInstanceEscalated(string ExecutionId, string ChildInstanceId, string? EscalationCode, string Origin) : EngineCommand;

/// <summary>Reports a service task's job as done.</summary>
/// <param name="JobId">The job id.</param>
/// <param name="Variables">Output merged into the process scope, or <see langword="null"/>.</param>
public sealed record CompleteJob(string JobId, IReadOnlyDictionary<string, JsonElement>? Variables = null) : EngineCommand;

/// <summary>
/// Reports a failed attempt of a job: it is retried per its retry cycle, then becomes an incident. An external
/// worker may set the retries itself, as Camunda 7's <c>handleFailure</c> does: <paramref name="Retries"/> attempts
/// are left (0 raises the incident), the next one not before <paramref name="RetryTimeout"/> has passed.
/// </summary>
/// <param name="JobId">The job id.</param>
/// <param name="ErrorMessage">Why it failed.</param>
/// <param name="Retries">Attempts still allowed (replaces the retry cycle), or <see langword="null"/> to follow the cycle.</param>
/// <param name="RetryTimeout">With <paramref name="Retries"/>: the wait before the next attempt (non-negative); <see langword="null"/> for none.</param>
public sealed record FailJob(string JobId, string ErrorMessage, int? Retries = null, TimeSpan? RetryTimeout = null) : EngineCommand;

/// <summary>A service task's handler throws a BPMN error, caught by an error boundary event (BPMN 2.0.2 §10.5.4).</summary>
/// <param name="JobId">The job id.</param>
/// <param name="ErrorCode">The error code matched against error boundary events.</param>
/// <param name="ErrorMessage">Text for history, or <see langword="null"/>.</param>
/// <param name="Variables">Variables set before the error propagates, or <see langword="null"/>.</param>
public sealed record ThrowBpmnError(string JobId, string ErrorCode, string? ErrorMessage = null, IReadOnlyDictionary<string, JsonElement>? Variables = null) : EngineCommand;

/// <summary>A call activity's child instance completed; its variables map out per <see cref="CallActivity.Out"/>.</summary>
/// <param name="ExecutionId">The parent's waiting call-activity execution (from the start intent).</param>
/// <param name="ChildInstanceId">The child instance id (recorded in history).</param>
/// <param name="Variables">The child's process variables at completion.</param>
public sealed record ChildInstanceCompleted(string ExecutionId, string ChildInstanceId, IReadOnlyDictionary<string, JsonElement> Variables) : EngineCommand;

/// <summary>
/// A call activity's child instance threw a BPMN error it did not catch and has ended (from
/// <see cref="Intents.PropagateErrorIntent"/>): the error is thrown at the call activity (BPMN 2.0.2
/// §10.4.3), caught by a matching error boundary event on it or an enclosing subprocess, passed on to
/// this instance's own parent, or held as an incident on the call activity.
/// </summary>
/// <param name="ExecutionId">The parent's waiting call-activity execution.</param>
/// <param name="ChildInstanceId">The child instance id (recorded in history).</param>
/// <param name="ErrorCode">The error code.</param>
/// <param name="Origin">What threw it in the child, for people.</param>
/// <param name="ErrorMessage">The error's message, set in the catching event's <c>camunda:errorMessageVariable</c>; <see langword="null"/> when it has none.</param>
public sealed record ChildInstanceThrewError(string ExecutionId, string ChildInstanceId, string ErrorCode, string Origin, string? ErrorMessage = null) : EngineCommand;

/// <summary>Cancels the whole instance: every token, task, timer, subscription, job and child.</summary>
/// <param name="Actor">Who cancelled, or <see langword="null"/>.</param>
/// <param name="Reason">Why, or <see langword="null"/>.</param>
public sealed record CancelInstance(string? Actor = null, string? Reason = null) : EngineCommand;

/// <summary>Retries the step an incident stopped, after merging <paramref name="Variables"/> (a fix) into the process scope.</summary>
/// <param name="IncidentId">The incident id.</param>
/// <param name="Variables">Corrected variables, or <see langword="null"/>.</param>
/// <param name="Actor">The user who retried (recorded in history), or <see langword="null"/> for the system.</param>
public sealed record RetryIncident(string IncidentId, IReadOnlyDictionary<string, JsonElement>? Variables = null, string? Actor = null) : EngineCommand;

/// <summary>
/// The host found that nobody can see an open user task just created (none of its assignee, candidate
/// users and candidate groups exists in its directory): the task is withdrawn and its token gets an
/// incident of kind <see cref="State.IncidentKind.NoCandidates"/>. Retrying the incident enters the user
/// task again, so its assignment is evaluated and checked anew.
/// </summary>
/// <param name="TaskId">The task id.</param>
/// <param name="Message">Why nobody can see it, for people (e.g. which groups do not exist).</param>
public sealed record WithdrawUserTask(string TaskId, string Message) : EngineCommand;

/// <summary>
/// The host cannot start the child a call activity asked for (its <c>calledElement</c> expression named a process
/// without a none start event, which Camunda 7 also cannot start from a call activity): the call activity's token
/// gets an incident of kind <see cref="State.IncidentKind.CalledProcessNotStartable"/>. Retrying the incident enters the
/// call activity again, so <c>calledElement</c> is evaluated anew.
/// </summary>
/// <param name="ExecutionId">The call activity's execution waiting for the child.</param>
/// <param name="Message">Why the child cannot start, for people.</param>
public sealed record RefuseChildStart(string ExecutionId, string Message) : EngineCommand;
