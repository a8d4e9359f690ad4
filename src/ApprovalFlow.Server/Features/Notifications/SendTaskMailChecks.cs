using ApprovalFlow.Bpmn.Model;
using ApprovalFlow.Bpmn.Parsing;

namespace ApprovalFlow.Server.Features.Notifications;

/// <summary>
/// Deploy-time checks of the send tasks with topic <c>mail.send</c> (<see cref="SendTaskMailHandler"/>) in every
/// executable process: each has the <c>camunda:properties</c> <c>template</c> and <c>to</c>, and a literal
/// <c>template</c> names a template of the templates folder. Thread-safe.
/// </summary>
public sealed class SendTaskMailChecks(NotificationTemplates templates)
{
    /// <summary>Code of a <c>mail.send</c> task without a <c>template</c> or <c>to</c> property.</summary>
    public const string MissingProperty = "mail-property-missing";

    /// <summary>Code of a literal <c>template</c> without template files.</summary>
    public const string UnknownTemplate = "unknown-template";

    /// <summary>Every violation, with the element id and line.</summary>
    public IReadOnlyList<BpmnDiagnostic> Errors(BpmnDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var errors = new List<BpmnDiagnostic>();
        var tasks = document.Processes.Where(p => p.IsExecutable).SelectMany(p => p.Nodes.Values.OfType<ServiceTask>())
            .Where(t => t.Topic == SendTaskMailHandler.TopicName).OrderBy(t => t.Position.Line);
        foreach (var task in tasks)
        {
            foreach (var property in (string[])["template", "to"])
            {
                if (!task.Properties.TryGetValue(property, out var value) || string.IsNullOrWhiteSpace(value))
                {
                    errors.Add(Error(task, MissingProperty,
                        $"{task.Kind} '{task.Id}' (topic mail.send) has no camunda:property '{property}'; it needs 'template' (a template of workflows/templates) and 'to' (users, group:<id> or addresses)."));
                }
            }

            if (task.Properties.GetValueOrDefault("template") is { } template && !string.IsNullOrWhiteSpace(template)
                && !template.Contains("${", StringComparison.Ordinal) && !templates.Has(template.Trim()))
            {
                errors.Add(Error(task, UnknownTemplate,
                    $"{task.Kind} '{task.Id}' names template '{template}', but workflows/templates has no {template.Trim()}.fa.liquid; add the template (fa and en) or fix the name."));
            }
        }

        return errors;
    }

    private static BpmnDiagnostic Error(ServiceTask task, string code, string message) =>
        new(task.Id, task.Position.Line, task.Position.Column, code, message);
}
