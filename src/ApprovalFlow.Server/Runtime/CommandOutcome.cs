using ApprovalFlow.Engine;
using ApprovalFlow.Server.Data;

namespace ApprovalFlow.Server.Runtime;

/// <summary>The result of running one command on a stored instance.</summary>
public abstract record CommandOutcome
{
    private CommandOutcome()
    {
    }

    /// <summary>The step was committed.</summary>
    /// <param name="Instance">The instance row after the step.</param>
    /// <param name="WroteOutbox">Whether the step committed intents for the outbox dispatcher.</param>
    public sealed record Applied(ProcessInstanceRecord Instance, bool WroteOutbox) : CommandOutcome;

    /// <summary>The command aimed at something that has moved on; nothing changed.</summary>
    /// <param name="Reason">Why.</param>
    /// <param name="Detail">Ids involved, for people.</param>
    public sealed record NotApplicable(NotApplicableReason Reason, string Detail) : CommandOutcome;

    /// <summary>No instance has that id.</summary>
    /// <param name="InstanceId">The id asked for.</param>
    public sealed record InstanceNotFound(Guid InstanceId) : CommandOutcome;
}
