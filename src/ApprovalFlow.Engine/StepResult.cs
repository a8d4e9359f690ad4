using ApprovalFlow.Engine.History;
using ApprovalFlow.Engine.Intents;
using ApprovalFlow.Engine.State;

namespace ApprovalFlow.Engine;

/// <summary>
/// The outcome of one engine step: a closed set (style.md #7) of <see cref="Applied"/> and
/// <see cref="NotApplicable"/>.
/// </summary>
public abstract record StepResult
{
    private StepResult()
    {
    }

    /// <summary>The command changed the instance.</summary>
    /// <param name="State">The new state (a new object; the input state is untouched).</param>
    /// <param name="Intents">What the host must do after committing, in order.</param>
    /// <param name="History">History events of the step, in order.</param>
    public sealed record Applied(ProcessInstanceState State, IReadOnlyList<EngineIntent> Intents, IReadOnlyList<HistoryEvent> History) : StepResult;

    /// <summary>The command aimed at something that has moved on; nothing changed.</summary>
    /// <param name="Reason">Why.</param>
    /// <param name="Detail">The ids involved, for people and logs.</param>
    public sealed record NotApplicable(NotApplicableReason Reason, string Detail) : StepResult;
}

/// <summary>Why a command was a no-op.</summary>
public enum NotApplicableReason
{
    /// <summary>The instance is completed or cancelled.</summary>
    InstanceNotActive,

    /// <summary>No open task with that id (completed or cancelled already).</summary>
    TaskNotFound,

    /// <summary>No pending timer with that id (fired, or its token left).</summary>
    TimerNotFound,

    /// <summary>No subscription for that message name.</summary>
    NoSubscription,

    /// <summary>No pending job with that id.</summary>
    JobNotFound,

    /// <summary>No execution waiting for that child instance.</summary>
    ExecutionNotFound,

    /// <summary>No open incident with that id.</summary>
    IncidentNotFound,
}
