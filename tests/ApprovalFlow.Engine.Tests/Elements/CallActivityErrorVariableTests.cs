using System.Text.Json;
using ApprovalFlow.Engine.Commands;
using ApprovalFlow.Engine.Intents;
using ApprovalFlow.Engine.State;
using ApprovalFlow.Engine.Tests.Support;

namespace ApprovalFlow.Engine.Tests.Elements;

/// <summary>
/// <c>camunda:errorCodeVariable</c> and <c>camunda:errorMessageVariable</c> of an error boundary event on a call activity
/// (Camunda 7 passes the error's code and message up the call hierarchy, <c>BpmnExceptionHandler.propagateError</c>):
/// the parent's variables hold what the called process threw, its <c>camunda:errorMessage</c> or a service task's
/// error message, also when the error passes through a middle process that does not catch it.
/// </summary>
public class CallActivityErrorVariableTests
{
    private readonly EngineWorld _world = new("calls/call-error-variables.bpmn");

    private Instance OnlyChild(Instance parent) => new(_world, Assert.Single(_world.ChildrenOf(parent.Id)).InstanceId);

    [Fact]
    public void BoundaryOnTheCallActivity_SetsTheCodeAndTheMessageTheChildsErrorEndEventThrew()
    {
        var parent = _world.Start("cv-parent", new { kind = "budget" });

        OnlyChild(parent).Complete("draft");

        Assert.Equal(["replan"], parent.OpenTaskNodes);
        Assert.Equal("OVER_BUDGET", parent.Variable("childErrorCode").GetString());
        Assert.Equal("The plan exceeds the budget ceiling", parent.Variable("childErrorMessage").GetString());
        Assert.Equal("The plan exceeds the budget ceiling", Assert.Single(_world.Intents.OfType<PropagateErrorIntent>()).ErrorMessage);
    }

    [Fact]
    public void AChildErrorWithoutAMessage_SetsTheMessageVariableToNull()
    {
        var parent = _world.Start("cv-parent", new { kind = "silent" });

        OnlyChild(parent).Complete("draft");

        Assert.Equal("SILENT", parent.Variable("childErrorCode").GetString());
        Assert.Equal(JsonValueKind.Null, parent.Variable("childErrorMessage").ValueKind);
    }

    [Fact]
    public void TheMessage_PassesThroughAMiddleProcessThatDoesNotCatchTheError()
    {
        var top = _world.Start("cv-top", new { kind = "budget" });
        var middle = OnlyChild(top);

        OnlyChild(middle).Complete("draft");

        Assert.Equal(InstanceStatus.Cancelled, middle.Status);
        Assert.Equal(["tReplan"], top.OpenTaskNodes);
        Assert.Equal("OVER_BUDGET", top.Variable("topCode").GetString());
        Assert.Equal("The plan exceeds the budget ceiling", top.Variable("topMessage").GetString());
    }

    [Fact]
    public void AServiceTaskErrorInTheChild_BringsItsMessageToTheParent()
    {
        var parent = _world.Start("cv-job-parent");
        var child = OnlyChild(parent);

        child.Execute(new ThrowBpmnError(child.Job("load").Id, "DIRECTORY_OFFLINE", "the directory did not answer"));

        Assert.Equal(["kFix"], parent.OpenTaskNodes);
        Assert.Equal("DIRECTORY_OFFLINE", parent.Variable("jobCode").GetString());
        Assert.Equal("the directory did not answer", parent.Variable("jobMessage").GetString());
    }
}
