using System.Text.Json;
using ApprovalFlow.Bpmn.Model;
using ApprovalFlow.Engine.State;

namespace ApprovalFlow.Engine.Intents;

/// <summary>
/// Something the host must do after committing a step (architecture decision 2). Intents of one step
/// are in the order they arose.
/// </summary>
public abstract record EngineIntent;

/// <summary>Create an inbox entry for a new user task.</summary>
/// <param name="Task">The task with its evaluated assignment and dates.</param>
public sealed record CreateUserTaskIntent(OpenUserTask Task) : EngineIntent;

/// <summary>Remove an open user task whose token was cancelled (boundary event, completion condition, cancel).</summary>
/// <param name="TaskId">The task id.</param>
public sealed record CancelUserTaskIntent(string TaskId) : EngineIntent;

/// <summary>Schedule a timer to be fired with <c>FireTimer</c> at <paramref name="DueAt"/>.</summary>
/// <param name="TimerId">The timer id.</param>
/// <param name="NodeId">The timer event's node.</param>
/// <param name="DueAt">When to fire (UTC).</param>
public sealed record ScheduleTimerIntent(string TimerId, string NodeId, DateTimeOffset DueAt) : EngineIntent;

/// <summary>Cancel a scheduled timer (its token left).</summary>
/// <param name="TimerId">The timer id.</param>
public sealed record CancelTimerIntent(string TimerId) : EngineIntent;

/// <summary>The instance now waits for a message with this name.</summary>
/// <param name="SubscriptionId">The subscription id.</param>
/// <param name="MessageName">The message name.</param>
/// <param name="NodeId">The waiting node.</param>
public sealed record SubscribeMessageIntent(string SubscriptionId, string MessageName, string NodeId) : EngineIntent;

/// <summary>The instance no longer waits for that message.</summary>
/// <param name="SubscriptionId">The subscription id.</param>
/// <param name="MessageName">The message name.</param>
public sealed record UnsubscribeMessageIntent(string SubscriptionId, string MessageName) : EngineIntent;

/// <summary>The instance now waits for a signal with this name (BPMN 2.0.2 §10.5.5).</summary>
/// <param name="SubscriptionId">The subscription id.</param>
/// <param name="SignalName">The signal name (expressions evaluated).</param>
/// <param name="NodeId">The waiting node.</param>
public sealed record SubscribeSignalIntent(string SubscriptionId, string SignalName, string NodeId) : EngineIntent;

/// <summary>The instance no longer waits on that signal subscription.</summary>
/// <param name="SubscriptionId">The subscription id.</param>
public sealed record UnsubscribeSignalIntent(string SubscriptionId) : EngineIntent;

/// <summary>
/// A signal was thrown in this instance (BPMN 2.0.2 §10.5.5; global, as in Camunda 7): the engine has
/// already delivered it to this instance's own subscriptions; the host broadcasts it to every other
/// instance waiting for <paramref name="SignalName"/> and starts the latest definitions with a signal start
/// event of that name.
/// </summary>
/// <param name="SignalName">The signal name (expressions evaluated).</param>
/// <param name="Variables">The variables the signal carries (its <c>camunda:in</c> mappings); empty for none.</param>
/// <param name="NodeId">The throwing event.</param>
public sealed record ThrowSignalIntent(string SignalName, IReadOnlyDictionary<string, JsonElement> Variables, string NodeId) : EngineIntent;

/// <summary>
/// This child instance threw an escalation that nothing in it caught (BPMN 2.0.2 §10.5.3): throw it at the
/// parent's call activity with <c>ChildInstanceEscalated</c>. The child goes on (an uncaught escalation is no error).
/// </summary>
/// <param name="ParentInstanceId">The parent instance.</param>
/// <param name="ParentExecutionId">The parent's call-activity execution.</param>
/// <param name="EscalationCode">The escalation code, or <see langword="null"/> for an escalation without one.</param>
/// <param name="Origin">What threw it, for people.</param>
public sealed record PropagateEscalationIntent(string ParentInstanceId, string ParentExecutionId, string? EscalationCode, string Origin) : EngineIntent;

