using System.Xml.Linq;
using ApprovalFlow.Bpmn.Model;

namespace ApprovalFlow.Bpmn.Parsing;

/// <summary>
/// Reads the flow elements of one process and its embedded subprocesses (BPMN 2.0.2 §10.2, §10.3.5)
/// into flat, ordered lists. Not thread-safe; one per process.
/// </summary>
internal sealed class ScopeReader(ReadContext context)
{
    /// <summary>Elements of a process or subprocess accepted without execution semantics.</summary>
    private static readonly HashSet<string> Ignored = new(StringComparer.Ordinal)
    {
        "documentation", "extensionElements", "laneSet", "property", "ioSpecification", "dataObject",
        "dataObjectReference", "dataStoreReference", "textAnnotation", "association", "group",
        "incoming", "outgoing", "auditing", "monitoring", "multiInstanceLoopCharacteristics",
    };

    private static readonly HashSet<string> Events = new(StringComparer.Ordinal)
    {
        "startEvent", "endEvent", "intermediateCatchEvent", "intermediateThrowEvent", "boundaryEvent",
    };

    private static readonly HashSet<string> Tasks = new(StringComparer.Ordinal)
    {
        "task", "manualTask", "userTask", "serviceTask", "sendTask", "scriptTask", "receiveTask",
    };

    private static readonly HashSet<string> Gateways = new(StringComparer.Ordinal)
    {
        "exclusiveGateway", "inclusiveGateway", "parallelGateway", "eventBasedGateway",
    };

    /// <summary>Ids of the event subprocesses read so far (their start events are read by <see cref="EventSubprocessReader"/>).</summary>
    private readonly HashSet<string> _eventSubprocessIds = new(StringComparer.Ordinal);

    /// <summary>All nodes read, nested ones too, in document order.</summary>
    public List<FlowNode> Nodes { get; } = [];

    /// <summary>All sequence flows read, in document order.</summary>
    public List<SequenceFlow> Flows { get; } = [];

    /// <summary>The scope (process or subprocess id) each flow was declared in, by flow id.</summary>
    public Dictionary<string, string> FlowScopes { get; } = new(StringComparer.Ordinal);

    /// <summary>Reads the children of <paramref name="container"/>; returns the ids of its direct nodes and its first none start event ("" when none).</summary>
    public (List<string> ChildNodeIds, string StartEventId) ReadScope(XElement container, string scopeId)
    {
        var childIds = new List<string>();
        foreach (var child in BpmnXml.ModelChildren(container))
        {
            var name = child.Name.LocalName;
            var isNode = Events.Contains(name) || Tasks.Contains(name) || Gateways.Contains(name) || name is "subProcess" or "callActivity";
            if (Ignored.Contains(name))
            {
                continue;
            }

            if (!isNode && name != "sequenceFlow")
            {
                context.Reject(child);
                if (BpmnXml.Attr(child, "id") is not null && context.ClaimId(child) is { } rejectedId)
                {
                    Nodes.Add(new NodeHeader(rejectedId, scopeId, child).Apply(new RejectedNode { Id = rejectedId, ScopeId = scopeId, Kind = name }));
                }

                continue;
            }

            var claimed = context.ClaimId(child);
            if (name == "sequenceFlow")
            {
                ReadFlow(child, claimed ?? context.FlowReference(child), claimed is null, scopeId);
                continue;
            }

            if (claimed is not { } id)
            {
                continue;
            }

            // Reserve the slot first: a subprocess's children are read before it is complete.
            var index = Nodes.Count;
            var header = new NodeHeader(id, scopeId, child);
            Nodes.Insert(index, ReadNode(header) ?? header.Apply(new RejectedNode { Id = id, ScopeId = scopeId, Kind = name }));
            childIds.Add(id);
        }

        var start = Nodes.OfType<StartEvent>().FirstOrDefault(s => s.ScopeId == scopeId && s is { Signal: null, Message: null, Timer: null });
        return (childIds, start?.Id ?? string.Empty);
    }

    private FlowNode? ReadNode(NodeHeader header)
    {
        var name = header.Element.Name.LocalName;
        if (name == "startEvent" && _eventSubprocessIds.Contains(header.ScopeId))
        {
            return EventSubprocessReader.ReadStart(header, context);
        }

        if (Events.Contains(name))
        {
            return EventReader.Read(header, context);
        }

        if (Gateways.Contains(name))
        {
            return GatewayReader.Read(header, context);
        }

        var activity = name switch
        {
            "callActivity" => CallActivityReader.Read(header, context),
            "subProcess" => ReadSubProcess(header),
            _ => TaskReader.Read(header, context),
        };
        return activity is null ? null : Finish(header, activity);
    }

    private SubProcess? ReadSubProcess(NodeHeader header)
    {
        var triggeredByEvent = BpmnXml.IsTrue(header.Element, "triggeredByEvent");
        if (triggeredByEvent)
        {
            _eventSubprocessIds.Add(header.Id);
        }

        var (childIds, startId) = ReadScope(header.Element, header.Id);
        return new SubProcess { Id = header.Id, ScopeId = header.ScopeId, ChildNodeIds = childIds, StartEventId = startId, TriggeredByEvent = triggeredByEvent };
    }

    private Activity? Finish(NodeHeader header, Activity activity)
    {
        var element = header.Element;
        if (BpmnXml.IsTrue(element, "isForCompensation"))
        {
            context.Reject(element, "isForCompensation=\"true\"", UnsupportedElements.BpmnReason("compensateEventDefinition"));
            return null;
        }

        if (activity is SubProcess)
        {
            ExtensionReader.RejectUnsupported(element, context);
        }
        else
        {
            ChildElements.Check(element, context, activity switch
            {
                ScriptTask => ["multiInstanceLoopCharacteristics", "script"],
                UserTask => ["multiInstanceLoopCharacteristics", .. ResourceAssignmentReader.Elements],
                _ => ["multiInstanceLoopCharacteristics"],
            });
        }

        return header.Apply(activity with { MultiInstance = MultiInstanceReader.Read(element, context), DefaultFlow = BpmnXml.Attr(element, "default") });
    }

    private void ReadFlow(XElement element, string id, bool idGenerated, string scopeId)
    {
        var condition = BpmnXml.ChildText(element, "conditionExpression");
        Flows.Add(new SequenceFlow
        {
            Id = id,
            Name = BpmnXml.Attr(element, "name"),
            Position = BpmnXml.PositionOf(element),
            SourceRef = BpmnXml.Attr(element, "sourceRef") ?? string.Empty,
            TargetRef = BpmnXml.Attr(element, "targetRef") ?? string.Empty,
            Condition = condition is null ? null : Expression.ParseCondition(condition),
            IdGenerated = idGenerated,
        });
        FlowScopes[id] = scopeId;
        ExtensionReader.RejectUnsupported(element, context);
    }
}
