using System.Collections.Frozen;
using ApprovalFlow.Bpmn.Model;

namespace ApprovalFlow.Engine.Runtime;

/// <summary>
/// A <see cref="ProcessDefinition"/> prepared for execution: outgoing flows and boundary events per
/// node as arrays, and, for every incoming flow of a joining inclusive gateway, the set of nodes from
/// which that flow can still be reached without passing the gateway (BPMN 2.0.2 §13.3.3). Build once
/// per deployed version and share; immutable and thread-safe.
/// </summary>
public sealed partial class ExecutableProcess
{
    private readonly FrozenDictionary<string, SequenceFlow[]> _outgoing;
    private readonly FrozenDictionary<string, BoundaryEvent[]> _boundaries;
    private readonly FrozenDictionary<string, FrozenSet<string>> _canReach;

    /// <summary>Prepares <paramref name="definition"/>; it must have passed validation.</summary>
    /// <param name="definition">A valid process definition.</param>
    /// <param name="version">The deployed version number.</param>
    public ExecutableProcess(ProcessDefinition definition, int version = 1)
    {
        ArgumentNullException.ThrowIfNull(definition);
        Definition = definition;
        Version = version;
        _outgoing = definition.Nodes.Values.ToFrozenDictionary(
            n => n.Id,
            n => n.Outgoing.Select(definition.Flow).ToArray(),
            StringComparer.Ordinal);
        _boundaries = definition.Nodes.Values.OfType<Activity>().ToFrozenDictionary(
            a => a.Id,
            a => a.BoundaryEventIds.Select(id => (BoundaryEvent)definition.Node(id)).ToArray(),
            StringComparer.Ordinal);
        _canReach = definition.Nodes.Values
            .Where(n => n is InclusiveGateway && n.Incoming.Count > 1)
            .SelectMany(n => n.Incoming.Select(flowId => (Flow: definition.Flow(flowId), Gateway: n.Id)))
            .ToFrozenDictionary(x => x.Flow.Id, x => NodesReaching(definition, x.Flow.SourceRef, x.Gateway), StringComparer.Ordinal);
    }

    /// <summary>The definition.</summary>
    public ProcessDefinition Definition { get; }

    /// <summary>The deployed version number.</summary>
    public int Version { get; }

    /// <summary>The process id (definition key).</summary>
    public string Key => Definition.Id;

    /// <summary>The node with id <paramref name="nodeId"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such node.</exception>
    public FlowNode Node(string nodeId) => Definition.Node(nodeId);

    /// <summary>Outgoing flows of a node, in document order.</summary>
    public IReadOnlyList<SequenceFlow> Outgoing(string nodeId) => _outgoing[nodeId];

    /// <summary>Boundary events attached to an activity (empty for other nodes).</summary>
    public IReadOnlyList<BoundaryEvent> Boundaries(string nodeId) =>
        _boundaries.TryGetValue(nodeId, out var found) ? found : [];

    /// <summary>
    /// Whether a token at <paramref name="fromNodeId"/> can still reach <paramref name="incomingFlowId"/>,
    /// an incoming flow of a joining inclusive gateway, by sequence flows of its scope without passing
    /// that gateway, counting paths out of boundary events.
    /// </summary>
    public bool CanReachFlow(string fromNodeId, string incomingFlowId) =>
        _canReach.TryGetValue(incomingFlowId, out var nodes) && nodes.Contains(fromNodeId);

    private static FrozenSet<string> NodesReaching(ProcessDefinition definition, string sourceId, string gatewayId)
    {
        var reaching = new HashSet<string>(StringComparer.Ordinal) { sourceId };
        var queue = new Queue<string>();
        queue.Enqueue(sourceId);
        while (queue.Count > 0)
        {
            var node = definition.Node(queue.Dequeue());
            foreach (var flowId in node.Incoming)
            {
                var source = definition.Flow(flowId).SourceRef;
                if (source != gatewayId && reaching.Add(source))
                {
                    queue.Enqueue(source);
                }
            }

            if (node is BoundaryEvent boundary && reaching.Add(boundary.AttachedToRef))
            {
                queue.Enqueue(boundary.AttachedToRef);
            }
        }

        return reaching.ToFrozenSet(StringComparer.Ordinal);
    }
}
