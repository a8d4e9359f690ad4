using ApprovalFlow.Bpmn.Model;
using ApprovalFlow.Engine.History;
using ApprovalFlow.Engine.State;

namespace ApprovalFlow.Engine.Runtime;

/// <summary>Gateways (BPMN 2.0.2 §13.3): exclusive, parallel, inclusive and event-based.</summary>
internal sealed partial class Step
{
    /// <summary>Takes the first flow (document order) whose condition holds, else the default (§13.3.2).</summary>
    private void RunExclusive(Execution execution, ExclusiveGateway gateway) =>
        LeaveGateway(execution, gateway, gateway.DefaultFlow, firstOnly: true);

    /// <summary>
    /// Leaves a gateway by the flows whose conditions hold (the first only, for an exclusive gateway),
    /// else by the default flow; with neither, an incident holds the token.
    /// </summary>
    private void LeaveGateway(Execution execution, Gateway gateway, string? defaultFlow, bool firstOnly)
    {
        if (!TrySelectFlows(execution, Process.Outgoing(gateway.Id), defaultFlow, firstOnly, RetryAction.Enter, out var taken))
        {
            return;
        }

        if (taken.Count == 0)
        {
            if (defaultFlow is null)
            {
                RaiseIncident(execution, IncidentKind.NoOutgoingFlow, RetryAction.Enter, $"No condition of gateway '{gateway.Id}' holds and it has no default flow.");
                return;
            }

            taken.Add(Process.Definition.Flow(defaultFlow));
        }

        Record(HistoryEventType.NodeLeft, gateway.Id, execution.Id);
        TakeFlows(execution, taken);
    }

    /// <summary>
    /// The flows, other than <paramref name="skipFlowId"/>, that are unconditional or whose condition
    /// holds, in document order (only the first when <paramref name="firstOnly"/>).
    /// </summary>
    /// <returns><see langword="false"/> when a condition failed and an incident now holds the token.</returns>
    private bool TrySelectFlows(Execution execution, IReadOnlyList<SequenceFlow> flows, string? skipFlowId, bool firstOnly, RetryAction retry, out List<SequenceFlow> taken)
    {
        taken = [];
        foreach (var flow in flows)
        {
            if (flow.Id == skipFlowId)
            {
                continue;
            }

            var holds = true;
            if (flow.Condition is not null && !TryCondition(execution, flow.Condition, out holds, out var error))
            {
                RaiseIncident(execution, IncidentKind.Expression, retry, $"Condition of sequence flow '{flow.Id}': {error}");
                return false;
            }

            if (holds)
            {
                taken.Add(flow);
                if (firstOnly)
                {
                    break;
                }
            }
        }

        return true;
    }

    /// <summary>
    /// Forks on every outgoing flow; with several incoming flows it first waits for one token per
    /// incoming flow of the same scope (§13.3.4). A second token on the same flow waits for the next firing.
    /// </summary>
    private void RunParallel(Execution execution, ParallelGateway gateway)
    {
        if (gateway.Incoming.Count > 1)
        {
            SetJoining(execution);
            if (JoiningCount(execution.ParentId, gateway.Id) < gateway.Incoming.Count)
            {
                return;
            }

            var arrived = OnePerIncomingFlow(execution.ParentId, gateway);
            if (arrived.Count < gateway.Incoming.Count)
            {
                return;
            }

            execution = Merge(arrived);
        }

        Record(HistoryEventType.NodeLeft, gateway.Id, execution.Id);
        TakeFlows(execution, Process.Outgoing(gateway.Id));
    }

    /// <summary>
    /// Forks on every flow whose condition holds (else the default). With several incoming flows the
    /// token waits; <see cref="FireReadyInclusiveJoin"/> fires the join once no other token of the
    /// scope can still reach it (§13.3.3).
    /// </summary>
    private void RunInclusive(Execution execution, InclusiveGateway gateway)
    {
        if (gateway.Incoming.Count > 1)
        {
            SetJoining(execution);
            return;
        }

        ForkInclusive(execution, gateway);
    }

    private void ForkInclusive(Execution execution, InclusiveGateway gateway) =>
        LeaveGateway(execution, gateway, gateway.DefaultFlow, firstOnly: false);

