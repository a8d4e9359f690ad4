using ApprovalFlow.Engine.Commands;
using ApprovalFlow.Engine.Tests.Support;

namespace ApprovalFlow.Engine.Tests.Elements;

/// <summary>
/// <c>camunda:errorCodeVariable</c> and <c>camunda:errorMessageVariable</c> (Camunda 7 <c>ErrorEventDefinition</c>), as
/// <c>ErrorEventSubProcessTest.testCatchErrorEventSubprocessSetErrorVariables</c> and
/// <c>BoundaryErrorEventTest.testCatchErrorOnSubprocessSetsErrorVariables</c> assert: the catching error event subprocess
/// start or error boundary event puts the caught error's code and message into the catching scope's variables.
/// </summary>
public class ErrorVariableTests
{
    private readonly EngineWorld _world = new("event-subprocesses/error-variables.bpmn");

    [Fact]
    public void ErrorEventSubprocess_SetsTheCodeAndTheMessageOfAServiceTasksBpmnError()
    {
        var instance = _world.Start("errvar-esp");

        instance.Execute(new ThrowBpmnError(instance.Job("charge").Id, "PAYMENT_DECLINED", "card declined by the bank"));

        Assert.Equal(["handleDeclined"], instance.OpenTaskNodes);
        Assert.Equal("PAYMENT_DECLINED", instance.Variable("failureCode").GetString());
        Assert.Equal("card declined by the bank", instance.Variable("failureMessage").GetString());
    }

    [Fact]
    public void ErrorEventSubprocess_AnErrorWithoutAMessage_SetsTheMessageVariableToNull()
    {
        var instance = _world.Start("errvar-esp");

        instance.Execute(new ThrowBpmnError(instance.Job("charge").Id, "PAYMENT_DECLINED"));

        Assert.Equal("PAYMENT_DECLINED", instance.Variable("failureCode").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, instance.Variable("failureMessage").ValueKind);
    }

    [Fact]
    public void CatchAllErrorEventSubprocessInASubprocess_SetsTheCodeOfWhateverWasThrown()
    {
        var instance = _world.Start("errvar-catch-all");

        instance.Execute(new ThrowBpmnError(instance.Job("subCharge").Id, "LEDGER_LOCKED", "ledger locked"));

        Assert.Equal(["handleAny"], instance.OpenTaskNodes);
        Assert.Equal("LEDGER_LOCKED", instance.Variable("caughtCode").GetString());
        Assert.False(instance.State.Variables.ContainsKey("failureMessage"));
    }

    [Fact]
    public void ErrorBoundaryEvent_SetsTheCodeAndTheErrorMessageOfTheThrownBpmnError()
    {
        var instance = _world.Start("errvar-boundary");

        instance.Complete("check");

        Assert.Equal(["replan"], instance.OpenTaskNodes);
        Assert.Equal("BUDGET_EXHAUSTED", instance.Variable("boundaryCode").GetString());
        Assert.Equal("The budget line is exhausted", instance.Variable("boundaryMessage").GetString());
    }

    [Fact]
    public void ErrorBoundaryEvent_WithoutTheAttributes_SetsNoVariable()
    {
        var instance = _world.Start("errvar-none");

        instance.Execute(new ThrowBpmnError(instance.Job("nCharge").Id, "PAYMENT_DECLINED", "card declined"));

        Assert.Equal(["nFix"], instance.OpenTaskNodes);
        Assert.Empty(instance.State.Variables);
    }
}
