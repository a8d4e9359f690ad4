using System.Xml.Linq;
using ApprovalFlow.Bpmn.Model;

namespace ApprovalFlow.Bpmn.Parsing;

/// <summary>
/// Reads one <c>bpmn:process</c> (BPMN 2.0.2 §10.2) and links its nodes: incoming and outgoing flows in
/// document order of the flows, and the boundary events of each activity.
/// </summary>
internal static class ProcessReader
{
    /// <summary>Reads <paramref name="process"/>; adds each flow's scope to <paramref name="flowScopes"/>. <see langword="null"/> when it has no usable id.</summary>
    public static ProcessDefinition? Read(XElement process, ReadContext context, Dictionary<string, string> flowScopes)
    {
        if (context.ClaimId(process) is not { } id)
        {
            return null;
        }

        ExtensionReader.RejectUnsupported(process, context);
        var scope = new ScopeReader(context);
        var (childIds, startId) = scope.ReadScope(process, id);
        foreach (var (flowId, scopeId) in scope.FlowScopes)
        {
            flowScopes[flowId] = scopeId;
        }

        var signalStarts = scope.Nodes.OfType<StartEvent>().Where(s => s.ScopeId == id && s.Signal is not null).Select(s => s.Id).ToList();
        var messageStarts = scope.Nodes.OfType<StartEvent>().Where(s => s.ScopeId == id && s.Message is not null).Select(s => s.Id).ToList();
        return new ProcessDefinition
        {
            Id = id,
            Name = BpmnXml.Attr(process, "name"),
            IsExecutable = BpmnXml.Attr(process, "isExecutable") is not ("false" or "0"),
            Position = BpmnXml.PositionOf(process),
            Nodes = Link(scope.Nodes, scope.Flows),
            Flows = scope.Flows.ToDictionary(f => f.Id, StringComparer.Ordinal),
            ChildNodeIds = childIds,
            StartEventId = startId,
            SignalStartEventIds = signalStarts,
            MessageStartEventIds = messageStarts,
            TaskPriority = BpmnXml.CamundaAttr(process, "taskPriority") is { } taskPriority ? Expression.Parse(taskPriority) : null,
            TimerStartEventIds = [.. scope.Nodes.OfType<StartEvent>().Where(s => s.ScopeId == id && s.Timer is not null).Select(s => s.Id)],
        };
    }

    private static Dictionary<string, FlowNode> Link(List<FlowNode> nodes, List<SequenceFlow> flows)
    {
        var outgoing = flows.ToLookup(f => f.SourceRef, f => f.Id, StringComparer.Ordinal);
        var incoming = flows.ToLookup(f => f.TargetRef, f => f.Id, StringComparer.Ordinal);
        var boundaries = nodes.OfType<BoundaryEvent>().ToLookup(b => b.AttachedToRef, b => b.Id, StringComparer.Ordinal);
        var result = new Dictionary<string, FlowNode>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            var linked = node with { Incoming = [.. incoming[node.Id]], Outgoing = [.. outgoing[node.Id]] };
            result[node.Id] = linked is Activity activity ? activity with { BoundaryEventIds = [.. boundaries[node.Id]] } : linked;
        }

        return result;
    }
}
