using ApprovalFlow.Bpmn.Model;
using ApprovalFlow.Engine.Runtime;

namespace ApprovalFlow.Engine.Migration;

/// <summary>
/// Which node of the target version each node of the source version becomes when an instance migrates:
/// the explicit overrides, else the target node with the same id when its kind is compatible
/// (<see cref="Compatible"/>). Immutable and thread-safe.
/// </summary>
public sealed class NodeMapping
{
    private readonly SortedDictionary<string, string> _pairs;

    private NodeMapping(ExecutableProcess source, ExecutableProcess target, SortedDictionary<string, string> pairs, IReadOnlySet<string> overridden)
    {
        Source = source;
        Target = target;
        _pairs = pairs;
        Overridden = overridden;
    }

    /// <summary>The version instances migrate from.</summary>
    public ExecutableProcess Source { get; }

    /// <summary>The version instances migrate to.</summary>
    public ExecutableProcess Target { get; }

    /// <summary>Every mapped source node id with its target node id, ordered by source id (ordinal).</summary>
    public IReadOnlyDictionary<string, string> Pairs => _pairs;

    /// <summary>The source node ids whose target was given explicitly.</summary>
    public IReadOnlySet<string> Overridden { get; }

    /// <summary>Builds the mapping of <paramref name="source"/> to <paramref name="target"/>.</summary>
    /// <param name="source">The version instances run now.</param>
    /// <param name="target">The version of the same key they move to.</param>
    /// <param name="overrides">Source node id → target node id, taking precedence over same ids; <see langword="null"/> for none.</param>
    /// <exception cref="InvalidMappingException">The versions belong to different keys, or an override names a node that does not exist.</exception>
    public static NodeMapping Create(ExecutableProcess source, ExecutableProcess target, IReadOnlyDictionary<string, string>? overrides)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        if (source.Key != target.Key)
        {
            throw new InvalidMappingException(InvalidMappingReason.OtherDefinition, null, null, $"Instances of '{source.Key}' can only migrate to another version of '{source.Key}', not to '{target.Key}'.");
        }

        var pairs = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var node in source.Definition.Nodes.Values)
        {
            if (target.Definition.Nodes.TryGetValue(node.Id, out var same) && Compatible(node, same))
            {
                pairs[node.Id] = node.Id;
            }
        }

        var overridden = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (from, to) in overrides ?? new Dictionary<string, string>())
        {
            if (!source.Definition.Nodes.ContainsKey(from))
            {
                throw new InvalidMappingException(InvalidMappingReason.UnknownSourceNode, from, to, $"Version {source.Version} of '{source.Key}' has no node '{from}' to map.");
            }

            if (!target.Definition.Nodes.ContainsKey(to))
            {
                throw new InvalidMappingException(InvalidMappingReason.UnknownTargetNode, from, to, $"Node '{from}' is mapped to '{to}', which version {target.Version} of '{target.Key}' does not have.");
            }

            pairs[from] = to;
            overridden.Add(from);
        }

        return new NodeMapping(source, target, pairs, overridden);
    }

    /// <summary>The target node for source node <paramref name="sourceNodeId"/>, or <see langword="null"/> when it is unmapped.</summary>
    public string? TargetOf(string sourceNodeId) => _pairs.GetValueOrDefault(sourceNodeId);

    /// <summary>
    /// Whether a token waiting at <paramref name="from"/> can wait at <paramref name="to"/> instead: the
    /// same BPMN element type (a user task stays a user task, a subprocess a subprocess), the same kind
    /// of event definition for catch events, and multi-instance on both or on neither (BPMN 2.0.2 §10.3.8:
    /// a multi-instance body holds its instances, a plain activity does not).
    /// </summary>
    public static bool Compatible(FlowNode from, FlowNode to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        if (from.ElementType != to.ElementType)
        {
            return false;
        }

        return (from, to) switch
        {
            (IntermediateCatchEvent a, IntermediateCatchEvent b) => a.Definition.GetType() == b.Definition.GetType(),
            (BoundaryEvent a, BoundaryEvent b) => a.Definition.GetType() == b.Definition.GetType(),
            (StartEvent a, StartEvent b) => a.Trigger?.GetType() == b.Trigger?.GetType() && a.IsInterrupting == b.IsInterrupting,
            (SubProcess a, SubProcess b) => a.TriggeredByEvent == b.TriggeredByEvent && (a.MultiInstance is null) == (b.MultiInstance is null),
            (Activity a, Activity b) => (a.MultiInstance is null) == (b.MultiInstance is null),
            _ => true,
        };
    }
}
