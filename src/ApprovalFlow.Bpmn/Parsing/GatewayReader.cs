using ApprovalFlow.Bpmn.Model;

namespace ApprovalFlow.Bpmn.Parsing;

/// <summary>Reads exclusive, inclusive, parallel and event-based gateways (BPMN 2.0.2 §10.6).</summary>
internal static class GatewayReader
{
    /// <summary>Reads the gateway described by <paramref name="header"/>; <see langword="null"/> when rejected.</summary>
    public static Gateway? Read(NodeHeader header, ReadContext context)
    {
        var element = header.Element;
        ChildElements.Check(element, context);
        var defaultFlow = BpmnXml.Attr(element, "default");
        switch (element.Name.LocalName)
        {
            case "exclusiveGateway":
                return header.Apply(new ExclusiveGateway { Id = header.Id, ScopeId = header.ScopeId, DefaultFlow = defaultFlow });
            case "inclusiveGateway":
                return header.Apply(new InclusiveGateway { Id = header.Id, ScopeId = header.ScopeId, DefaultFlow = defaultFlow });
            case "parallelGateway":
                return header.Apply(new ParallelGateway { Id = header.Id, ScopeId = header.ScopeId });
            default:
                if (BpmnXml.IsTrue(element, "instantiate") || BpmnXml.Attr(element, "eventGatewayType") == "Parallel")
                {
                    context.Reject(element, "instantiate or eventGatewayType=\"Parallel\"", "only exclusive, non-instantiating event-based gateways are supported");
                    return null;
                }

                return header.Apply(new EventBasedGateway { Id = header.Id, ScopeId = header.ScopeId });
        }
    }
}
