using ApprovalFlow.Engine.History;
using ApprovalFlow.Engine.Intents;
using ApprovalFlow.Engine.State;
using ApprovalFlow.Engine.Tests.Support;

namespace ApprovalFlow.Engine.Tests.Elements;

/// <summary>
/// Interrupting event subprocesses (BPMN 2.0.2 §10.3.5) as Camunda 7's <c>InterruptingEventSubProcessTest</c>,
/// <c>MessageEventSubprocessTest</c>, <c>SignalEventSubprocessTest</c> and <c>TimerStartEventSubprocessTest</c>
/// assert: the start's event cancels everything else in its scope (tasks with history, the called instances of a
/// multi-instance call activity, the other event subprocess starts), the event subprocess runs, and its end
/// completes the scope; the subscriptions of a scope go when the scope ends.
/// </summary>
public class InterruptingEventSubprocessTests
{
    private readonly EngineWorld _world = new("event-subprocesses/interrupting.bpmn");

    [Fact]
    public void MessageStart_CancelsTheTasksAndTheCalledInstancesOfTheMultiInstanceCallActivity_ThenRunsTheEventSubprocess()
    {
        var instance = _world.Start("esp-message", new { groups = new[] { "wg1", "wg2" } });
        var children = _world.ChildrenOf(instance.Id).ToList();
        Assert.Equal(2, children.Count);
        Assert.Equal(["esp-withdraw"], instance.State.Subscriptions.Select(s => s.MessageName));
        Assert.Equal(["esp-stop"], instance.State.SignalSubscriptions.Select(s => s.SignalName));

        instance.Correlate("esp-withdraw", new { reason = "budget cut" });

        Assert.Equal(["notifyWithdrawn"], instance.OpenTaskNodes);
        Assert.Equal("budget cut", instance.Variable("reason").GetString());
        Assert.Contains(_world.History, h => h.Type == HistoryEventType.TaskCancelled && h.NodeId == "review");
        Assert.Contains(_world.History, h => h.Type == HistoryEventType.NodeCancelled && h.NodeId == "groups");
        Assert.Equal(2, _world.Intents.OfType<CancelChildInstanceIntent>().Count());
        Assert.All(_world.ChildrenOf(instance.Id), c => Assert.Equal(InstanceStatus.Cancelled, c.Status));
        Assert.Equal(2, _world.History.Count(h => h.Type == HistoryEventType.TaskCancelled && h.NodeId == "groupTask"));
        Assert.Empty(instance.State.Subscriptions);
        Assert.Empty(instance.State.SignalSubscriptions);
        Assert.Contains(_world.Intents, i => i is UnsubscribeSignalIntent);

        instance.Complete("notifyWithdrawn");

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.DoesNotContain(_world.History, h => h.Type == HistoryEventType.NodeEntered && h.NodeId == "approve");
    }

    [Fact]
    public void SignalStart_InterruptsTheProcess_AndRemovesTheMessageSubscription()
    {
        var instance = _world.Start("esp-message", new { groups = new[] { "wg1" } });

        _world.BroadcastSignal("esp-stop");

        Assert.Equal(["stopped"], instance.OpenTaskNodes);
        Assert.Empty(instance.State.Subscriptions);
        Assert.Contains(_world.Intents, i => i is UnsubscribeMessageIntent { MessageName: "esp-withdraw" });
        Assert.Equal(InstanceStatus.Cancelled, Assert.Single(_world.ChildrenOf(instance.Id)).Status);

        instance.Complete("stopped");

        Assert.Equal(InstanceStatus.Completed, instance.Status);
    }

    [Fact]
    public void WithoutTheEvent_TheProcessCompletes_AndItsEventSubprocessSubscriptionsAreRemoved()
    {
        var instance = _world.Start("esp-message", new { groups = new[] { "wg1" } });
        var child = new Instance(_world, Assert.Single(_world.ChildrenOf(instance.Id)).InstanceId);

        child.Complete("groupTask");
        instance.Complete("review");
        instance.Complete("approve");

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Contains(_world.Intents, i => i is UnsubscribeMessageIntent { MessageName: "esp-withdraw" });
        Assert.Contains(_world.Intents, i => i is UnsubscribeSignalIntent);
        Assert.DoesNotContain(_world.History, h => h.Type == HistoryEventType.NodeEntered && h.NodeId == "withdraw");
    }

