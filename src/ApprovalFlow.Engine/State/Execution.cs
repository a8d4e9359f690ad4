using System.Text.Json;

namespace ApprovalFlow.Engine.State;

/// <summary>
/// One execution in the instance's tree (architecture "Scopes"): the root scope, a token on a flow
/// node, or a multi-instance body or item. Plain data; mutated only by the engine inside a step on
/// its own copy (a step shares the executions it does not change with the state it was given, and copies
/// one before its first change). Not thread-safe.
/// </summary>
public sealed class Execution
{
    /// <summary>Instance-local id, e.g. <c>e7</c>.</summary>
    public required string Id { get; set; }

    /// <summary>Id of the enclosing scope execution; <see langword="null"/> for the root.</summary>
    public string? ParentId { get; set; }

    /// <summary>The flow node it is at (the process id for the root).</summary>
    public required string NodeId { get; set; }

    /// <summary>What it stands for.</summary>
    public ExecutionKind Kind { get; set; }

    /// <summary>Where it is in running its node.</summary>
    public ExecutionStatus Status { get; set; }

    /// <summary>The sequence flow it arrived by, or <see langword="null"/>; used by joins.</summary>
    public string? ArrivedVia { get; set; }

    /// <summary>
    /// Local variables (multi-instance counters, element variable, <c>loopCounter</c>), or
    /// <see langword="null"/> when it has none. Lookups fall back to the parent, up to the process scope.
    /// </summary>
    public Dictionary<string, JsonElement>? Variables { get; set; }

    /// <summary>For a sequential multi-instance body over a collection: the collection's items (a JSON array); otherwise <see langword="null"/>.</summary>
    public JsonElement? Items { get; set; }

    /// <summary><see langword="true"/> while a call activity waits for its child instance.</summary>
    public bool WaitingForChild { get; set; }

    /// <summary>
    /// The step that made this object and may change it (see <c>Step.Own</c>), or 0: every other step
    /// copies it before a change. Not stored.
    /// </summary>
    internal long Owner { get; set; }

    /// <summary>A deep copy (variable values are immutable and shared), owned by no step.</summary>
    public Execution Clone() => new()
    {
        Id = Id,
        ParentId = ParentId,
        NodeId = NodeId,
        Kind = Kind,
        Status = Status,
        ArrivedVia = ArrivedVia,
        Variables = Variables is null ? null : new Dictionary<string, JsonElement>(Variables, StringComparer.Ordinal),
        Items = Items,
        WaitingForChild = WaitingForChild,
    };
}
