using ApprovalFlow.Engine.Calendar;
using ApprovalFlow.Engine.Commands;
using ApprovalFlow.Engine.Expressions;
using ApprovalFlow.Engine.Runtime;
using ApprovalFlow.Engine.State;
using BenchmarkDotNet.Attributes;

namespace ApprovalFlow.Benchmarks;

/// <summary>
/// A large fan-out (issue 8): start → parallel fork → <see cref="Branches"/> plain tasks → parallel
/// join → one user task. The start step runs every branch into the join, so its cost shows whether
/// joining, execution lookups and removals stay linear. The engine's work budget is raised above the
/// branch count so the whole fan-out runs in one step.
/// </summary>
[MemoryDiagnoser]
public class FanOutBenchmarks
{
    private ProcessEngine _engine = null!;
    private ExecutableProcess _process = null!;

    /// <summary>Parallel branches between the fork and the join.</summary>
    [Params(1_000, 2_000, 10_000)]
    public int Branches { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _engine = new ProcessEngine(new JintExpressionEvaluator(), new CalendarDaysCalendar(), TimeProvider.System,
            new EngineOptions { MaxNodeEntriesPerStep = int.MaxValue });
        _process = Processes.FanOut(Branches);
        if (Start().Tasks.Count != 1)
        {
            throw new InvalidOperationException("The fan-out did not reach the task after its join.");
        }
    }

    /// <summary>Start: fork, run every branch, join, create the task after the join.</summary>
    [Benchmark]
    public ProcessInstanceState StartThroughJoin() => Start();

    private ProcessInstanceState Start() => _engine.Start(_process, new StartInstance("i1")).State;
}
