using System.Text.Json.Serialization;

namespace ApprovalFlow.Engine.State;

/// <summary>An open incident: a token that cannot go on until someone fixes the cause and retries.</summary>
public sealed record Incident
{
    /// <summary>Instance-local id, e.g. <c>i1</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The stopped execution.</summary>
    public required string ExecutionId { get; init; }

    /// <summary>The node where it stopped.</summary>
    public required string NodeId { get; init; }

    /// <summary>What kind of failure.</summary>
    public required IncidentKind Kind { get; init; }

    /// <summary>What went wrong, for people.</summary>
    public required string Message { get; init; }

    /// <summary>The failed job, for <see cref="IncidentKind.JobFailed"/>; otherwise <see langword="null"/>.</summary>
    public string? JobId { get; init; }

    /// <summary>What a retry does.</summary>
    public RetryAction Retry { get; init; }

    /// <summary>When it was raised (UTC).</summary>
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>Kinds of incident.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<IncidentKind>))]
public enum IncidentKind
{
    /// <summary>An expression or script failed (syntax, runtime error, sandbox limit, wrong type).</summary>
    Expression,

    /// <summary>A service task's job failed and has no retries left.</summary>
    JobFailed,

    /// <summary>A BPMN error found no catching boundary event.</summary>
    UnhandledError,

    /// <summary>A gateway had no outgoing flow to take.</summary>
    NoOutgoingFlow,

    /// <summary>
    /// A step used up its work budget (nodes entered or wall time; <see cref="Runtime.EngineOptions"/>):
    /// an endless loop without a wait state, or a very large fan-out. The work left over is kept in
    /// <see cref="ProcessInstanceState.Agenda"/>.
    /// </summary>
    WorkBudget,

    /// <summary>A multi-instance activity would create more instances than <see cref="Runtime.EngineOptions.MaxMultiInstanceItems"/>.</summary>
    TooManyInstances,

    /// <summary>
    /// Nobody can see a user task: none of its assignee, candidate users and candidate groups exists (the
    /// host checks, see <see cref="Commands.WithdrawUserTask"/>). Retrying creates the task again.
    /// </summary>
    NoCandidates,

    /// <summary>
    /// A call activity's <c>calledElement</c> named a deployed process that has no none start event (it starts by
    /// signals or messages only), so no child can be started (<see cref="Commands.RefuseChildStart"/>).
    /// </summary>
    CalledProcessNotStartable,
}

/// <summary>What retrying an incident does.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RetryAction>))]
public enum RetryAction
{
    /// <summary>Run the node again from its start.</summary>
    Enter,

    /// <summary>Take the node's outgoing flows again (the node itself had completed).</summary>
    Leave,

    /// <summary>Complete the activity again (a multi-instance completion condition failed).</summary>
    Complete,

    /// <summary>Run the failed job again.</summary>
    Job,

    /// <summary>Run the work a step left over when it ran out of its budget (<see cref="ProcessInstanceState.Agenda"/>), with a new budget.</summary>
    Resume,
}
