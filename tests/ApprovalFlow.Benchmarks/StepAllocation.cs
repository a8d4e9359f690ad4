using System.Globalization;
using System.Text.Json;
using ApprovalFlow.Engine;
using ApprovalFlow.Engine.Commands;
using ApprovalFlow.Engine.Runtime;
using ApprovalFlow.Engine.State;
using BenchmarkDotNet.Attributes;

namespace ApprovalFlow.Benchmarks;

/// <summary>
/// The engine steps whose allocation issue 15 bounds (aim: under 10 KB with expressions), each one
/// <see cref="ProcessEngine.Execute"/> on a prepared state (steps never modify their input, so it repeats):
/// <list type="bullet">
/// <item>without expressions: complete a task of a 10-task sequence with literal assignees;</item>
/// <item>with expressions: complete <c>submit</c> of <see cref="Processes.Gateway"/> with <c>amount = 50</c>, so
/// the step evaluates <c>${amount > 100}</c>, <c>${amount &lt;= 100}</c> and the next task's <c>${initiator}</c>;</item>
/// <item>the 50-item multi-instance review: one completion with all 50 items in flight, and the whole run
/// (start + 100 completions) per step.</item>
/// </list>
/// </summary>
public sealed class StepAllocation
{
    private static readonly Dictionary<string, JsonElement> Output = new(StringComparer.Ordinal)
    {
        ["decision"] = JsonSerializer.SerializeToElement("approve"),
    };

    private readonly ProcessEngine _engine = Processes.NewEngine();
    private readonly ExecutableProcess _sequence = Processes.Sequence(10, "user");
    private readonly ExecutableProcess _gateway = Processes.Gateway();
    private readonly ExecutableProcess _review = Processes.ParallelReview();
    private readonly Dictionary<string, JsonElement> _items = Processes.Items(50);
    private readonly ProcessInstanceState _sequenceStarted;
    private readonly ProcessInstanceState _gatewayStarted;
    private readonly ProcessInstanceState _reviewStarted;

    /// <summary>Starts the three instances the steps complete a task of.</summary>
    public StepAllocation()
    {
        _sequenceStarted = _engine.Start(_sequence, new StartInstance("s1", Variables: Processes.Items(0))).State;
        var gatewayVariables = Processes.Items(0);
        gatewayVariables["amount"] = JsonSerializer.SerializeToElement(50);
        _gatewayStarted = _engine.Start(_gateway, new StartInstance("g1", Variables: gatewayVariables)).State;
        _reviewStarted = _engine.Start(_review, new StartInstance("r1", Variables: _items)).State;
        if (StepWithExpressions() is not StepResult.Applied { State.Tasks: [{ NodeId: "review", Assignee: "alice" }] })
        {
            throw new InvalidOperationException("The gateway step did not reach the review task assigned to alice.");
        }
    }

    /// <summary>Complete a task assigned to a literal; the next one is assigned to a literal too.</summary>
    public StepResult StepWithoutExpressions() =>
        _engine.Execute(_sequence, _sequenceStarted, new CompleteUserTask(_sequenceStarted.Tasks[0].Id, "user", Output));

    /// <summary>Complete <c>submit</c>: two gateway conditions and one assignee expression.</summary>
    public StepResult StepWithExpressions() =>
        _engine.Execute(_gateway, _gatewayStarted, new CompleteUserTask(_gatewayStarted.Tasks[0].Id, "alice", Output));

    /// <summary>Complete one first-level task of the review with all 50 items in flight (one <c>${item}</c>).</summary>
    public StepResult MultiInstanceStep() =>
        _engine.Execute(_review, _reviewStarted, new CompleteUserTask(_reviewStarted.Tasks[25].Id, "user", null));

    /// <summary>Start the 50-item review and complete its 100 tasks: 101 steps.</summary>
    public ProcessInstanceState MultiInstanceWholeRun()
    {
        var state = _engine.Start(_review, new StartInstance("r2", Variables: _items)).State;
        while (state.Tasks.Count > 0)
        {
            state = ((StepResult.Applied)_engine.Execute(_review, state, new CompleteUserTask(state.Tasks[0].Id, "user", null))).State;
        }

        return state;
    }

    /// <summary>
    /// Bytes allocated per step on this thread (<see cref="GC.GetAllocatedBytesForCurrentThread"/>), after a
    /// warm-up; the steps are deterministic and single-threaded, so load does not change the figures.
    /// </summary>
    public static IReadOnlyList<(string Step, double Bytes)> Measure(int iterations = 2_000)
    {
        var cases = new StepAllocation();
        return
        [
            ("step without expressions (sequence, literal assignee)", PerCall(() => cases.StepWithoutExpressions(), iterations, 1)),
            ("step with expressions (2 gateway conditions + ${initiator})", PerCall(() => cases.StepWithExpressions(), iterations, 1)),
            ("50-item multi-instance: one completion, 50 items in flight", PerCall(() => cases.MultiInstanceStep(), iterations, 1)),
            ("50-item multi-instance: whole run per step (101 steps)", PerCall(() => cases.MultiInstanceWholeRun(), Math.Max(iterations / 100, 5), 101)),
        ];
    }

    /// <summary>The figures of <see cref="Measure"/> as printable lines.</summary>
    public static IEnumerable<string> Report() =>
        Measure().Select(m => string.Create(CultureInfo.InvariantCulture, $"   {m.Step,-62} {m.Bytes / 1024,7:F2} KB ({m.Bytes:N0} B)"));

    private static double PerCall(Func<object> step, int iterations, int stepsPerCall)
    {
        for (var i = 0; i < 20; i++)
        {
            GC.KeepAlive(step());
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < iterations; i++)
        {
            GC.KeepAlive(step());
        }

        return (double)(GC.GetAllocatedBytesForCurrentThread() - before) / iterations / stepsPerCall;
    }
}

/// <summary>
/// <see cref="StepAllocation"/>'s steps under BenchmarkDotNet's <see cref="MemoryDiagnoserAttribute"/>
/// (the "Allocated" column is bytes per step).
/// </summary>
[MemoryDiagnoser]
public class StepAllocationBenchmarks
{
    private const int ReviewSteps = 101;
    private StepAllocation _cases = null!;

    [GlobalSetup]
    public void Setup() => _cases = new StepAllocation();

    /// <summary>See <see cref="StepAllocation.StepWithoutExpressions"/>.</summary>
    [Benchmark(Baseline = true)]
    public StepResult WithoutExpressions() => _cases.StepWithoutExpressions();

    /// <summary>See <see cref="StepAllocation.StepWithExpressions"/>.</summary>
    [Benchmark]
    public StepResult WithExpressions() => _cases.StepWithExpressions();

    /// <summary>See <see cref="StepAllocation.MultiInstanceStep"/>.</summary>
    [Benchmark]
    public StepResult MultiInstance50Items() => _cases.MultiInstanceStep();

    /// <summary>See <see cref="StepAllocation.MultiInstanceWholeRun"/>, reported per step.</summary>
    [Benchmark(OperationsPerInvoke = ReviewSteps)]
    public ProcessInstanceState MultiInstance50Items_WholeRunPerStep() => _cases.MultiInstanceWholeRun();
}
