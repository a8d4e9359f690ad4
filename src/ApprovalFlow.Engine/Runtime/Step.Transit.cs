using ApprovalFlow.Engine.State;

namespace ApprovalFlow.Engine.Runtime;

/// <summary>
/// Tokens in transit: queued to enter a node (on a sequence flow after leaving one, or new at a start or
/// boundary event) and not yet there. Such a token is at no flow node, so cancelling it cancels no node:
/// Camunda 7 ends an activity instance when the token leaves it and starts the next one only when the
/// token arrives. <see cref="Execution.NodeId"/> still names the node it left (or, for a new token, the
/// one it will enter) until <see cref="Enter"/>.
/// </summary>
internal sealed partial class Step
{
    private readonly HashSet<string> _inTransit = new(StringComparer.Ordinal);

    /// <summary>Tokens the state's agenda (work kept by <see cref="StopForBudget"/>) still has to move are in transit.</summary>
    private void IndexTransit()
    {
        foreach (var entry in State.Agenda)
        {
            if (!entry.RunOnly)
            {
                _inTransit.Add(entry.ExecutionId);
            }
        }
    }

    /// <summary><see langword="true"/> while <paramref name="execution"/> is queued to enter a node and has not entered it.</summary>
    private bool InTransit(Execution execution) => _inTransit.Contains(execution.Id);
}
