using System.Collections.Frozen;
using ApprovalFlow.Bpmn.Model;
using ApprovalFlow.Bpmn.Parsing;
using ApprovalFlow.Server.Runtime.ServiceTasks;
using Microsoft.Extensions.Options;

namespace ApprovalFlow.Server.Features.ExternalTasks;

/// <summary>
/// Which service-task topics go to outside workers: those no registered <see cref="IServiceTaskHandler"/> serves,
/// while <see cref="ExternalTasksOptions.Enabled"/>. Thread-safe singleton.
/// </summary>
public sealed class ExternalTaskTopics
{
    /// <summary>Code of a service or send task whose topic nothing serves (the external API is off).</summary>
    public const string UnservedTopic = "unserved-topic";

    private readonly Lazy<FrozenSet<string>> _inProcess;
    private readonly bool _enabled;

    /// <summary>Reads the in-process topics from the registered handlers on first use.</summary>
    public ExternalTaskTopics(IServiceScopeFactory scopes, IOptions<ExternalTasksOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _enabled = options.Value.Enabled;
        _inProcess = new(() =>
        {
            using var scope = scopes.CreateScope();
            return scope.ServiceProvider.GetServices<IServiceTaskHandler>().Select(h => h.Topic).ToFrozenSet(StringComparer.Ordinal);
        });
    }

    /// <summary>Whether jobs of <paramref name="topic"/> are offered to outside workers.</summary>
    public bool IsExternal(string topic) => _enabled && !_inProcess.Value.Contains(topic);

    /// <summary>
    /// With the external API off: every service or send task of an executable process whose topic no in-process handler
    /// serves (it would fail at once); none while the API is on.
    /// </summary>
    public IReadOnlyList<BpmnDiagnostic> DeployErrors(BpmnDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (_enabled)
        {
            return [];
        }

        return [.. document.Processes.Where(p => p.IsExecutable).SelectMany(p => p.Nodes.Values.OfType<ServiceTask>())
            .Where(t => t.Topic.Length > 0 && !_inProcess.Value.Contains(t.Topic))
            .OrderBy(t => t.Position.Line)
            .Select(t => new BpmnDiagnostic(t.Id, t.Position.Line, t.Position.Column, UnservedTopic,
                $"{t.Kind} '{t.Id}' has camunda:topic '{t.Topic}', which no handler of this server serves, and the external task API is off "
                + $"(ExternalTasks:Enabled); the topics served are: {string.Join(", ", _inProcess.Value.Order(StringComparer.Ordinal))}."))];
    }
}
