using System.Text.Json;
using ApprovalFlow.Engine.Commands;
using ApprovalFlow.Engine.Expressions;
using ApprovalFlow.Engine.State;
using BenchmarkDotNet.Attributes;

namespace ApprovalFlow.Benchmarks;

/// <summary>
/// The parts of a step that dominate <see cref="MultiInstanceBenchmarks"/> and the expression case of
/// <see cref="SequenceBenchmarks"/>: copying the state (every step clones it) and one Jint evaluation
/// (every user task with an expression assignee).
/// </summary>
[MemoryDiagnoser]
public class BreakdownBenchmarks
{
    private ProcessInstanceState _sequenceState = null!;
    private ProcessInstanceState _reviewState = null!;
    private JintExpressionEvaluator _evaluator = null!;
    private Dictionary<string, JsonElement> _itemVariables = null!;
    private Dictionary<string, JsonElement> _itemOnly = null!;

    [GlobalSetup]
    public void Setup()
    {
        var engine = Processes.NewEngine();
        _sequenceState = engine.Start(Processes.Sequence(10, "user"), new StartInstance("i1")).State;
        _reviewState = engine.Start(Processes.ParallelReview(), new StartInstance("i2", Variables: Processes.Items(50))).State;
        _evaluator = new JintExpressionEvaluator();
        _itemVariables = _reviewState.VisibleVariables(_reviewState.Tasks[0].ExecutionId);
        _itemOnly = new(StringComparer.Ordinal) { ["item"] = _itemVariables["item"] };
    }

    [Benchmark]
    public ProcessInstanceState Clone_SequenceState() => _sequenceState.Clone();

    /// <summary>The state after start of the 50-item review: 152 executions, 100 local-variable dictionaries.</summary>
    [Benchmark]
    public ProcessInstanceState Clone_ReviewStateWith50Items() => _reviewState.Clone();

    /// <summary>Variables visible to one task of the review (what each evaluation is given).</summary>
    [Benchmark]
    public Dictionary<string, JsonElement> VisibleVariables_ReviewTask() => _reviewState.VisibleVariables(_reviewState.Tasks[^1].ExecutionId);

    /// <summary>
    /// One <c>${item}</c> evaluation, as for a task's assignee, given all visible variables (the engine
    /// passes them all, and the evaluator converts each into the fresh realm, the 50-item array too).
    /// </summary>
    [Benchmark]
    public JsonElement Evaluate_AssigneeExpression() => _evaluator.Evaluate("item", _itemVariables, DateTimeOffset.UnixEpoch);

    /// <summary>The same evaluation given only the variable it reads.</summary>
    [Benchmark]
    public JsonElement Evaluate_AssigneeExpression_OnlyItem() => _evaluator.Evaluate("item", _itemOnly, DateTimeOffset.UnixEpoch);
}
