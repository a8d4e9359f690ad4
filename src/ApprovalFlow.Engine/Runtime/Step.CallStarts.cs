using ApprovalFlow.Engine.State;

namespace ApprovalFlow.Engine.Runtime;

/// <summary>Call activities whose called process cannot be started (BPMN 2.0.2 §10.3.6).</summary>
internal sealed partial class Step
{
    /// <summary>
    /// The host refused to start the child of the call activity waiting in <paramref name="execution"/>: it stops
    /// waiting and gets a <see cref="IncidentKind.CalledProcessNotStartable"/> incident; a retry enters the call activity again.
    /// </summary>
    public void RefuseChildStart(Execution execution, string message)
    {
        execution.WaitingForChild = false;
        RaiseIncident(execution, IncidentKind.CalledProcessNotStartable, RetryAction.Enter, message);
    }
}
