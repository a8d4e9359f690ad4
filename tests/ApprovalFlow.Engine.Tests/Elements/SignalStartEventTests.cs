using ApprovalFlow.Engine.Commands;
using ApprovalFlow.Engine.History;
using ApprovalFlow.Engine.Runtime;
using ApprovalFlow.Engine.Tests.Support;

namespace ApprovalFlow.Engine.Tests.Elements;

/// <summary>
/// Signal start events (BPMN 2.0.2 §10.5.2), as Camunda 7's <c>SignalEventTest.testSignalStartEvent</c>
/// asserts: a signal starts one instance of each process with a start event for it, at that event, with
/// the signal's variables.
/// </summary>
public class SignalStartEventTests
{
    private readonly EngineWorld _world = new("signals/signal-start.bpmn");

    [Fact]
    public void Signal_StartsAnInstanceOfEachProcessWithAMatchingStartEvent_AtThatEvent()
    {
        var started = _world.BroadcastSignal("plan-decided", EngineWorld.ToVariables(new { year = 1405 }));

        Assert.Equal(2, started.Count);
        Assert.Equal(["follow"], started.Single(i => i.State.DefinitionKey == "by-signal").OpenTaskNodes);
        var both = started.Single(i => i.State.DefinitionKey == "both-starts");
        Assert.Equal(["signalled"], both.OpenTaskNodes);
        Assert.Equal(1405, both.Variable("year").GetInt32());
        Assert.DoesNotContain(_world.History, h => h.Type == HistoryEventType.NodeEntered && h.NodeId == "noneStart");
    }

    [Fact]
    public void ProcessWithANoneAndASignalStart_StartsAtTheNoneStartThroughTheApi()
    {
        Assert.Equal(["manual"], _world.Start("both-starts").OpenTaskNodes);
    }

    [Fact]
    public void ProcessWithOnlySignalStarts_CannotBeStartedWithoutOne()
    {
        var process = new ExecutableProcess(new Bpmn.Parsing.BpmnParser().Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "signals", "signal-start.bpmn"))).Document!.Process("by-signal"));

        var error = Assert.Throws<ArgumentException>(() => _world.Engine.Start(process, new StartInstance("x")));

        Assert.Contains("has no none start event; it starts by its signal, message or timer start events only", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OtherSignalName_StartsNothing()
    {
        Assert.Empty(_world.BroadcastSignal("something-else"));
    }
}
