using System.Xml.Linq;
using ApprovalFlow.Bpmn.Model;

namespace ApprovalFlow.Bpmn.Parsing;

/// <summary>
/// Reads the start event of an event subprocess (BPMN 2.0.2 §10.3.5, <c>triggeredByEvent="true"</c>): one
/// event definition of a kind in <see cref="StartKinds"/>, and <c>isInterrupting</c> (default
/// <see langword="true"/>). Returns <see langword="null"/> after reporting when the start is not usable.
/// </summary>
internal static class EventSubprocessReader
{
    /// <summary>Data outputs of a catch event (BPMN 2.0.2 §10.5.1): accepted and ignored.</summary>
    private static readonly string[] DataElements = ["dataOutput", "dataOutputAssociation", "outputSet"];

    /// <summary>
    /// The event definitions that may trigger an event subprocess, with how each is read. One entry per
    /// kind: a new kind (e.g. conditional) is one more line here and one more case where the engine subscribes.
    /// </summary>
    private static readonly Dictionary<string, Func<XElement, XElement, ReadContext, EventDefinition?>> StartKinds = new(StringComparer.Ordinal)
    {
        ["messageEventDefinition"] = (owner, definition, context) => EventDefinitionReader.Read(owner, definition, context, boundary: false),
        ["timerEventDefinition"] = (owner, definition, context) => EventDefinitionReader.Read(owner, definition, context, boundary: false),
        ["signalEventDefinition"] = (owner, definition, context) => EventDefinitionReader.Signal(owner, definition, context),
        ["errorEventDefinition"] = (owner, definition, context) => EventDefinitionReader.Error(owner, definition, context),
        ["escalationEventDefinition"] = (owner, definition, context) => EventDefinitionReader.Escalation(owner, definition, context, throws: false),
        ["conditionalEventDefinition"] = ConditionalEventReader.Read,
    };

    /// <summary>Reads the <c>startEvent</c> of <paramref name="header"/>, which lies directly in an event subprocess.</summary>
    public static StartEvent? ReadStart(NodeHeader header, ReadContext context)
    {
        var element = header.Element;
        var definitions = EventDefinitionReader.Of(element);
        ChildElements.Check(element, context, [.. definitions.Select(d => d.Name.LocalName), "eventDefinitionRef", .. DataElements]);
        if (definitions is not [var only] || !StartKinds.TryGetValue(only.Name.LocalName, out var read))
        {
            context.Diagnostics.Add(element, DiagnosticCodes.InvalidEventDefinition,
                $"{BpmnXml.Describe(element)} starts the event subprocess '{header.ScopeId}', so it needs exactly one event definition of kind "
                + $"{string.Join(", ", StartKinds.Keys.Select(k => k.Replace("EventDefinition", string.Empty, StringComparison.Ordinal)))}; "
                + $"it has {(definitions.Count == 0 ? "none" : string.Join(", ", definitions.Select(d => d.Name.LocalName)))}.");
            return null;
        }

        return read(element, only, context) is { } trigger
            ? header.Apply(new StartEvent
            {
                Id = header.Id,
                ScopeId = header.ScopeId,
                Trigger = trigger,
                IsInterrupting = BpmnXml.Attr(element, "isInterrupting") is not ("false" or "0"),
            })
            : null;
    }
}
