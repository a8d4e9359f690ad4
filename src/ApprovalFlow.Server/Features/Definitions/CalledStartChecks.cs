using ApprovalFlow.Bpmn.Model;
using ApprovalFlow.Bpmn.Parsing;
using ApprovalFlow.Server.Runtime;

namespace ApprovalFlow.Server.Features.Definitions;

/// <summary>
/// Refuses a call activity whose literal <c>calledElement</c> names a known process without a none start event
/// (started only by signal or message start events): a call activity starts the called process at its none start
/// event (BPMN 2.0.2 §10.3.6, as Camunda 7), so the call could never run. The called process is looked up in the same
/// file first (for the latest binding), else among the deployed definitions (latest, or the
/// <c>camunda:calledElementVersion</c>); an unknown one is left to run time, as before. Expressions are checked when
/// the call activity runs (an incident, <see cref="Engine.State.IncidentKind.CalledProcessNotStartable"/>). Scoped; not thread-safe.
/// </summary>
public sealed class CalledStartChecks(DefinitionCatalog catalog)
{
    /// <summary>Code of a call activity whose called process has no none start event.</summary>
    public const string CalledProcessNotStartable = "called-process-not-startable";

    /// <summary>Every such call activity of the executable processes of <paramref name="document"/>, with its element id and line.</summary>
    /// <param name="document">The parsed file.</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    public async Task<IReadOnlyList<BpmnDiagnostic>> ErrorsAsync(BpmnDocument document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        var errors = new List<BpmnDiagnostic>();
        foreach (var process in document.Processes.Where(p => p.IsExecutable))
        {
            foreach (var call in process.Nodes.Values.OfType<CallActivity>().Where(c => c.CalledElement.IsLiteral).OrderBy(c => c.Position.Line))
            {
                var key = call.CalledElement.Text;
                var called = await CalledAsync(document, call, key, cancellationToken);
                if (called is { IsExecutable: true, StartEventId.Length: 0 } target)
                {
                    errors.Add(new BpmnDiagnostic(call.Id, call.Position.Line, call.Position.Column, CalledProcessNotStartable,
                        $"callActivity '{call.Id}' calls '{key}', which has no none start event (it starts by its signal or message start events "
                        + $"{string.Join(", ", target.SignalStartEventIds.Concat(target.MessageStartEventIds))}); a call activity starts the called process at its none start event. "
                        + $"Give '{key}' a none start event, or call another process."));
                }
            }
        }

        return errors;
    }

    private async Task<ProcessDefinition?> CalledAsync(BpmnDocument document, CallActivity call, string key, CancellationToken cancellationToken)
    {
        if (call.Binding == CalledElementBinding.Latest && document.Processes.FirstOrDefault(p => p.Id == key) is { } sameFile)
        {
            return sameFile;
        }

        try
        {
            return (await catalog.FindAsync(key, call.Binding == CalledElementBinding.Version ? call.Version : null, cancellationToken))?.Process.Definition;
        }
        catch (DefinitionNotExecutableException)
        {
            return null;
        }
    }
}
