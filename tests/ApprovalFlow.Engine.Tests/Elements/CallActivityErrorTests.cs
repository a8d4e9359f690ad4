using ApprovalFlow.Engine.Commands;
using ApprovalFlow.Engine.History;
using ApprovalFlow.Engine.Intents;
using ApprovalFlow.Engine.State;
using ApprovalFlow.Engine.Tests.Support;

namespace ApprovalFlow.Engine.Tests.Elements;

/// <summary>
/// BPMN errors leave a called process (BPMN 2.0.2 §10.4.3), as Camunda 7's
/// <c>BoundaryErrorEventTest.testCatchErrorOnCallActivity</c> and
/// <c>testCatchErrorThrownByCallActivityOnSubprocess</c> assert: the child ends and the error is caught
/// on the calling side; uncaught there, an incident holds the parent's call activity.
/// </summary>
public class CallActivityErrorTests
{
    private readonly EngineWorld _world = new("calls/call-error.bpmn");

    private Instance OnlyChild(Instance parent) => new(_world, Assert.Single(_world.ChildrenOf(parent.Id)).InstanceId);

    [Fact]
    public void ErrorEndEventInCalledProcess_EndsTheChild_AndIsCaughtByTheBoundaryOnTheCallActivity()
    {
        var parent = _world.Start("catch-on-call");
        var child = OnlyChild(parent);

        child.Complete("draft", new { ok = false });

        Assert.Equal(InstanceStatus.Cancelled, child.Status);
        Assert.Empty(child.State.Incidents);
        Assert.Equal(["escalated"], parent.OpenTaskNodes);
        Assert.Empty(parent.State.Incidents);
        Assert.Contains(_world.History, h => h.Type == HistoryEventType.ErrorThrown && h.NodeId == "callWg" && h.TaskId == child.Id && h.Data!["errorCode"].GetString() == "REJECTED");
        Assert.Contains(_world.History, h => h.Type == HistoryEventType.NodeCancelled && h.NodeId == "callWg");
        Assert.DoesNotContain(_world.Intents, i => i is CancelChildInstanceIntent);
    }

    [Fact]
    public void CalledProcessEndingNormally_TakesTheNormalFlow()
    {
        var parent = _world.Start("catch-on-call");

        OnlyChild(parent).Complete("draft", new { ok = true });

        Assert.Equal(["after"], parent.OpenTaskNodes);
        Assert.DoesNotContain(_world.Intents, i => i is PropagateErrorIntent);
    }

    [Fact]
    public void ErrorFromCallActivityInsideSubprocess_IsCaughtByTheBoundaryOnTheSubprocess()
    {
        var parent = _world.Start("catch-on-subprocess");

        OnlyChild(parent).Complete("draft", new { ok = false });

        Assert.Equal(["sEscalated"], parent.OpenTaskNodes);
        Assert.Contains(_world.History, h => h.Type == HistoryEventType.NodeCancelled && h.NodeId == "sub");
        Assert.DoesNotContain(parent.Entered(), n => n == "sAfter");
    }

    [Fact]
    public void ErrorUncaughtByTheParent_RaisesAnIncidentOnTheCallActivity_RetryCallsAgain()
    {
        var parent = _world.Start("uncaught");
        var child = OnlyChild(parent);

        child.Complete("draft", new { ok = false });

        Assert.Equal(InstanceStatus.Cancelled, child.Status);
        Assert.Empty(child.State.Incidents);
        var incident = Assert.Single(parent.State.Incidents);
        Assert.Equal(IncidentKind.UnhandledError, incident.Kind);
        Assert.Equal("uCall", incident.NodeId);
        Assert.Contains("'REJECTED'", incident.Message, StringComparison.Ordinal);
        Assert.Contains("end event 'childError' of process 'wg-child'", incident.Message, StringComparison.Ordinal);
        Assert.Equal(InstanceStatus.Active, parent.Status);

        parent.Execute(new RetryIncident(incident.Id));

        var again = _world.ChildrenOf(parent.Id).Single(c => c.Status == InstanceStatus.Active);
        Assert.Equal(["draft"], again.Tasks.Select(t => t.NodeId));
        new Instance(_world, again.InstanceId).Complete("draft", new { ok = true });
        Assert.Equal(["uAfter"], parent.OpenTaskNodes);
    }

    [Fact]
    public void ErrorFromOneChildOfAMultiInstanceCall_CancelsTheOtherChildren()
    {
        var parent = _world.Start("mi-catch", new { groups = new[] { "g1", "g2", "g3" } });
        var children = _world.ChildrenOf(parent.Id).Select(c => new Instance(_world, c.InstanceId)).ToList();
        Assert.Equal(3, children.Count);

        children[1].Complete("draft", new { ok = false });

        Assert.All(children, c => Assert.Equal(InstanceStatus.Cancelled, c.Status));
        Assert.Equal(2, _world.Intents.OfType<CancelChildInstanceIntent>().Count());
        Assert.Equal(["mEscalated"], parent.OpenTaskNodes);
        Assert.DoesNotContain(parent.State.Executions, e => e.Kind is ExecutionKind.MultiInstanceBody or ExecutionKind.MultiInstanceItem);
    }

    [Fact]
    public void ErrorUncaughtInAMiddleProcess_GoesOnUpToTheCallerThatCatchesIt()
    {
        var grand = _world.Start("grand");
        var middle = OnlyChild(grand);
        var child = OnlyChild(middle);

        child.Complete("draft", new { ok = false });

        Assert.Equal(InstanceStatus.Cancelled, child.Status);
        Assert.Equal(InstanceStatus.Cancelled, middle.Status);
        Assert.Empty(middle.State.Incidents);
        Assert.Equal(["gEscalated"], grand.OpenTaskNodes);
    }

    [Fact]
    public void ServiceTaskErrorUncaughtInCalledProcess_LeavesItToo()
    {
        var parent = _world.Start("catch-job-error");
        var child = OnlyChild(parent);

        child.Execute(new ThrowBpmnError(child.Job("load").Id, "REJECTED", "directory offline"));

        Assert.Equal(InstanceStatus.Cancelled, child.Status);
        Assert.Empty(child.State.Jobs);
        Assert.Equal(["kEscalated"], parent.OpenTaskNodes);
    }

    [Fact]
    public void LateErrorForACallActivityThatMovedOn_IsNotApplicable()
    {
        var parent = _world.Start("catch-on-call");
        var execution = parent.State.Executions.Single(e => e.WaitingForChild);
        OnlyChild(parent).Complete("draft", new { ok = true });

        var late = parent.Execute(new ChildInstanceThrewError(execution.Id, "pi-x", "REJECTED", "end event 'x'"));

        Assert.Equal(NotApplicableReason.ExecutionNotFound, Assert.IsType<StepResult.NotApplicable>(late).Reason);
    }
}
