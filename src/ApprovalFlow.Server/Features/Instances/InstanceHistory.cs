using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Runtime;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Features.Instances;

/// <summary>
/// An instance's history as people read it: every event with the name of its node in the definition
/// version the instance runs and the display name of its actor. The one source of
/// <c>GET /api/instances/{id}/history</c> and the instance page's timeline.
/// </summary>
internal static class InstanceHistory
{
    /// <summary>
    /// The events of instance <paramref name="instanceId"/> (running version <paramref name="definitionId"/>)
    /// in sequence order. <see cref="HistoryEntry.NodeName"/> is the node's <c>name</c> (the process's name
    /// for instance events, whose node id is the process key), <see cref="HistoryEntry.ActorName"/> the
    /// actor's display name; either is <see langword="null"/> when there is none or it is unknown.
    /// Three reads: the events, the definition (cached by <see cref="DefinitionCatalog"/>) and the actors.
    /// </summary>
    /// <exception cref="InvalidOperationException">The definition version does not exist or no longer parses.</exception>
    public static async Task<List<HistoryEntry>> ReadAsync(
        ApprovalFlowDbContext db, DefinitionCatalog catalog, Guid instanceId, Guid definitionId, CancellationToken cancellationToken)
    {
        var events = await db.History.AsNoTracking().Where(h => h.InstanceId == instanceId).OrderBy(h => h.Sequence).ToListAsync(cancellationToken);
        var definition = await catalog.GetAsync(definitionId, cancellationToken);
        var nodes = definition.Process.Definition.Nodes;
        var actorIds = events.Select(e => e.Actor).OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
        var actors = actorIds.Length == 0
            ? []
            : await db.Users.AsNoTracking().Where(u => actorIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, StringComparer.Ordinal, cancellationToken);

        string? NodeName(string? nodeId) => nodeId switch
        {
            null => null,
            _ when nodes.TryGetValue(nodeId, out var node) => node.Name,
            _ when nodeId == definition.Key => definition.Name,
            _ => null,
        };

        return [.. events.Select(e => HistoryEntry.From(e, NodeName(e.NodeId), e.Actor is null ? null : actors.GetValueOrDefault(e.Actor)))];
    }
}
