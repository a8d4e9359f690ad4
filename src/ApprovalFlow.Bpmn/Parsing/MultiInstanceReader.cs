using System.Xml.Linq;
using ApprovalFlow.Bpmn.Model;

namespace ApprovalFlow.Bpmn.Parsing;

/// <summary>Reads <c>multiInstanceLoopCharacteristics</c> (BPMN 2.0.2 §10.3.8) with Camunda's collection attributes.</summary>
internal static class MultiInstanceReader
{
    /// <summary>The activity's multi-instance characteristics, or <see langword="null"/> when it has none.</summary>
    public static MultiInstanceCharacteristics? Read(XElement activity, ReadContext context)
    {
        var loop = activity.Element(BpmnXml.Model + "multiInstanceLoopCharacteristics");
        if (loop is null)
        {
            return null;
        }

        foreach (var child in BpmnXml.ModelChildren(loop).Where(c => c.Name.LocalName is not ("loopCardinality" or "completionCondition" or "documentation" or "extensionElements")))
        {
            context.Reject(activity, child.Name.LocalName, "multi-instance data inputs and outputs are not supported; use camunda:collection and camunda:elementVariable");
        }

        return new MultiInstanceCharacteristics
        {
            IsSequential = BpmnXml.IsTrue(loop, "isSequential"),
            LoopCardinality = Parse(BpmnXml.ChildText(loop, "loopCardinality")),
            CompletionCondition = BpmnXml.ChildText(loop, "completionCondition") is { } condition ? Expression.ParseCondition(condition) : null,
            Collection = Parse(BpmnXml.CamundaAttr(loop, "collection")),
            ElementVariable = BpmnXml.CamundaAttr(loop, "elementVariable"),
        };
    }

    private static Expression? Parse(string? text) => text is null ? null : Expression.Parse(text);
}
