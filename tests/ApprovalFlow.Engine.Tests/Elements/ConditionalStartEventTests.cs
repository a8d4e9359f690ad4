using ApprovalFlow.Engine.History;
using ApprovalFlow.Engine.Tests.Support;

namespace ApprovalFlow.Engine.Tests.Elements;

/// <summary>
/// Conditional start events of event subprocesses (BPMN 2.0.2 §10.3.5, §10.5.5) as Camunda 7's
/// <c>EventSubProcessStartConditionalEventTest</c> asserts: a condition that holds when the scope starts
/// runs the event subprocess before the none start event, an interrupting one cancels the rest of its scope
/// when a variable change makes it hold, a non-interrupting one runs once per satisfying change beside the
/// rest, and the subscription lives only while its scope runs.
/// </summary>
public class ConditionalStartEventTests
{
    private readonly EngineWorld _world = new("conditionals/event-subprocess-starts.bpmn");

    [Fact]
    public void InterruptingStart_TrueWhenTheInstanceStarts_RunsBeforeTheNoneStartEvent()
    {
        var instance = _world.Start("esp-cond-withdraw", new { withdrawn = true });

        Assert.Equal(["wClose"], instance.OpenTaskNodes);
        Assert.DoesNotContain(_world.History, h => h.Type == HistoryEventType.NodeEntered && h.NodeId == "wStart");
        Assert.Empty(instance.State.ConditionalSubscriptions);
    }

    [Fact]
    public void InterruptingStart_AVariableChangeThatMakesItHold_CancelsEverythingElseInTheScope()
    {
        var instance = _world.Start("esp-cond-withdraw");
        Assert.Equal("wWithdrawn", Assert.Single(instance.State.ConditionalSubscriptions).NodeId);

        instance.Complete("wEdit", new { withdrawn = false });
        Assert.Equal(["wEdit", "wWork"], instance.OpenTaskNodes.Order());

        instance.Complete("wEdit", new { withdrawn = true });
        Assert.Equal(["wClose"], instance.OpenTaskNodes);
        Assert.Single(_world.History, h => h.Type == HistoryEventType.TaskCancelled && h.NodeId == "wWork");
        Assert.Empty(instance.State.ConditionalSubscriptions);
    }

    [Fact]
    public void NonInterruptingStart_RunsOncePerSatisfyingChangeOfItsVariable_BesideTheRest()
    {
        var instance = _world.Start("esp-cond-notes");

        instance.Complete("nEdit", new { notes = 1 });
        instance.Complete("nEdit", new { other = 1 });
        instance.Complete("nEdit", new { notes = 2 });

        Assert.Equal(["nEdit", "nRead", "nRead", "nWork"], instance.OpenTaskNodes.Order());
        Assert.Equal("nNoted", Assert.Single(instance.State.ConditionalSubscriptions).NodeId);
    }

    [Fact]
    public void StartInASubprocess_WaitsOnlyWhileTheSubprocessRuns()
    {
        var stopped = _world.Start("esp-cond-inner");
        Assert.Equal("iStopped", Assert.Single(stopped.State.ConditionalSubscriptions).NodeId);
        stopped.Complete("iEdit", new { stop = true });
        Assert.Equal(["iAfter", "iEdit"], stopped.OpenTaskNodes.Order());
        Assert.Single(_world.History, h => h.Type == HistoryEventType.TaskCancelled && h.NodeId == "iStageWork");

        var finished = _world.Start("esp-cond-inner");
        finished.Complete("iStageWork");
        Assert.Empty(finished.State.ConditionalSubscriptions);
        finished.Complete("iEdit", new { stop = true });
        Assert.Equal(["iAfter", "iEdit"], finished.OpenTaskNodes.Order());
    }
}
