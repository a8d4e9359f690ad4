using System.Xml.Linq;
using ApprovalFlow.Bpmn.Model;

namespace ApprovalFlow.Bpmn.Parsing;

/// <summary>
/// Reads tasks (BPMN 2.0.2 §10.3.3) with their Camunda 7 attributes. A task with a missing required
/// attribute is still returned (so flows to it resolve) after its error is reported.
/// </summary>
internal static class TaskReader
{
    private static readonly string[] ScriptFormats = ["javascript", "js", "ecmascript"];

    /// <summary>Reads the task described by <paramref name="header"/>; <see langword="null"/> when rejected.</summary>
    public static Activity? Read(NodeHeader header, ReadContext context)
    {
        var element = header.Element;
        return element.Name.LocalName switch
        {
            "task" or "manualTask" => new PassThroughTask { Id = header.Id, ScopeId = header.ScopeId, Kind = element.Name.LocalName },
            "userTask" => User(header, context),
            "serviceTask" or "sendTask" => Service(header, context),
            "scriptTask" => Script(header, context),
            _ => Receive(header, context),
        };
    }

    private static UserTask User(NodeHeader header, ReadContext context)
    {
        var element = header.Element;
        var resources = ResourceAssignmentReader.Read(element, context);
        return new UserTask
        {
            Id = header.Id,
            ScopeId = header.ScopeId,
            Assignee = CamundaExpression(element, "assignee") ?? resources.HumanPerformer,
            PotentialOwnerUsers = resources.Users,
            PotentialOwnerGroups = resources.Groups,
            CandidateUsers = CamundaExpression(element, "candidateUsers"),
            CandidateGroups = CamundaExpression(element, "candidateGroups"),
            DueDate = CamundaExpression(element, "dueDate"),
            FollowUpDate = CamundaExpression(element, "followUpDate"),
            Priority = CamundaExpression(element, "priority"),
            FormKey = BpmnXml.CamundaAttr(element, "formKey"),
        };
    }

    private static ServiceTask Service(NodeHeader header, ReadContext context)
    {
        var element = header.Element;
        var type = BpmnXml.CamundaAttr(element, "type");
        var topic = BpmnXml.CamundaAttr(element, "topic");
        if (type != "external" || topic is null)
        {
            context.Diagnostics.Add(element, DiagnosticCodes.MissingTopic,
                $"{BpmnXml.Describe(element)} must be an external task: set camunda:type=\"external\" and camunda:topic (Java classes, expressions and connectors are not supported).");
        }

        return new ServiceTask
        {
            Id = header.Id,
            ScopeId = header.ScopeId,
            Kind = element.Name.LocalName,
            Topic = topic ?? string.Empty,
            RetryTimeCycle = ExtensionReader.RetryTimeCycle(element),
            TaskPriority = CamundaExpression(element, "taskPriority"),
        };
    }

    private static ScriptTask Script(NodeHeader header, ReadContext context)
    {
        var element = header.Element;
        var format = BpmnXml.Attr(element, "scriptFormat") ?? string.Empty;
        if (!ScriptFormats.Contains(format, StringComparer.OrdinalIgnoreCase))
        {
            context.Diagnostics.Add(element, DiagnosticCodes.UnsupportedAttribute,
                $"{BpmnXml.Describe(element)} has scriptFormat '{format}'; only javascript is supported.");
        }

        if (BpmnXml.CamundaAttr(element, "resource") is not null)
        {
            context.Diagnostics.Add(element, DiagnosticCodes.UnsupportedAttribute, $"{BpmnXml.Describe(element)} uses camunda:resource; write the script inline.");
        }

        var script = element.Element(BpmnXml.Model + "script")?.Value;
        if (string.IsNullOrWhiteSpace(script))
        {
            context.Diagnostics.Add(element, DiagnosticCodes.MissingScript, $"{BpmnXml.Describe(element)} has no script.");
        }

        return new ScriptTask
        {
            Id = header.Id,
            ScopeId = header.ScopeId,
            ScriptFormat = format,
            Script = script ?? string.Empty,
            ResultVariable = BpmnXml.CamundaAttr(element, "resultVariable"),
        };
    }

    private static ReceiveTask? Receive(NodeHeader header, ReadContext context)
    {
        var element = header.Element;
        if (BpmnXml.IsTrue(element, "instantiate"))
        {
            context.Reject(element, "instantiate=\"true\"", "instances are started through the API");
            return null;
        }

        var messageRef = context.QNameRef(element, "messageRef");
        var name = EventDefinitionReader.MessageName(element, messageRef, context);
        return name is null ? null : new ReceiveTask { Id = header.Id, ScopeId = header.ScopeId, MessageRef = messageRef!, MessageName = name };
    }

    private static Expression? CamundaExpression(XElement element, string name) =>
        BpmnXml.CamundaAttr(element, name) is { } text ? Expression.Parse(text) : null;
}
