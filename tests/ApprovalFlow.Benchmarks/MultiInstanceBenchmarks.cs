using System.Text.Json;
using ApprovalFlow.Engine;
using ApprovalFlow.Engine.Commands;
using ApprovalFlow.Engine.Runtime;
using ApprovalFlow.Engine.State;
using BenchmarkDotNet.Attributes;

namespace ApprovalFlow.Benchmarks;

/// <summary>
/// A parallel multi-instance subprocess over 50 items, each two user tasks assigned by expression:
/// the whole run (start + 100 task completions = 101 steps) and the cost per step, plus one task
/// completion on the state right after start (50 items, 100 executions in flight).
/// </summary>
[MemoryDiagnoser]
public class MultiInstanceBenchmarks
{
    private const int Items = 50;
    private const int Steps = 1 + (2 * Items);

    private ProcessEngine _engine = null!;
    private ExecutableProcess _process = null!;
    private Dictionary<string, JsonElement> _variables = null!;
    private ProcessInstanceState _started = null!;
    private CompleteUserTask _completeOne = null!;

    [GlobalSetup]
    public void Setup()
    {
        _engine = Processes.NewEngine();
        _process = Processes.ParallelReview();
        _variables = Processes.Items(Items);
        _started = _engine.Start(_process, new StartInstance("i1", Variables: _variables)).State;
        _completeOne = new CompleteUserTask(_started.Tasks[Items / 2].Id, "user", null);
        if (Run().Status != InstanceStatus.Completed)
        {
            throw new InvalidOperationException("The review process did not complete.");
        }
    }

    /// <summary>Start and complete every task (oldest first) until the instance completes.</summary>
    [Benchmark]
    public ProcessInstanceState WholeRun() => Run();

    /// <summary>The same run reported per step (<c>OperationsPerInvoke</c> = 101: 1 start + 100 completions).</summary>
    [Benchmark(OperationsPerInvoke = Steps)]
    public ProcessInstanceState WholeRun_PerStep() => Run();

    /// <summary>One completion of a first-level task with all 50 items in flight.</summary>
    [Benchmark]
    public StepResult CompleteUserTask_With50ItemsActive() => _engine.Execute(_process, _started, _completeOne);

    private ProcessInstanceState Run()
    {
        var state = _engine.Start(_process, new StartInstance("i1", Variables: _variables)).State;
        while (state.Tasks.Count > 0)
        {
            state = ((StepResult.Applied)_engine.Execute(_process, state, new CompleteUserTask(state.Tasks[0].Id, "user", null))).State;
        }

        return state;
    }
}
