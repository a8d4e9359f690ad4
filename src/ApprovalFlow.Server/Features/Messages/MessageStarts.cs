using ApprovalFlow.Bpmn.Model;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Runtime;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Features.Messages;

/// <summary>A message start event (BPMN 2.0.2 §10.5.2) of the latest version of a definition key.</summary>
/// <param name="Definition">The latest, executable version of its key.</param>
/// <param name="StartEventId">The start event's id.</param>
/// <param name="MessageName">The <c>bpmn:message</c> name it waits for.</param>
/// <param name="Line">Where the start event is in that version's file (1-based).</param>
public sealed record MessageStart(DeployedDefinition Definition, string StartEventId, string MessageName, int Line);

/// <summary>
/// Finds the message start events of the latest deployed version of each definition key, as Camunda 7 keeps
/// one message start subscription per key, taken over by each new version. A key whose latest version is
/// <c>isExecutable="false"</c> has none. Scoped (one <see cref="ApprovalFlowDbContext"/>); not thread-safe.
/// </summary>
public sealed class MessageStarts(ApprovalFlowDbContext db, DefinitionCatalog catalog)
{
    /// <summary>Every message start event of the latest executable versions, ordered by definition key then line.</summary>
    /// <param name="cancellationToken">Cancels the database work.</param>
    /// <exception cref="InvalidOperationException">A stored version no longer parses (<see cref="DefinitionCatalog.GetAsync"/>).</exception>
    public async Task<IReadOnlyList<MessageStart>> LatestAsync(CancellationToken cancellationToken)
    {
        // Only files that mention a message event definition can hold a message start: the rest is not parsed.
        var candidates = await db.Definitions.AsNoTracking()
            .Where(d => d.Version == db.Definitions.Where(o => o.Key == d.Key).Max(o => o.Version))
            .Where(d => d.IsExecutable && d.BpmnXml.Contains("messageEventDefinition"))
            .OrderBy(d => d.Key)
            .Select(d => d.Id)
            .ToListAsync(cancellationToken);
        var starts = new List<MessageStart>();
        foreach (var id in candidates)
        {
            var definition = await catalog.GetAsync(id, cancellationToken);
            var process = definition.Process.Definition;
            starts.AddRange(process.MessageStartEventIds
                .Select(s => (StartEvent)process.Node(s))
                .Select(s => new MessageStart(definition, s.Id, s.Message!.MessageName, s.Position.Line)));
        }

        return starts;
    }

    /// <summary>The message start events waiting for <paramref name="messageName"/> (more than one only if deployments raced).</summary>
    /// <param name="messageName">The message name.</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    public async Task<IReadOnlyList<MessageStart>> ForAsync(string messageName, CancellationToken cancellationToken) =>
        [.. (await LatestAsync(cancellationToken)).Where(s => s.MessageName == messageName)];
}
