using ApprovalFlow.Engine.Commands;
using ApprovalFlow.Engine.History;
using ApprovalFlow.Engine.Runtime;
using ApprovalFlow.Engine.Tests.Support;

namespace ApprovalFlow.Engine.Tests.Elements;

/// <summary>
/// Timer start events (BPMN 2.0.2 §10.5.2), as Camunda 7's <c>TimerStartEventTest</c> asserts: a firing
/// starts an instance at the timer start event (not at the none start), its history says a timer
/// started it, and a process with only timer starts cannot be started through its none start.
/// </summary>
public class TimerStartEventTests
{
    private readonly EngineWorld _world = new("timer-starts/timer-start.bpmn");

    [Fact]
    public void Firing_StartsAnInstanceAtTheTimerStartEvent_StartedByTimer()
    {
        var instance = new Instance(_world, _world.StartInstance("by-timer", null, null, null, null, "everyMorning"));

        Assert.Equal(["review"], instance.OpenTaskNodes);
        var started = Assert.Single(_world.History, h => h.Type == HistoryEventType.InstanceStarted);
        Assert.Equal("everyMorning", started.Data!["startEventId"].GetString());
        Assert.Equal("timer", started.Data!["startedBy"].GetString());
    }

    [Fact]
    public void ProcessWithANoneAndATimerStart_FiringStartsAtTheTimerStart_ApiAtTheNoneStart()
    {
        var timed = new Instance(_world, _world.StartInstance("timer-and-none", null, null, null, null, "yearly"));
        var manual = _world.Start("timer-and-none");

        Assert.Equal(["timed"], timed.OpenTaskNodes);
        Assert.Equal(["manual"], manual.OpenTaskNodes);
        Assert.DoesNotContain(_world.History, h => h.Type == HistoryEventType.NodeEntered && h.NodeId == "noneStart" && h.ExecutionId?.StartsWith(timed.Id, StringComparison.Ordinal) == true);
        Assert.Null(_world.History.Last(h => h.Type == HistoryEventType.InstanceStarted).Data);
    }

    [Fact]
    public void ProcessWithOnlyTimerStarts_CannotBeStartedWithoutOne()
    {
        var process = new ExecutableProcess(new Bpmn.Parsing.BpmnParser().Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "timer-starts", "timer-start.bpmn"))).Document!.Process("by-timer"));

        var error = Assert.Throws<ArgumentException>(() => _world.Engine.Start(process, new StartInstance("x")));

        Assert.Contains("signal, message or timer start events only", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StartEventThatIsNotAStart_IsRefused()
    {
        var process = new ExecutableProcess(new Bpmn.Parsing.BpmnParser().Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "timer-starts", "timer-start.bpmn"))).Document!.Process("by-timer"));

        var error = Assert.Throws<ArgumentException>(() => _world.Engine.Start(process, new StartInstance("x", StartEventId: "review")));

        Assert.Contains("is not a signal, message or timer start event", error.Message, StringComparison.Ordinal);
    }
}
