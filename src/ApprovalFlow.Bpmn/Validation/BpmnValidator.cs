using ApprovalFlow.Bpmn.Model;
using ApprovalFlow.Bpmn.Parsing;

namespace ApprovalFlow.Bpmn.Validation;

/// <summary>
/// Checks a read model against the rules the engine relies on and reports every violation (it does
/// not stop at the first). Pure; one call per document.
/// </summary>
internal static class BpmnValidator
{
    /// <summary>
    /// The codes checked in a non-executable process (<c>isExecutable="false"</c>): its structure, so
    /// that it can be stored and viewed. Execution rules (supported elements, start events,
    /// reachability, conditions, assignment, expressions, timers) do not apply to it.
    /// </summary>
    public static readonly IReadOnlySet<string> StructureCodes = new HashSet<string>(StringComparer.Ordinal)
    {
        DiagnosticCodes.MissingId, DiagnosticCodes.DuplicateId, DiagnosticCodes.InvalidFlow, DiagnosticCodes.InvalidBoundaryEvent,
    };

    /// <summary>Adds every rule violation of <paramref name="model"/> to <paramref name="diagnostics"/>.</summary>
    public static void Validate(ReadModel model, DiagnosticList diagnostics)
    {
        foreach (var process in model.Document.Processes)
        {
            var start = diagnostics.Items.Count;
            var graph = new ProcessGraph(process, model.FlowScopes);
            FlowRules.Check(graph, diagnostics);
            ScopeRules.Check(graph, diagnostics);
            MessageStartRules.Check(graph, diagnostics);
            MessageNameRules.Check(graph, diagnostics);
            TaskPriorityRules.Check(graph, diagnostics);
            GatewayRules.Check(graph, diagnostics);
            ActivityRules.Check(graph, diagnostics);
            EventSubprocessRules.Check(graph, diagnostics);
            ExpressionRules.Check(graph, diagnostics);
            TimerStartRules.Check(graph, diagnostics);
            if (!process.IsExecutable)
            {
                diagnostics.KeepSince(start, StructureCodes);
            }
        }
    }
}

/// <summary>A process with the lookups the rules share.</summary>
/// <param name="Process">The process.</param>
/// <param name="FlowScopes">The scope each flow was declared in, by flow id.</param>
internal sealed record ProcessGraph(ProcessDefinition Process, IReadOnlyDictionary<string, string> FlowScopes)
{
    /// <summary>The process id and the id of every subprocess: the scopes of the process.</summary>
    public IEnumerable<string> ScopeIds =>
        Process.Nodes.Values.OfType<SubProcess>().Select(s => s.Id).Prepend(Process.Id);

    /// <summary>The nodes directly in scope <paramref name="scopeId"/>.</summary>
    public IEnumerable<FlowNode> NodesIn(string scopeId) => Process.Nodes.Values.Where(n => n.ScopeId == scopeId);

    /// <summary>The node <paramref name="id"/>, or <see langword="null"/>.</summary>
    public FlowNode? NodeOrNull(string id) => Process.Nodes.GetValueOrDefault(id);

    /// <summary>The outgoing flows of <paramref name="node"/>.</summary>
    public IEnumerable<SequenceFlow> OutgoingOf(FlowNode node) => node.Outgoing.Select(id => Process.Flows[id]);
}
