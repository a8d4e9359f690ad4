using ApprovalFlow.Engine.History;
using ApprovalFlow.Engine.Intents;
using ApprovalFlow.Engine.State;
using ApprovalFlow.Engine.Tests.Support;

namespace ApprovalFlow.Engine.Tests.Elements;

public class ExclusiveGatewayTests
{
    [Fact]
    public void ReviseLoopsBackToDraft_ThenApproveEnds()
    {
        var world = new EngineWorld("gateways/exclusive-loop.bpmn");
        var instance = world.Start("exclusive-loop");

        instance.Complete("draft");
        instance.Complete("review", new { decision = "revise" });
        Assert.Equal(["draft"], instance.OpenTaskNodes);
        instance.Complete("draft");
        instance.Complete("review", new { decision = "approve" });

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(["start", "draft", "review", "decide", "draft", "review", "decide", "end"], instance.Entered());
    }
}

public class ParallelGatewayTests
{
    [Fact]
    public void JoinWaitsForEveryBranch()
    {
        var world = new EngineWorld("gateways/parallel.bpmn");
        var instance = world.Start("parallel");
        Assert.Equal(["a", "b", "c"], instance.OpenTaskNodes.Order());

        instance.Complete("b");
        instance.Complete("a");
        Assert.Equal(["c"], instance.OpenTaskNodes);
        Assert.Equal(2, instance.State.Executions.Count(e => e.Status == ExecutionStatus.Joining));
        Assert.DoesNotContain(world.History, h => h.Type == HistoryEventType.NodeLeft && h.NodeId == "join");

        instance.Complete("c");

        Assert.Equal(["after"], instance.OpenTaskNodes);
        Assert.Single(world.History, h => h.Type == HistoryEventType.NodeLeft && h.NodeId == "join");
        Assert.Equal(2, instance.State.Executions.Count);
    }
}

public class InclusiveGatewayTests
{
    private readonly EngineWorld _world = new("gateways/inclusive.bpmn");

    [Fact]
    public void JoinDoesNotWaitForBranchNotTaken()
    {
        var instance = _world.Start("inclusive", new { wantA = true, wantB = false });

        Assert.Equal(["a"], instance.OpenTaskNodes);
        instance.Complete("a");

        Assert.Equal(["after"], instance.OpenTaskNodes);
    }

    [Fact]
    public void JoinWaitsForTokenThatCanStillArrive()
    {
        var instance = _world.Start("inclusive", new { wantA = true, wantB = true });
        instance.Complete("a");
        Assert.Equal(["b"], instance.OpenTaskNodes);
        instance.Complete("b");
        Assert.Equal(["bNext"], instance.OpenTaskNodes);

        instance.Complete("bNext");

        Assert.Equal(["after"], instance.OpenTaskNodes);
        Assert.Single(_world.History, h => h.Type == HistoryEventType.NodeLeft && h.NodeId == "join");
    }

    [Fact]
    public void NoConditionHolds_TakesDefault()
    {
        var instance = _world.Start("inclusive", new { wantA = false, wantB = false });

        Assert.Equal(["after"], instance.OpenTaskNodes);
        Assert.Contains("c", instance.Entered());
    }
}

public class EventBasedGatewayTests
{
    private readonly EngineWorld _world = new("gateways/event-based.bpmn");

    [Fact]
    public void MessageFirst_WinsAndCancelsTimer()
    {
        var instance = _world.Start("event-based");
        var timer = Assert.Single(instance.Timers());
        Assert.Single(instance.State.Subscriptions);

        instance.Correlate("approved");

        Assert.Equal(["publish"], instance.OpenTaskNodes);
        Assert.Empty(instance.Timers());
        Assert.Contains(_world.Intents, i => i is CancelTimerIntent c && c.TimerId == timer.Id);
        Assert.IsType<StepResult.NotApplicable>(instance.Execute(new Commands.FireTimer(timer.Id)));
    }

    [Fact]
    public void TimerFirst_WinsAndCancelsSubscription()
    {
        var instance = _world.Start("event-based");

        instance.FireTimer("timeout");

        Assert.Equal(["chase"], instance.OpenTaskNodes);
        Assert.Empty(instance.State.Subscriptions);
        Assert.Contains(_world.Intents, i => i is UnsubscribeMessageIntent u && u.MessageName == "approved");
        Assert.Equal(NotApplicableReason.NoSubscription, Assert.IsType<StepResult.NotApplicable>(instance.Correlate("approved")).Reason);
    }
}
