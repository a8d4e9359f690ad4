using System.Collections.Frozen;
using ApprovalFlow.Bpmn.Model;

namespace ApprovalFlow.Engine.Runtime;

/// <summary>The event subprocesses of each scope (BPMN 2.0.2 §10.3.5).</summary>
public sealed partial class ExecutableProcess
{
    private FrozenDictionary<string, StartEvent[]>? _eventSubprocessStarts;

    /// <summary>
    /// The start events of the event subprocesses directly in scope <paramref name="scopeNodeId"/> (the process
    /// id or an embedded subprocess id), in document order; empty when it has none.
    /// </summary>
    public IReadOnlyList<StartEvent> EventSubprocessStarts(string scopeNodeId)
    {
        var index = LazyInitializer.EnsureInitialized(ref _eventSubprocessStarts, () => Definition.Nodes.Values
            .OfType<SubProcess>()
            .Where(s => s.TriggeredByEvent && Definition.Nodes.GetValueOrDefault(s.StartEventId) is StartEvent { Trigger: not null })
            .GroupBy(s => s.ScopeId, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.Select(s => (StartEvent)Definition.Node(s.StartEventId)).ToArray(), StringComparer.Ordinal));
        return index.TryGetValue(scopeNodeId, out var starts) ? starts : [];
    }
}
