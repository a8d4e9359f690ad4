using System.Xml.Linq;
using ApprovalFlow.Bpmn.Model;
using ApprovalFlow.Bpmn.Validation;

namespace ApprovalFlow.Bpmn.Parsing;

/// <summary>The model as read, before validation, with what the validator needs beyond the model.</summary>
/// <param name="Document">The document; may break rules the validator checks.</param>
/// <param name="FlowScopes">The process or subprocess id each sequence flow was declared in, by flow id.</param>
internal sealed record ReadModel(BpmnDocument Document, IReadOnlyDictionary<string, string> FlowScopes);

/// <summary>Reads <c>bpmn:definitions</c> (BPMN 2.0.2 §8.3.3): messages, errors, signals, escalations and every process.</summary>
internal static class DocumentReader
{
    /// <summary>Root children accepted without execution semantics (collaborations, declarations, diagrams in other namespaces).</summary>
    private static readonly HashSet<string> Ignored = new(StringComparer.Ordinal)
    {
        "collaboration", "itemDefinition", "dataStore", "category", "interface",
        "resource", "documentation", "extensionElements", "import", "partnerEntity", "partnerRole",
        "relationship", "correlationProperty", "endPoint",
    };

    /// <summary>Reads the document; <see langword="null"/> after reporting when the root is not BPMN definitions.</summary>
    public static ReadModel? Read(XDocument xml, ReadContext context)
    {
        var root = xml.Root!;
        if (root.Name != BpmnXml.Model + "definitions")
        {
            context.Diagnostics.Add(root, DiagnosticCodes.NotBpmn,
                $"The root element is {root.Name.LocalName} in '{root.Name.NamespaceName}', not definitions in '{BpmnXml.Model.NamespaceName}'.");
            return null;
        }

        context.TargetNamespace = BpmnXml.Attr(root, "targetNamespace");
        ReadDeclarations(root, context);
        var flowScopes = new Dictionary<string, string>(StringComparer.Ordinal);
        var processes = new List<ProcessDefinition>();
        foreach (var child in BpmnXml.ModelChildren(root))
        {
            switch (child.Name.LocalName)
            {
                case "process":
                    var start = context.Diagnostics.Items.Count;
                    if (ProcessReader.Read(child, context, flowScopes) is { } process)
                    {
                        processes.Add(process);
                        if (!process.IsExecutable)
                        {
                            context.Diagnostics.KeepSince(start, BpmnValidator.StructureCodes);
                        }
                    }

                    break;
                case "message" or "error" or "signal" or "escalation":
                    break;
                case var name when !Ignored.Contains(name):
                    context.Reject(child);
                    break;
            }
        }

        if (!root.Elements(BpmnXml.Model + "process").Any())
        {
            context.Diagnostics.Add(root, DiagnosticCodes.NoProcess, "The file has no process.");
        }

        var document = new BpmnDocument { Processes = processes, Messages = context.Messages, Errors = context.Errors, Signals = context.Signals, Escalations = context.Escalations };
        return new ReadModel(document, flowScopes);
    }

    private static void ReadDeclarations(XElement root, ReadContext context)
    {
        foreach (var message in root.Elements(BpmnXml.Model + "message"))
        {
            if (context.ClaimId(message) is { } id && BpmnXml.Attr(message, "name") is { } name)
            {
                context.Messages[id] = name;
            }
        }

        foreach (var error in root.Elements(BpmnXml.Model + "error"))
        {
            if (context.ClaimId(error) is { } id)
            {
                context.Errors[id] = BpmnXml.Attr(error, "errorCode");
                if (BpmnXml.CamundaAttr(error, "errorMessage") is { } message)
                {
                    context.ErrorMessages[id] = message;
                }
            }
        }

        foreach (var signal in root.Elements(BpmnXml.Model + "signal"))
        {
            if (context.ClaimId(signal) is { } id && BpmnXml.Attr(signal, "name") is { } name)
            {
                context.Signals[id] = name;
            }
        }

        foreach (var escalation in root.Elements(BpmnXml.Model + "escalation"))
        {
            if (context.ClaimId(escalation) is { } id)
            {
                context.Escalations[id] = BpmnXml.Attr(escalation, "escalationCode");
            }
        }
    }
}