    /// <summary>
    /// Fires one waiting inclusive join that no other token of its scope still blocks. Following BPMN
    /// 2.0.2 §13.3.3, a token blocks when it can reach an incoming flow of the join that has no token
    /// and cannot reach one that has (paths through the join itself do not count). Each (scope, join)
    /// is checked once per call, in the order of its oldest waiting token.
    /// </summary>
    /// <returns><see langword="true"/> when a join fired (call again: more may be ready).</returns>
    private bool FireReadyInclusiveJoin()
    {
        HashSet<(string?, string)>? checkedJoins = null;
        foreach (var waiting in State.Executions)
        {
            if (waiting.Status != ExecutionStatus.Joining || Process.Node(waiting.NodeId) is not InclusiveGateway gateway
                || !(checkedJoins ??= []).Add((waiting.ParentId, gateway.Id)))
            {
                continue;
            }

            var arrived = OnePerIncomingFlow(waiting.ParentId, gateway);
            if (!IsBlocked(waiting.ParentId, gateway, arrived))
            {
                ForkInclusive(Merge(arrived), gateway);
                return true;
            }
        }

        return false;
    }

    private bool IsBlocked(string? scopeId, InclusiveGateway gateway, List<Execution> arrived)
    {
        var filled = new HashSet<string>(arrived.Select(a => a.ArrivedVia!), StringComparer.Ordinal);
        foreach (var other in State.Executions)
        {
            if (other.ParentId != scopeId || (other.Status == ExecutionStatus.Joining && other.NodeId == gateway.Id))
            {
                continue;
            }

            var reachesEmpty = false;
            var reachesFilled = false;
            foreach (var flowId in gateway.Incoming)
            {
                if (Process.CanReachFlow(other.NodeId, flowId))
                {
                    if (filled.Contains(flowId))
                    {
                        reachesFilled = true;
                    }
                    else
                    {
                        reachesEmpty = true;
                    }
                }
            }

            if (reachesEmpty && !reachesFilled)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The oldest joining token of the scope on each incoming flow of the gateway, in the order of the incoming flows; one
    /// pass over the executions. To read only (<see cref="Merge"/> owns them): called inside loops over the list.
    /// </summary>
    private List<Execution> OnePerIncomingFlow(string? scopeId, Gateway gateway)
    {
        var oldest = new Dictionary<string, Execution>(gateway.Incoming.Count, StringComparer.Ordinal);
        foreach (var candidate in State.Executions)
        {
            if (candidate.Status == ExecutionStatus.Joining && candidate.NodeId == gateway.Id && candidate.ParentId == scopeId && candidate.ArrivedVia is { } flowId)
            {
                oldest.TryAdd(flowId, candidate);
            }
        }

        var arrived = new List<Execution>(oldest.Count);
        foreach (var flowId in gateway.Incoming)
        {
            if (oldest.TryGetValue(flowId, out var token))
            {
                arrived.Add(token);
            }
        }

        return arrived;
    }

    /// <summary>Keeps the first token of a join and consumes the others (the step's own, see <see cref="Own"/>).</summary>
    private Execution Merge(List<Execution> arrived)
    {
        for (var i = 0; i < arrived.Count; i++)
        {
            arrived[i] = Own(arrived[i]);
        }

        RemoveExecutions(arrived.GetRange(1, arrived.Count - 1));
        ClearJoining(arrived[0]);
        return arrived[0];
    }

    /// <summary>Waits for every event after the gateway; the first to occur wins (§13.3.5).</summary>
    private void RunEventBased(Execution execution, EventBasedGateway gateway)
    {
        foreach (var flow in Process.Outgoing(gateway.Id))
        {
            var ok = Process.Node(flow.TargetRef) switch
            {
                IntermediateCatchEvent target => Wait(execution, target.Id, target.Definition),
                ReceiveTask receive => Subscribe(execution, receive.Id, receive.MessageName),
                _ => throw new InvalidOperationException($"Event-based gateway '{gateway.Id}' leads to '{flow.TargetRef}', which is not a catch event."),
            };
            if (!ok)
            {
                return;
            }
        }

        DecideByCondition(execution, gateway);
    }
}
