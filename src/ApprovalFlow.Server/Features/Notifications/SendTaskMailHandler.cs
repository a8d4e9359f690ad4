using System.Text.Json;
using System.Text.Json.Nodes;
using ApprovalFlow.Server.Runtime.ServiceTasks;

namespace ApprovalFlow.Server.Features.Notifications;

/// <summary>
/// The handler of send tasks with <c>camunda:topic="mail.send"</c>. Its <c>camunda:properties</c>: <c>template</c>
/// (a template of <c>workflows/templates</c>, e.g. <c>invitation</c>), <c>to</c> and optionally <c>cc</c>
/// (<see cref="MailRecipientResolver"/>), optionally <c>data</c> (an expression giving an object), and any other
/// property, evaluated, as a value of the template. Every recipient gets a <see cref="NotificationKinds.ProcessMail"/>
/// notification written in the transaction of the step that completes the task; cc recipients' data has
/// <c>copy: true</c>. An unknown template, a failing expression or an unknown recipient fails the attempt before anything is written.
/// </summary>
internal sealed class SendTaskMailHandler(MailRecipientResolver recipients, ServiceTaskExpressions expressions, NotificationTemplates templates) : IServiceTaskHandler
{
    /// <summary>The topic.</summary>
    public const string TopicName = "mail.send";

    /// <summary>The properties read as the mail's settings, not as template values.</summary>
    public static readonly IReadOnlySet<string> SettingProperties = new HashSet<string>(StringComparer.Ordinal) { "template", "to", "cc", "data" };

    /// <inheritdoc />
    public string Topic => TopicName;

    /// <inheritdoc />
    public async Task<ServiceTaskResult> HandleAsync(ServiceTaskContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var properties = context.Properties;
        var template = expressions.Evaluate(Required(context, "template"), context.Variables) is { ValueKind: JsonValueKind.String } name ? name.GetString()! : string.Empty;
        if (!templates.Has(template))
        {
            throw new SendTaskMailException($"Send task '{context.NodeId}' names template '{template}', which is not in the templates folder ({template}.fa.liquid).");
        }

        var to = await recipients.ResolveAsync(Required(context, "to"), context.Variables, cancellationToken);
        var cc = properties.TryGetValue("cc", out var ccList)
            ? (await recipients.ResolveAsync(ccList, context.Variables, cancellationToken)).Except(to)
            : new MailRecipients([], []);
        var data = Data(context);
        var copy = data.DeepClone().AsObject();
        copy["copy"] = true;
        var toData = JsonSerializer.SerializeToElement(data, NotificationJson.Options);
        var ccData = JsonSerializer.SerializeToElement(copy, NotificationJson.Options);
        return new ServiceTaskResult.Completed(Writes: async (db, now, token) =>
        {
            var writer = new NotificationWriter(db, now);
            await writer.ProcessMailAsync(context.InstanceId, template, to, toData, token);
            await writer.ProcessMailAsync(context.InstanceId, template, cc, ccData, token);
            return writer.Queued > 0;
        });
    }

    /// <summary>
    /// The template's values: <c>process</c>, <c>businessKey</c>, <c>title</c> (the instance's), <c>copy</c> (false), then the
    /// object of <c>data</c>, then every other property (a later one wins).
    /// </summary>
    private JsonObject Data(ServiceTaskContext context)
    {
        var data = new JsonObject
        {
            ["process"] = context.ProcessName,
            ["businessKey"] = context.BusinessKey ?? string.Empty,
            ["title"] = context.Variables.TryGetValue("title", out var title) && title.ValueKind == JsonValueKind.String ? title.GetString() : string.Empty,
            ["copy"] = false,
        };
        if (context.Properties.TryGetValue("data", out var dataText))
        {
            var value = expressions.Evaluate(dataText, context.Variables);
            if (value.ValueKind != JsonValueKind.Object)
            {
                throw new SendTaskMailException($"Send task '{context.NodeId}' has data '{dataText}', which gave {value.ValueKind}, not an object.");
            }

            foreach (var property in value.EnumerateObject())
            {
                data[property.Name] = JsonNode.Parse(property.Value.GetRawText());
            }
        }

        foreach (var (name, text) in context.Properties.Where(p => !SettingProperties.Contains(p.Key)))
        {
            data[name] = JsonNode.Parse(expressions.Evaluate(text, context.Variables).GetRawText());
        }

        return data;
    }

    private static string Required(ServiceTaskContext context, string property) =>
        context.Properties.TryGetValue(property, out var text) && !string.IsNullOrWhiteSpace(text)
            ? text
            : throw new SendTaskMailException($"Send task '{context.NodeId}' has no camunda:property '{property}'.");
}