/// <summary>Run the handler of <paramref name="Topic"/> for a service or send task, not before <paramref name="NotBefore"/>.</summary>
/// <param name="JobId">The job id; report back with <c>CompleteJob</c>, <c>FailJob</c> or <c>ThrowBpmnError</c>.</param>
/// <param name="ExecutionId">The waiting execution (its visible variables are the handler's input).</param>
/// <param name="NodeId">The task's node.</param>
/// <param name="Topic">The handler topic.</param>
/// <param name="RetriesLeft">Attempts left after this one.</param>
/// <param name="NotBefore">Earliest start (UTC): the step's time, or later for a retry.</param>
/// <param name="Priority">
/// The task's <c>camunda:taskPriority</c> (else the process's, else 0), evaluated when the job was created; external
/// workers fetching with <c>usePriority</c> get higher first. Retries of the job carry 0 and keep the first value.
/// </param>
public sealed record RunServiceTaskIntent(string JobId, string ExecutionId, string NodeId, string Topic, int RetriesLeft, DateTimeOffset NotBefore, long Priority = 0) : EngineIntent;

/// <summary>Drop a job whose token was cancelled; a late result for it is a no-op anyway.</summary>
/// <param name="JobId">The job id.</param>
/// <param name="Topic">The job's topic (a host that offers some topics to outside workers withdraws the offer).</param>
public sealed record CancelServiceTaskIntent(string JobId, string Topic = "") : EngineIntent;

/// <summary>Start a child instance for a call activity (BPMN 2.0.2 §10.3.6), then report <c>ChildInstanceCompleted</c>.</summary>
/// <param name="ExecutionId">The waiting call-activity execution; pass it as the child's <c>ParentExecutionId</c>.</param>
/// <param name="NodeId">The call activity's node.</param>
/// <param name="DefinitionKey">The called process key.</param>
/// <param name="Binding">Which version to start.</param>
/// <param name="Version">The version for <see cref="CalledElementBinding.Version"/>.</param>
/// <param name="BusinessKey">The child's business key, or <see langword="null"/>.</param>
/// <param name="Variables">The child's initial variables (after <c>camunda:in</c> mapping).</param>
public sealed record StartChildInstanceIntent(
    string ExecutionId,
    string NodeId,
    string DefinitionKey,
    CalledElementBinding Binding,
    int? Version,
    string? BusinessKey,
    IReadOnlyDictionary<string, JsonElement> Variables) : EngineIntent;

/// <summary>Cancel the child instance started for <paramref name="ExecutionId"/> (its call activity was cancelled).</summary>
/// <param name="ExecutionId">The call-activity execution.</param>
public sealed record CancelChildInstanceIntent(string ExecutionId) : EngineIntent;

/// <summary>This child instance completed: resume the parent with <c>ChildInstanceCompleted</c>.</summary>
/// <param name="ParentInstanceId">The parent instance.</param>
/// <param name="ParentExecutionId">The parent's call-activity execution.</param>
/// <param name="Variables">The child's process variables.</param>
public sealed record NotifyParentIntent(string ParentInstanceId, string ParentExecutionId, IReadOnlyDictionary<string, JsonElement> Variables) : EngineIntent;

/// <summary>
/// This child instance threw a BPMN error it did not catch and has ended (BPMN 2.0.2 §10.4.3): throw it
/// at the parent's call activity with <c>ChildInstanceThrewError</c>.
/// </summary>
/// <param name="ParentInstanceId">The parent instance.</param>
/// <param name="ParentExecutionId">The parent's call-activity execution.</param>
/// <param name="ErrorCode">The error code, matched against the call activity's error boundary events.</param>
/// <param name="Origin">What threw it, for people (e.g. <c>end event 'fail' of process 'working-group'</c>).</param>
/// <param name="ErrorMessage">
/// The error's message (<c>camunda:errorMessage</c> of the thrown <c>bpmn:error</c>, or a service task's error message), for the
/// catching event's <c>camunda:errorMessageVariable</c> in the parent; <see langword="null"/> when it has none.
/// </param>
public sealed record PropagateErrorIntent(string ParentInstanceId, string ParentExecutionId, string ErrorCode, string Origin, string? ErrorMessage = null) : EngineIntent;

/// <summary>Record a new incident (show it to operators).</summary>
/// <param name="Incident">The incident.</param>
public sealed record RaiseIncidentIntent(Incident Incident) : EngineIntent;

/// <summary>An incident is resolved (retried, or its token was cancelled).</summary>
/// <param name="IncidentId">The incident id.</param>
public sealed record ResolveIncidentIntent(string IncidentId) : EngineIntent;
