using ApprovalFlow.Engine.History;
using ApprovalFlow.Engine.Intents;
using ApprovalFlow.Engine.State;
using ApprovalFlow.Engine.Tests.Support;

namespace ApprovalFlow.Engine.Tests.Elements;

/// <summary>
/// Escalations (BPMN 2.0.2 §10.5.3) as Camunda 7's <c>EscalationEventTest</c> asserts: an escalation thrown
/// in a subprocess or a called process is caught by the nearest escalation boundary event that matches its
/// code (a boundary event without a code catches all); a non-interrupting catch lets the thrower go on, an
/// interrupting one cancels the activity; uncaught, the escalation is no error.
/// </summary>
public class EscalationEventTests
{
    private readonly EngineWorld _world = new("escalations/escalations.bpmn");

    private Instance OnlyChild(Instance parent) => new(_world, Assert.Single(_world.ChildrenOf(parent.Id)).InstanceId);

    [Fact]
    public void NonInterruptingBoundaryOnSubprocess_CatchesTheIntermediateThrow_AndBothPathsGoOn()
    {
        var instance = _world.Start("non-interrupting");

        Assert.Equal(["goOn", "handle"], instance.OpenTaskNodes.Order(StringComparer.Ordinal).ToList());
        Assert.Equal("PROBLEM", instance.Variable("raisedCode").GetString());
        var thrown = Assert.Single(_world.History, h => h.Type == HistoryEventType.EscalationThrown);
        Assert.Equal("raise", thrown.NodeId);
        Assert.Equal("noted", thrown.Data!["caughtBy"].GetString());

        instance.Complete("goOn");

        Assert.Equal(["handle", "after"], instance.OpenTaskNodes);
    }

    [Fact]
    public void InterruptingCatchAllBoundary_CatchesTheEscalationEndEvent_AndCancelsTheSubprocess()
    {
        var instance = _world.Start("interrupting-end");

        instance.Complete("iCheck");

        Assert.Equal(["iHandle"], instance.OpenTaskNodes);
        Assert.Contains(_world.History, h => h.Type == HistoryEventType.TaskCancelled && h.NodeId == "iWork");
        Assert.Contains(_world.History, h => h.Type == HistoryEventType.NodeCancelled && h.NodeId == "iSub");
        Assert.DoesNotContain(_world.History, h => h.Type == HistoryEventType.NodeEntered && h.NodeId == "iAfter");
    }

    [Fact]
    public void NearestCatcherWins_AndOnOneActivity_TheMatchingCodeWinsOverTheCatchAll()
    {
        var instance = _world.Start("nearest");

        Assert.Equal(["byInner"], instance.OpenTaskNodes);
        Assert.Equal("innerProblem", Assert.Single(_world.History, h => h.Type == HistoryEventType.EscalationThrown).Data!["caughtBy"].GetString());
        Assert.Contains(_world.History, h => h.Type == HistoryEventType.NodeCancelled && h.NodeId == "inner");
        Assert.Equal(InstanceStatus.Active, instance.Status);
    }

    [Fact]
    public void UncaughtEscalation_IsNoError_TheThrowGoesOnAndTheEndEventEnds()
    {
        var instance = _world.Start("uncaught");
        Assert.Equal(["uTask"], instance.OpenTaskNodes);

        instance.Complete("uTask");

        Assert.Equal(["uAfter"], instance.OpenTaskNodes);
        Assert.Empty(instance.State.Incidents);
        var thrown = _world.History.Where(h => h.Type == HistoryEventType.EscalationThrown).ToList();
        Assert.Equal(["uRaise", "uEscalateEnd"], thrown.Select(h => h.NodeId!).ToList());
        Assert.All(thrown, h => Assert.False(h.Data!.ContainsKey("caughtBy")));
        Assert.DoesNotContain(_world.Intents, i => i is PropagateEscalationIntent);
    }

    [Fact]
    public void EscalationFromCalledProcess_IsCaughtByTheNonInterruptingBoundaryOnTheCallActivity_AndTheChildGoesOn()
    {
        var parent = _world.Start("call-non-interrupting");
        var child = OnlyChild(parent);

        Assert.Equal(["pHandle"], parent.OpenTaskNodes);
        Assert.Equal(["cWork"], child.OpenTaskNodes);
        Assert.Contains(_world.History, h => h.Type == HistoryEventType.EscalationThrown && h.NodeId == "call" && h.TaskId == child.Id
            && h.Data!["caughtBy"].GetString() == "callNoted");

        child.Complete("cWork");

        Assert.Equal(["pHandle", "pAfter"], parent.OpenTaskNodes);
    }

    [Fact]
    public void EscalationFromCalledProcess_CaughtByAnInterruptingBoundary_CancelsTheChild()
    {
        var parent = _world.Start("call-interrupting");

        var child = new Instance(_world, Assert.Single(_world.ChildrenOf(parent.Id)).InstanceId);
        Assert.Equal(["qHandle"], parent.OpenTaskNodes);
        Assert.Equal(InstanceStatus.Cancelled, child.Status);
        Assert.Contains(_world.Intents, i => i is CancelChildInstanceIntent);
    }
}