    [Fact]
    public void TimerStart_FiresAfterItsDuration_CancelsTheTask_AndEndsTheProcess()
    {
        var start = _world.Time.GetUtcNow();
        var instance = _world.Start("esp-timer");
        var timer = Assert.Single(instance.Timers("overdueStart"));
        Assert.Equal(start.AddHours(2), timer.DueAt);

        instance.FireTimer("overdueStart");

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Contains(_world.History, h => h.Type == HistoryEventType.TaskCancelled && h.NodeId == "slow");
        Assert.Contains(_world.History, h => h.Type == HistoryEventType.NodeEntered && h.NodeId == "overdueEnd");
    }

    [Fact]
    public void TaskCompletedFirst_CancelsTheEventSubprocessTimer()
    {
        var instance = _world.Start("esp-timer");
        var timer = Assert.Single(instance.Timers());

        instance.Complete("slow");

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Contains(_world.Intents, i => i is CancelTimerIntent c && c.TimerId == timer.Id);
    }

    [Fact]
    public void EventSubprocessOfAnEmbeddedSubprocess_InterruptsOnlyThatScope_AndThenTheSubprocessLeavesOnItsFlow()
    {
        var instance = _world.Start("esp-nested");
        var subscription = Assert.Single(instance.State.Subscriptions);
        var subExecution = instance.State.FindExecution(subscription.ExecutionId)!;
        Assert.Equal("sub", subExecution.NodeId);

        instance.Correlate("esp-sub-cancel");

        Assert.Equal(["subCancelled"], instance.OpenTaskNodes);
        Assert.Contains(_world.History, h => h.Type == HistoryEventType.TaskCancelled && h.NodeId == "subWork");

        instance.Complete("subCancelled");

        Assert.Equal(["after"], instance.OpenTaskNodes);
        Assert.Equal(InstanceStatus.Active, instance.Status);
    }

    [Fact]
    public void EmbeddedSubprocessEndingNormally_RemovesItsEventSubprocessSubscription()
    {
        var instance = _world.Start("esp-nested");

        instance.Complete("subWork");

        Assert.Equal(["after"], instance.OpenTaskNodes);
        Assert.Empty(instance.State.Subscriptions);
        Assert.Contains(_world.Intents, i => i is UnsubscribeMessageIntent { MessageName: "esp-sub-cancel" });
    }

    [Fact]
    public void InterruptingStart_AlsoCancelsRunningNonInterruptingEventSubprocessInstances()
    {
        var instance = _world.Start("esp-mixed");
        instance.Correlate("esp-mixed-note");
        Assert.Equal(["mWork", "mAddNote"], instance.OpenTaskNodes);

        _world.BroadcastSignal("esp-mixed-stop");

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Contains(_world.History, h => h.Type == HistoryEventType.TaskCancelled && h.NodeId == "mAddNote");
        Assert.Contains(_world.History, h => h.Type == HistoryEventType.NodeCancelled && h.NodeId == "mNotes");
        Assert.Contains(_world.History, h => h.Type == HistoryEventType.TaskCancelled && h.NodeId == "mWork");
    }

    [Fact]
    public void EachInstanceOfAMultiInstanceSubprocess_IsAScopeOfItsOwn_WithItsOwnTimer()
    {
        var instance = _world.Start("esp-multi-instance", new { groups = new[] { "wg1", "wg2" } });
        var timers = instance.Timers("groupStopStart");
        Assert.Equal(2, timers.Count);
        Assert.Equal(2, timers.Select(t => t.ExecutionId).Distinct().Count());

        instance.Complete("groupWork");
        Assert.Single(instance.Timers("groupStopStart"));
        Assert.Equal("wg2", Assert.Single(instance.Tasks("groupWork")).Assignee);

        instance.FireTimer("groupStopStart");

        Assert.Equal(["groupLate"], instance.OpenTaskNodes);
        Assert.Single(_world.History, h => h.Type == HistoryEventType.TaskCancelled && h.NodeId == "groupWork");

        instance.Complete("groupLate");

        Assert.Equal(["iAfter"], instance.OpenTaskNodes);
        Assert.Empty(instance.Timers());
    }
}
