using ApprovalFlow.Engine.Commands;
using ApprovalFlow.Engine.History;
using ApprovalFlow.Engine.State;
using ApprovalFlow.Engine.Tests.Support;

namespace ApprovalFlow.Engine.Tests.Elements;

/// <summary>
/// Error and escalation event subprocesses (BPMN 2.0.2 §10.3.5) as Camunda 7's <c>ErrorEventSubProcessTest</c> and
/// <c>EscalationEventSubprocessTest</c> assert: an error is caught by the innermost scope's error event subprocess
/// before the error boundary events of enclosing activities, the one for its code before a catch-all, also when a
/// service task or a called process throws it; an escalation caught by a non-interrupting escalation event
/// subprocess lets the thrower go on, and an inner boundary event wins over an outer event subprocess.
/// </summary>
public class ErrorEscalationEventSubprocessTests
{
    private readonly EngineWorld _world = new("event-subprocesses/errors-escalations.bpmn");

    [Fact]
    public void ErrorEndEventInSubprocess_IsCaughtByTheSubprocessOwnErrorEventSubprocess_BeforeTheBoundaryOnIt()
    {
        var instance = _world.Start("esp-error-inner-first");

        Assert.Equal(["handledInside"], instance.OpenTaskNodes);
        Assert.Contains(_world.History, h => h.Type == HistoryEventType.TaskCancelled && h.NodeId == "sideWork");
        Assert.DoesNotContain(_world.History, h => h.Type == HistoryEventType.NodeEntered && h.NodeId == "outerCatch");

        instance.Complete("handledInside");

        Assert.Equal(["after"], instance.OpenTaskNodes);
    }

    [Fact]
    public void BpmnErrorOfAServiceTask_IsCaughtByTheEventSubprocessForItsCode_BeforeTheCatchAll()
    {
        var instance = _world.Start("esp-error-by-code");

        instance.Execute(new ThrowBpmnError(instance.Job("load").Id, "E2", "directory down"));

        Assert.Equal(["e2Handled"], instance.OpenTaskNodes);
        Assert.Empty(instance.State.Jobs);
        Assert.Empty(instance.State.Incidents);
    }

    [Fact]
    public void BpmnErrorWithAnotherCode_IsCaughtByTheCatchAllEventSubprocess()
    {
        var instance = _world.Start("esp-error-by-code");

        instance.Execute(new ThrowBpmnError(instance.Job("load").Id, "SOMETHING_ELSE"));

        Assert.Equal(["anyError"], instance.OpenTaskNodes);
        instance.Complete("anyError");
        Assert.Equal(InstanceStatus.Completed, instance.Status);
    }

    [Fact]
    public void ErrorOfACalledProcess_IsCaughtByTheCallingProcessErrorEventSubprocess()
    {
        var parent = _world.Start("esp-error-from-child");

        Assert.Equal(["repair"], parent.OpenTaskNodes);
        Assert.Equal(InstanceStatus.Cancelled, Assert.Single(_world.ChildrenOf(parent.Id)).Status);
        Assert.Empty(parent.State.Incidents);
    }

    [Fact]
    public void EscalationCaughtByNonInterruptingEventSubprocessInItsScope_TheThrowerGoesOn_AndTheBoundaryOutsideDoesNotFire()
    {
        var instance = _world.Start("esp-escalation-in-scope");

        Assert.Equal(["yGoOn", "lookAtProblem"], instance.OpenTaskNodes);
        Assert.Equal("PROBLEM", instance.Variable("raised").GetString());
        Assert.Equal("problemStart", Assert.Single(_world.History, h => h.Type == HistoryEventType.EscalationThrown).Data!["caughtBy"].GetString());

        instance.Complete("yGoOn");
        Assert.Equal(["lookAtProblem"], instance.OpenTaskNodes);

        instance.Complete("lookAtProblem");

        Assert.Equal(["yAfter"], instance.OpenTaskNodes);
        Assert.DoesNotContain(_world.History, h => h.Type == HistoryEventType.NodeEntered && h.NodeId == "yBoundary");
    }

    [Fact]
    public void EscalationInSubprocess_IsCaughtByTheBoundaryOnIt_BeforeTheProcessLevelEventSubprocess()
    {
        var instance = _world.Start("esp-escalation");

        Assert.Equal(["byBoundary"], instance.OpenTaskNodes);
        Assert.Equal("qBoundary", Assert.Single(_world.History, h => h.Type == HistoryEventType.EscalationThrown).Data!["caughtBy"].GetString());
        Assert.DoesNotContain(_world.History, h => h.Type == HistoryEventType.NodeEntered && h.NodeId == "processNoted");
    }
}
