using ApprovalFlow.Engine.Commands;
using ApprovalFlow.Engine.History;
using ApprovalFlow.Engine.Intents;
using ApprovalFlow.Engine.State;
using ApprovalFlow.Engine.Tests.Support;

namespace ApprovalFlow.Engine.Tests.Elements;

/// <summary>
/// Signals (BPMN 2.0.2 §10.5.5) as Camunda 7's <c>SignalEventTest</c> and <c>SignalBoundaryEventTest</c>
/// assert: a thrown signal reaches the waiting catch events of other instances and of the thrower itself,
/// interrupting boundary events cancel their activity, non-interrupting ones fire on each signal, names may
/// be expressions, and variables travel with <c>camunda:in</c>.
/// </summary>
public class SignalEventTests
{
    private readonly EngineWorld _world = new("signals/signals.bpmn");

    [Fact]
    public void SignalThrownInOneInstance_ReachesTheCatchEventsOfEveryOtherInstance_WithItsVariables()
    {
        var first = _world.Start("catcher");
        var second = _world.Start("catcher");
        var thrower = _world.Start("thrower");
        Assert.Equal("plan-decided", Assert.Single(first.State.SignalSubscriptions).SignalName);

        thrower.Complete("decide", new { decision = "approve" });

        Assert.Equal(["afterSignal"], first.OpenTaskNodes);
        Assert.Equal(["afterSignal"], second.OpenTaskNodes);
        Assert.Equal("approve", first.Variable("decision").GetString());
        Assert.Empty(first.State.SignalSubscriptions);
        Assert.Equal(["afterThrow"], thrower.OpenTaskNodes);
        var thrown = Assert.Single(_world.Intents.OfType<ThrowSignalIntent>());
        Assert.Equal("plan-decided", thrown.SignalName);
        Assert.Single(_world.History, h => h.Type == HistoryEventType.SignalThrown && h.NodeId == "throw");
        Assert.Equal(2, _world.History.Count(h => h.Type == HistoryEventType.SignalReceived && h.NodeId == "wait"));
    }

    [Fact]
    public void SignalWithoutWaitingInstances_IsNoError_AndTheThrowerGoesOn()
    {
        var thrower = _world.Start("thrower");

        thrower.Complete("decide", new { decision = "reject" });

        Assert.Equal(["afterThrow"], thrower.OpenTaskNodes);
        Assert.Empty(thrower.State.Incidents);
    }

    [Fact]
    public void SignalEndEvent_ThrowsAndEndsThePath()
    {
        var waiting = _world.Start("boundaries");
        var thrower = _world.Start("end-thrower");

        thrower.Complete("eTask");

        Assert.Equal(InstanceStatus.Completed, thrower.Status);
        Assert.Equal(["closeUp"], waiting.OpenTaskNodes);
    }

    [Fact]
    public void InterruptingSignalBoundaryEvent_CancelsTheTask_AndTakesItsFlow()
    {
        var instance = _world.Start("boundaries");

        _world.BroadcastSignal("cycle-withdrawn");

        Assert.Equal(["closeUp"], instance.OpenTaskNodes);
        Assert.Contains(_world.History, h => h.Type == HistoryEventType.TaskCancelled && h.NodeId == "work");
        Assert.Empty(instance.State.SignalSubscriptions);
    }

    [Fact]
    public void NonInterruptingSignalBoundaryEvent_FiresOnEachSignal_AndKeepsTheTask()
    {
        var instance = _world.Start("boundaries");

        _world.BroadcastSignal("reminder");
        _world.BroadcastSignal("reminder");

        Assert.Equal(["work", "note", "note"], instance.OpenTaskNodes.Order(StringComparer.Ordinal).Reverse().ToList());
        Assert.Equal(2, instance.State.SignalSubscriptions.Count);

        instance.Complete("work");

        Assert.Empty(instance.State.SignalSubscriptions);
        Assert.Equal(["note", "note"], instance.OpenTaskNodes);
    }

    [Fact]
    public void SignalNameExpression_IsEvaluatedWhenTheEventSubscribes()
    {
        var north = _world.Start("dynamic-name", new { region = "north" });
        var south = _world.Start("dynamic-name", new { region = "south" });
        Assert.Equal("review-north", Assert.Single(north.State.SignalSubscriptions).SignalName);

        _world.BroadcastSignal("review-south");

        Assert.Equal(["dTask"], south.OpenTaskNodes);
        Assert.Empty(north.OpenTaskNodes);
    }

    [Fact]
    public void SignalThrownInAnInstance_ReachesItsOwnWaitingBranch_InTheSameStep()
    {
        var instance = _world.Start("same-instance");

        instance.Complete("sTask");

        Assert.Equal(["sCaught"], instance.OpenTaskNodes);
        var received = Assert.Single(_world.History, h => h.Type == HistoryEventType.SignalReceived);
        Assert.Equal("sWait", received.NodeId);
    }

    [Fact]
    public void SignalAfterEventBasedGateway_WinsOverTheTimer_WhichIsCancelled()
    {
        var instance = _world.Start("gateway");
        Assert.Single(instance.Timers());

        _world.BroadcastSignal("plan-decided");

        Assert.Equal(["gDecided"], instance.OpenTaskNodes);
        Assert.Empty(instance.Timers());
        Assert.Contains(_world.Intents, i => i is CancelTimerIntent);
    }

    [Fact]
    public void DeliveryRepeated_ForTheSameSubscriptions_IsNotApplicable()
    {
        var instance = _world.Start("catcher");
        var subscription = Assert.Single(instance.State.SignalSubscriptions);
        var delivery = new DeliverSignal("plan-decided", [subscription.Id], DeliveryId: "d1");

        Assert.IsType<StepResult.Applied>(instance.Execute(delivery));
        var again = Assert.IsType<StepResult.NotApplicable>(instance.Execute(delivery));

        Assert.Equal(NotApplicableReason.NoSubscription, again.Reason);
        Assert.Equal("d1", Assert.Single(_world.History, h => h.Type == HistoryEventType.SignalReceived).Data!["deliveryId"].GetString());
    }

    [Fact]
    public void DeliveryListingSubscriptions_SkipsOnesMadeAfterTheBroadcast()
    {
        var instance = _world.Start("boundaries");

        var result = instance.Execute(new DeliverSignal("reminder", ["s-made-later"]));

        Assert.IsType<StepResult.NotApplicable>(result);
        Assert.Equal(["work"], instance.OpenTaskNodes);
    }

    [Fact]
    public void CancellingTheInstance_RemovesItsSignalSubscriptions()
    {
        var instance = _world.Start("boundaries");

        instance.Execute(new CancelInstance());

        Assert.Empty(instance.State.SignalSubscriptions);
        Assert.Equal(2, _world.Intents.OfType<UnsubscribeSignalIntent>().Count());
    }
}
