using ApprovalFlow.Engine.History;
using ApprovalFlow.Engine.Intents;
using ApprovalFlow.Engine.State;
using ApprovalFlow.Engine.Tests.Support;

namespace ApprovalFlow.Engine.Tests.Elements;

/// <summary>
/// Non-interrupting event subprocesses (BPMN 2.0.2 §10.3.5) as Camunda 7's <c>NonInterruptingEventSubProcessTest</c>
/// and <c>TimerStartEventSubprocessTest</c> assert: each message, signal or timer cycle firing starts one more
/// instance beside the rest of the scope, which goes on; the subscription stays; the scope completes only when
/// every instance has ended.
/// </summary>
public class NonInterruptingEventSubprocessTests
{
    private readonly EngineWorld _world = new("event-subprocesses/non-interrupting.bpmn");

    [Fact]
    public void EachMessage_StartsOneMoreInstance_TheWorkGoesOn_AndTheSubscriptionStays()
    {
        var instance = _world.Start("esp-notes");

        instance.Correlate("esp-note", new { note = "first" });
        instance.Correlate("esp-note", new { note = "second" });

        Assert.Equal(["work", "addNote", "addNote"], instance.OpenTaskNodes);
        Assert.Equal("second", instance.Variable("note").GetString());
        Assert.Single(instance.State.Subscriptions, s => s.MessageName == "esp-note");
        Assert.Equal(2, _world.History.Count(h => h.Type == HistoryEventType.NodeEntered && h.NodeId == "notes"));
        Assert.DoesNotContain(_world.History, h => h.Type == HistoryEventType.TaskCancelled);
    }

    [Fact]
    public void TheScope_CompletesOnlyWhenEveryEventSubprocessInstanceHasEnded()
    {
        var instance = _world.Start("esp-notes");
        instance.Correlate("esp-note");
        _world.BroadcastSignal("esp-ping");

        instance.Complete("work");

        Assert.Equal(InstanceStatus.Active, instance.Status);
        Assert.Equal(["addNote", "answerPing"], instance.OpenTaskNodes);

        instance.Complete("addNote");
        Assert.Equal(InstanceStatus.Active, instance.Status);

        instance.Complete("answerPing");

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Contains(_world.Intents, i => i is UnsubscribeMessageIntent { MessageName: "esp-note" });
        Assert.Contains(_world.Intents, i => i is UnsubscribeSignalIntent);
    }

    [Fact]
    public void SignalStart_RunsOncePerSignal()
    {
        var instance = _world.Start("esp-notes");

        _world.BroadcastSignal("esp-ping");
        _world.BroadcastSignal("esp-ping");
        _world.BroadcastSignal("esp-ping");

        Assert.Equal(3, instance.Tasks("answerPing").Count);
        Assert.Single(instance.State.SignalSubscriptions);
        Assert.Equal(["work"], instance.Tasks("work").Select(t => t.NodeId));
    }

    [Fact]
    public void TimerCycle_StartsOneInstancePerFiring_UntilItsRepetitionsAreUsed()
    {
        var begin = _world.Time.GetUtcNow();
        var instance = _world.Start("esp-reminders");
        Assert.Equal(begin.AddHours(1), Assert.Single(instance.Timers("remindStart")).DueAt);

        instance.FireTimer("remindStart");

        Assert.Equal(["longWork", "remind"], instance.OpenTaskNodes);
        Assert.Equal(begin.AddHours(2), Assert.Single(instance.Timers("remindStart")).DueAt);

        instance.FireTimer("remindStart");

        Assert.Equal(2, instance.Tasks("remind").Count);
        Assert.Empty(instance.Timers());
        Assert.Single(instance.Tasks("longWork"));
    }

    [Fact]
    public void TimerCycle_IsCancelledWhenTheScopeCompletes()
    {
        var instance = _world.Start("esp-reminders");
        var timer = Assert.Single(instance.Timers());

        instance.Complete("longWork");

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Contains(_world.Intents, i => i is CancelTimerIntent c && c.TimerId == timer.Id);
    }
}
