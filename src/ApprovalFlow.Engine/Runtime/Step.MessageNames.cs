using ApprovalFlow.Bpmn.Model;
using ApprovalFlow.Engine.State;

namespace ApprovalFlow.Engine.Runtime;

/// <summary>
/// Message names with <c>${...}</c> (Camunda 7: <c>&lt;message name="order-${orderId}"/&gt;</c>), resolved when the
/// catch event, boundary event, receive task or event subprocess start subscribes, with the variables the waiting
/// execution sees. A message start event of the process cannot have one (refused at deploy, as Camunda 7).
/// </summary>
internal sealed partial class Step
{
    /// <summary>The name <paramref name="execution"/> subscribes to at <paramref name="nodeId"/>: <paramref name="messageName"/> itself, or what its expression gives.</summary>
    /// <returns><see langword="false"/> when the expression failed or gave no name: an <see cref="IncidentKind.Expression"/> incident now holds <paramref name="execution"/>.</returns>
    private bool TryMessageName(Execution execution, string nodeId, string messageName, out string name)
    {
        name = messageName;
        if (!messageName.Contains("${", StringComparison.Ordinal))
        {
            return true;
        }

        if (TryString(execution, Expression.Parse(messageName), out var resolved, out var error) && !string.IsNullOrEmpty(resolved))
        {
            name = resolved;
            return true;
        }

        RaiseIncident(execution, IncidentKind.Expression, RetryAction.Enter,
            $"Message event '{nodeId}': {(error.Length > 0 ? error : $"the message name '{messageName}' gave no name.")}");
        return false;
    }
}
