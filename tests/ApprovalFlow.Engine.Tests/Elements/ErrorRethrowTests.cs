using ApprovalFlow.Engine.Commands;
using ApprovalFlow.Engine.History;
using ApprovalFlow.Engine.State;
using ApprovalFlow.Engine.Tests.Support;

namespace ApprovalFlow.Engine.Tests.Elements;

/// <summary>
/// A BPMN error thrown inside an error event subprocess (BPMN 2.0.2 §10.3.5), as Camunda 7's
/// <c>ErrorDeclarationForProcessInstanceFinder.isReThrowingErrorEventSubprocess</c> finds its catcher: an event
/// subprocess enclosing the thrower, directly or through a subprocess inside it, never catches it again (unlike
/// escalations, where only the thrower's own flow scope is skipped). The error goes on outward: to the enclosing
/// scope's error event subprocesses, to an error boundary event on the enclosing subprocess or call activity, or it
/// is uncaught. The catching event's <c>camunda:errorCodeVariable</c> and <c>camunda:errorMessageVariable</c> hold the
/// rethrown error, as <c>ErrorEventSubProcessTest.testCatchErrorEventSubprocessSetErrorVariables</c> asserts for a
/// first catch.
/// </summary>
public class ErrorRethrowTests
{
    private readonly EngineWorld _world = new("event-subprocesses/error-rethrow.bpmn");

    [Fact]
    public void ErrorEventSubprocess_SetsTheVariablesOfTheErrorItCatches()
    {
        var instance = _world.Start("err-rethrow-boundary");

        instance.Complete("work");

        Assert.Equal(["review"], instance.OpenTaskNodes);
        Assert.Equal("REJECTED", instance.Variable("innerCode").GetString());
        Assert.Equal("The draft is rejected", instance.Variable("innerMessage").GetString());
    }

    [Fact]
    public void ErrorThrownByTheEventSubprocessItself_IsCaughtByTheBoundaryOnTheEnclosingSubprocess()
    {
        var instance = _world.Start("err-rethrow-boundary");
        instance.Complete("work");

        instance.Complete("review");

        Assert.Equal(["recover"], instance.OpenTaskNodes);
        Assert.Single(_world.History, h => h.Type == HistoryEventType.NodeEntered && h.NodeId == "handler");
        Assert.Contains(_world.History, h => h.Type == HistoryEventType.NodeCancelled && h.NodeId == "scope");
        Assert.Equal("REVIEW_FAILED", instance.Variable("outerCode").GetString());
        Assert.Equal("The review failed", instance.Variable("outerMessage").GetString());
        Assert.Empty(instance.State.Incidents);
        Assert.DoesNotContain(instance.Entered(), n => n == "after");
    }

    [Fact]
    public void ErrorThrownFromASubprocessInsideTheEventSubprocess_GoesOutward_ToTheProcesssEventSubprocess()
    {
        var instance = _world.Start("err-rethrow-nested");
        instance.Complete("nWork");
        Assert.Equal(["nReview"], instance.OpenTaskNodes);

        instance.Complete("nReview");

        Assert.Equal(["nEscalate"], instance.OpenTaskNodes);
        Assert.Single(_world.History, h => h.Type == HistoryEventType.NodeEntered && h.NodeId == "nHandler");
        Assert.Contains(_world.History, h => h.Type == HistoryEventType.NodeCancelled && h.NodeId == "nScope");
        Assert.Equal("REVIEW_FAILED", instance.Variable("topCode").GetString());
        Assert.Equal("The review failed", instance.Variable("topMessage").GetString());

        instance.Complete("nEscalate");

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.DoesNotContain(instance.Entered(), n => n == "nAfter");
    }

    [Fact]
    public void ServiceTaskErrorInTheEventSubprocess_WithNothingOutsideToCatchIt_IsUncaught()
    {
        var instance = _world.Start("err-rethrow-uncaught");
        instance.Execute(new ThrowBpmnError(instance.Job("charge").Id, "DECLINED", "card declined"));
        var refund = instance.Job("refund");

        instance.Execute(new ThrowBpmnError(refund.Id, "REFUND_FAILED", "bank offline"));

        var incident = Assert.Single(instance.State.Incidents);
        Assert.Equal(IncidentKind.UnhandledError, incident.Kind);
        Assert.Equal("refund", incident.NodeId);
        Assert.Contains("'REFUND_FAILED'", incident.Message, StringComparison.Ordinal);
        Assert.Equal(InstanceStatus.Active, instance.Status);
        Assert.Empty(instance.State.Jobs);
        Assert.Single(_world.History, h => h.Type == HistoryEventType.NodeEntered && h.NodeId == "uHandler");
    }

    [Fact]
    public void ErrorRethrownInACalledProcesssEventSubprocess_LeavesTheChild_ToTheBoundaryOnTheCallActivity()
    {
        var parent = _world.Start("err-rethrow-parent");
        var child = new Instance(_world, Assert.Single(_world.ChildrenOf(parent.Id)).InstanceId);
        child.Complete("draft");
        Assert.Equal(["cReview"], child.OpenTaskNodes);

        child.Complete("cReview");

        Assert.Equal(InstanceStatus.Cancelled, child.Status);
        Assert.Equal(["pRecover"], parent.OpenTaskNodes);
        Assert.Equal("REVIEW_FAILED", parent.Variable("childCode").GetString());
        Assert.Equal("The review failed", parent.Variable("childMessage").GetString());
        Assert.Single(_world.History, h => h.Type == HistoryEventType.NodeEntered && h.NodeId == "cHandler");
    }
}
