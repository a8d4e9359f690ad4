using ApprovalFlow.Bpmn.Model;
using ApprovalFlow.Engine.History;
using ApprovalFlow.Engine.State;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Runtime;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Web;

/// <summary>Where an instance stands at one node of its diagram.</summary>
public enum StageState
{
    /// <summary>No token has reached the node yet.</summary>
    NotReached,

    /// <summary>A token left the node at least once and none is there now.</summary>
    Completed,

    /// <summary>A token is at the node now.</summary>
    Active,

    /// <summary>An open incident stopped a token at the node.</summary>
    Incident,
}

/// <summary>One node of the diagram in the text alternative.</summary>
/// <param name="NodeId">The BPMN element id.</param>
/// <param name="Name">The node's name (its id when it has none).</param>
/// <param name="State">Where the instance stands there.</param>
/// <param name="IsCurrent">Whether it is the node the page is about (the task page's task).</param>
public sealed record DiagramStage(string NodeId, string Name, StageState State, bool IsCurrent);

/// <summary>Element ids to mark on the drawn diagram, as the island reads them.</summary>
/// <param name="Active">Nodes with a token now.</param>
/// <param name="Completed">Nodes a token has left.</param>
/// <param name="Taken">Sequence flows taken.</param>
/// <param name="Incidents">Nodes with an open incident.</param>
/// <param name="Current">The node the page is about, if any.</param>
public sealed record DiagramMarkers(
    IReadOnlyList<string> Active, IReadOnlyList<string> Completed, IReadOnlyList<string> Taken, IReadOnlyList<string> Incidents, IReadOnlyList<string> Current);

/// <summary>What the diagram island and its text alternative show for one instance.</summary>
/// <param name="InstanceId">The instance.</param>
/// <param name="RootInstanceId">The top instance of its call tree.</param>
/// <param name="ProcessName">The process's name (its key when it has none).</param>
/// <param name="HasDrawing">Whether the BPMN file has diagram interchange (shapes to draw); without it only the list shows.</param>
/// <param name="Markers">What to mark.</param>
/// <param name="Stages">The nodes in document order (gateways left out), for the text alternative.</param>
/// <param name="CurrentNodeId">The node the page is about (the task page's task), or <see langword="null"/> on the instance page.</param>
public sealed record DiagramView(
    Guid InstanceId, Guid RootInstanceId, string ProcessName, bool HasDrawing, DiagramMarkers Markers, IReadOnlyList<DiagramStage> Stages, string? CurrentNodeId)
{
    /// <summary>Where the island fetches the BPMN XML: the instance page's <c>Xml</c> handler (same access rules as the page).</summary>
    public string XmlUrl => $"/instances/{InstanceId}?handler=Xml";
}

/// <summary>
/// Describes an instance's diagram: its tokens (active nodes), the nodes it completed and the sequence
/// flows it took (from its history), open incidents, and one node to highlight. Reads the instance, its
/// node movements and the definition (cached by <see cref="DefinitionCatalog"/>); does not check access
/// (the page that shows it does). Scoped.
/// </summary>
public sealed class InstanceDiagrams(ApprovalFlowDbContext db, DefinitionCatalog catalog)
{
    /// <summary>
    /// The diagram of instance <paramref name="instanceId"/> with <paramref name="currentNodeId"/> highlighted,
    /// or <see langword="null"/> when the instance does not exist.
    /// </summary>
    /// <remarks>
    /// History records nodes, not flows, so a flow counts as taken when its target was entered after its
    /// source was first left (BPMN 2.0.2 §13.2: a token moves along the flow between the two).
    /// </remarks>
    /// <exception cref="InvalidOperationException">The definition version no longer parses.</exception>
    public async Task<DiagramView?> DescribeAsync(Guid instanceId, string? currentNodeId, CancellationToken cancellationToken)
    {
        var instance = await db.Instances.AsNoTracking().Where(i => i.Id == instanceId)
            .Select(i => new { i.DefinitionId, i.RootInstanceId, i.State }).SingleOrDefaultAsync(cancellationToken);
        if (instance is null)
        {
            return null;
        }

        var definition = await catalog.GetAsync(instance.DefinitionId, cancellationToken);
        var hasDrawing = await db.Definitions.AsNoTracking().Where(d => d.Id == instance.DefinitionId)
            .Select(d => d.BpmnXml.Contains("BPMNPlane")).SingleAsync(cancellationToken);
        var moves = await db.History.AsNoTracking()
            .Where(h => h.InstanceId == instanceId && (h.Type == HistoryEventType.NodeEntered || h.Type == HistoryEventType.NodeLeft) && h.NodeId != null)
            .OrderBy(h => h.Sequence).Select(h => new { h.Sequence, h.Type, h.NodeId }).ToListAsync(cancellationToken);

        var firstLeft = new Dictionary<string, long>(StringComparer.Ordinal);
        var lastEntered = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var move in moves)
        {
            if (move.Type == HistoryEventType.NodeLeft)
            {
                firstLeft.TryAdd(move.NodeId!, move.Sequence);
            }
            else
            {
                lastEntered[move.NodeId!] = move.Sequence;
            }
        }

        var process = definition.Process.Definition;
        var active = instance.State.Executions.Where(e => e.Kind is ExecutionKind.Token or ExecutionKind.MultiInstanceItem)
            .Select(e => e.NodeId).Where(process.Nodes.ContainsKey).ToHashSet(StringComparer.Ordinal);
        var incidents = instance.State.Incidents.Select(i => i.NodeId).Where(process.Nodes.ContainsKey).ToHashSet(StringComparer.Ordinal);
        var taken = process.Flows.Values
            .Where(f => firstLeft.TryGetValue(f.SourceRef, out var left) && lastEntered.TryGetValue(f.TargetRef, out var entered) && entered > left)
            .Select(f => f.Id).Order(StringComparer.Ordinal).ToList();
        var current = currentNodeId is not null && process.Nodes.ContainsKey(currentNodeId) ? currentNodeId : null;

        StageState StateOf(string nodeId) =>
            incidents.Contains(nodeId) ? StageState.Incident
            : active.Contains(nodeId) ? StageState.Active
            : firstLeft.ContainsKey(nodeId) ? StageState.Completed
            : StageState.NotReached;

        var stages = process.Nodes.Values.Where(n => n is not Gateway).OrderBy(n => n.Position.Line).ThenBy(n => n.Position.Column)
            .Select(n => new DiagramStage(n.Id, n.Name ?? n.Id, StateOf(n.Id), n.Id == current)).ToList();
        var markers = new DiagramMarkers(
            [.. active.Order(StringComparer.Ordinal)],
            [.. firstLeft.Keys.Where(process.Nodes.ContainsKey).Order(StringComparer.Ordinal)],
            taken,
            [.. incidents.Order(StringComparer.Ordinal)],
            current is null ? [] : [current]);
        return new DiagramView(instanceId, instance.RootInstanceId, definition.Name ?? definition.Key, hasDrawing, markers, stages, current);
    }
}
