using System.Xml.Linq;
using ApprovalFlow.Bpmn.Model;

namespace ApprovalFlow.Bpmn.Parsing;

/// <summary>
/// Reads <c>conditionalEventDefinition</c> (BPMN 2.0.2 §10.5.5) with Camunda 7's
/// <c>camunda:variableName</c> and <c>camunda:variableEvents</c>. The condition's JavaScript is checked by
/// the validator, like every other condition.
/// </summary>
internal static class ConditionalEventReader
{
    private static readonly (string Name, ConditionalVariableEvents Kind)[] Kinds =
    [
        ("create", ConditionalVariableEvents.Create),
        ("update", ConditionalVariableEvents.Update),
        ("delete", ConditionalVariableEvents.Delete),
    ];

    /// <summary>
    /// Reads the definition of <paramref name="owner"/>; reports <see cref="DiagnosticCodes.MissingCondition"/>
    /// when it has no (or an empty) <c>condition</c> and <see cref="DiagnosticCodes.InvalidEventDefinition"/>
    /// for a <c>camunda:variableEvents</c> entry other than <c>create</c>, <c>update</c> and <c>delete</c>.
    /// </summary>
    /// <returns>The definition, or <see langword="null"/> after reporting.</returns>
    public static ConditionalEventDefinition? Read(XElement owner, XElement definition, ReadContext context)
    {
        var condition = BpmnXml.ChildText(definition, "condition");
        if (condition is null)
        {
            context.Diagnostics.Add(owner, DiagnosticCodes.MissingCondition,
                $"The conditionalEventDefinition of {BpmnXml.Describe(owner)} has no condition; add <condition xsi:type=\"tFormalExpression\">${{...}}</condition>.");
            return null;
        }

        var events = ConditionalVariableEvents.Any;
        if (definition.Attribute(BpmnXml.Camunda + "variableEvents") is { } attribute)
        {
            events = ConditionalVariableEvents.None;
            foreach (var entry in attribute.Value.Split(',', StringSplitOptions.TrimEntries))
            {
                var kind = Array.Find(Kinds, k => k.Name == entry).Kind;
                if (kind == ConditionalVariableEvents.None)
                {
                    context.Diagnostics.Add(owner, DiagnosticCodes.InvalidEventDefinition,
                        $"camunda:variableEvents '{attribute.Value}' of {BpmnXml.Describe(owner)} must list create, update or delete, separated by commas; '{entry}' is none of them.");
                    return null;
                }

                events |= kind;
            }
        }

        return new ConditionalEventDefinition(Expression.ParseCondition(condition), BpmnXml.CamundaAttr(definition, "variableName"), events);
    }
}
