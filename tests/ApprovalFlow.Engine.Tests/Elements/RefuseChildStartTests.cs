using ApprovalFlow.Engine.Commands;
using ApprovalFlow.Engine.Intents;
using ApprovalFlow.Engine.Runtime;
using ApprovalFlow.Engine.State;
using ApprovalFlow.Engine.Tests.Support;

namespace ApprovalFlow.Engine.Tests.Elements;

/// <summary>
/// A call activity whose called process cannot be started at a none start event (BPMN 2.0.2 §10.3.6; Camunda 7
/// starts called processes there): the host's <see cref="RefuseChildStart"/> gives an incident on the call activity,
/// and retrying it enters the call activity again with <c>calledElement</c> evaluated anew.
/// </summary>
public class RefuseChildStartTests
{
    private readonly EngineWorld _world = new();
    private readonly ExecutableProcess _caller = new(new Bpmn.Parsing.BpmnParser()
        .Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "calls", "call-by-expression.bpmn"))).Document!.Process("caller"));

    [Fact]
    public void RefusedChildStart_RaisesAnIncidentOnTheCallActivity_ARetryCallsAgain()
    {
        var started = _world.Engine.Start(_caller, new StartInstance("pi1", Variables: EngineWorld.ToVariables(new { target = "signal-only" })));
        var first = Assert.Single(started.Intents.OfType<StartChildInstanceIntent>());
        Assert.Equal("signal-only", first.DefinitionKey);

        var refused = Assert.IsType<StepResult.Applied>(_world.Engine.Execute(_caller, started.State, new RefuseChildStart(first.ExecutionId, "'signal-only' has no none start event.")));

        var incident = Assert.Single(refused.State.Incidents);
        Assert.Equal(("call", IncidentKind.CalledProcessNotStartable, RetryAction.Enter), (incident.NodeId, incident.Kind, incident.Retry));
        Assert.Equal("'signal-only' has no none start event.", incident.Message);
        Assert.False(refused.State.FindExecution(first.ExecutionId)!.WaitingForChild);
        Assert.Empty(refused.Intents.OfType<StartChildInstanceIntent>());
        Assert.IsType<StepResult.NotApplicable>(_world.Engine.Execute(_caller, refused.State, new RefuseChildStart(first.ExecutionId, "again")));

        var retried = Assert.IsType<StepResult.Applied>(_world.Engine.Execute(_caller, refused.State, new RetryIncident(incident.Id, EngineWorld.ToVariables(new { target = "plain-child" }))));

        Assert.Empty(retried.State.Incidents);
        Assert.Equal("plain-child", Assert.Single(retried.Intents.OfType<StartChildInstanceIntent>()).DefinitionKey);
    }
}
