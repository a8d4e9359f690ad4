using System.Text.Json;
using ApprovalFlow.Engine;
using ApprovalFlow.Engine.Commands;
using ApprovalFlow.Engine.Runtime;
using ApprovalFlow.Engine.State;
using BenchmarkDotNet.Attributes;

namespace ApprovalFlow.Benchmarks;

/// <summary>
/// A sequence of 10 user tasks: the cost of one step "complete a task and move to the next wait state".
/// <see cref="AssigneeExpression"/> switches the tasks' assignee between a literal and <c>${initiator}</c>
/// (one Jint evaluation per new task).
/// </summary>
[MemoryDiagnoser]
public class SequenceBenchmarks
{
    private const int Tasks = 10;
    private static readonly Dictionary<string, JsonElement> Output = new(StringComparer.Ordinal)
    {
        ["decision"] = JsonSerializer.SerializeToElement("approve"),
    };

    private ProcessEngine _engine = null!;
    private ExecutableProcess _process = null!;
    private Dictionary<string, JsonElement> _variables = null!;
    private ProcessInstanceState _atFirstTask = null!;
    private CompleteUserTask _completeFirst = null!;

    [Params(false, true)]
    public bool AssigneeExpression { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _engine = Processes.NewEngine();
        _process = Processes.Sequence(Tasks, AssigneeExpression ? "${initiator}" : "user");
        _variables = Processes.Items(0);
        _atFirstTask = _engine.Start(_process, new StartInstance("i1", Variables: _variables)).State;
        _completeFirst = new CompleteUserTask(_atFirstTask.Tasks[0].Id, "user", Output);
    }

    /// <summary>
    /// Start, then complete all 10 tasks; reported per step (<c>OperationsPerInvoke = 10</c>), so each
    /// figure also carries a tenth of the start step.
    /// </summary>
    [Benchmark(OperationsPerInvoke = Tasks)]
    public ProcessInstanceState StartAndCompleteAll_PerStep()
    {
        var state = _engine.Start(_process, new StartInstance("i1", Variables: _variables)).State;
        while (state.Tasks.Count > 0)
        {
            state = ((StepResult.Applied)_engine.Execute(_process, state, new CompleteUserTask(state.Tasks[0].Id, "user", Output))).State;
        }

        return state;
    }

    /// <summary>One step alone: complete the first task of a prepared state (steps never modify their input).</summary>
    [Benchmark]
    public StepResult CompleteUserTask_Step() => _engine.Execute(_process, _atFirstTask, _completeFirst);
}
