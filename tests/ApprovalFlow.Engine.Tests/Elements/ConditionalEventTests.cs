using ApprovalFlow.Engine.Commands;
using ApprovalFlow.Engine.History;
using ApprovalFlow.Engine.Runtime;
using ApprovalFlow.Engine.State;
using ApprovalFlow.Engine.Tests.Support;

namespace ApprovalFlow.Engine.Tests.Elements;

/// <summary>
/// Conditional events (BPMN 2.0.2 §10.5.5) as Camunda 7's <c>IntermediateConditionalEventTest</c>,
/// <c>BoundaryConditionalEventTest</c> and <c>ConditionalEventWithSpecificVariableEventTest</c> assert: a
/// condition that holds on arrival passes at once, a false one waits until a variable change makes it hold,
/// <c>camunda:variableName</c> and <c>camunda:variableEvents</c> restrict which changes evaluate it again,
/// interrupting boundary events cancel their activity, non-interrupting ones fire once per satisfying change,
/// and the subscription goes with its activity. The "*Edit" task of each fixture process changes variables.
/// </summary>
public class ConditionalEventTests
{
    private readonly EngineWorld _world = new("conditionals/conditionals.bpmn");

    [Fact]
    public void IntermediateCondition_TrueOnArrival_PassesAtOnce()
    {
        var instance = _world.Start("intermediate", new { approved = true });

        Assert.Equal(["iAfter", "iEdit"], instance.OpenTaskNodes.Order());
        Assert.Empty(instance.State.ConditionalSubscriptions);
    }

    [Fact]
    public void IntermediateCondition_FalseOnArrival_WaitsUntilAVariableChangeMakesItHold()
    {
        var instance = _world.Start("intermediate");
        var subscription = Assert.Single(instance.State.ConditionalSubscriptions);
        Assert.Equal("iWait", subscription.NodeId);

        instance.Complete("iEdit", new { approved = false });
        Assert.Equal(["iEdit"], instance.OpenTaskNodes);
        Assert.Single(instance.State.ConditionalSubscriptions);

        instance.Complete("iEdit", new { approved = true });
        Assert.Equal(["iAfter", "iEdit"], instance.OpenTaskNodes.Order());
        Assert.Empty(instance.State.ConditionalSubscriptions);
        Assert.Single(_world.History, h => h.Type == HistoryEventType.NodeLeft && h.NodeId == "iWait");
    }

    [Fact]
    public void VariableName_OnlyChangesOfThatVariableEvaluateTheConditionAgain()
    {
        var instance = _world.Start("named");

        instance.Complete("nEdit", new { score = 10 });
        Assert.Equal(["nEdit"], instance.OpenTaskNodes);

        instance.Complete("nEdit", new { trigger = 1 });
        Assert.Equal(["nAfter", "nEdit"], instance.OpenTaskNodes.Order());
    }

    [Fact]
    public void VariableEventsUpdate_ACreatedVariableDoesNotEvaluateTheCondition_AnUpdatedOneDoes()
    {
        var instance = _world.Start("updates");

        instance.Complete("uEdit", new { score = 10 });
        Assert.Equal(["uEdit"], instance.OpenTaskNodes);

        instance.Complete("uEdit", new { score = 11 });
        Assert.Equal(["uAfter", "uEdit"], instance.OpenTaskNodes.Order());
    }

    [Fact]
    public void VariableEventsCreate_AnUpdatedVariableDoesNotEvaluateTheCondition_ACreatedOneDoes()
    {
        var instance = _world.Start("creates", new { score = 1 });

        instance.Complete("cEdit", new { score = 10 });
        Assert.Equal(["cEdit"], instance.OpenTaskNodes);

        var other = _world.Start("creates");
        other.Complete("cEdit", new { score = 10 });
        Assert.Equal(["cAfter", "cEdit"], other.OpenTaskNodes.Order());
    }

    [Fact]
    public void ConditionThatGivesNoBooleanOnArrival_RaisesAnIncidentNamingTheEvent()
    {
        var instance = _world.Start("not-boolean", new { score = 3 });

        var incident = Assert.Single(instance.State.Incidents);
        Assert.Equal(IncidentKind.Expression, incident.Kind);
        Assert.Equal("xWait", incident.NodeId);
        Assert.Contains("Conditional event 'xWait': '${score}' gave Number, not a boolean.", incident.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InterruptingBoundary_TrueOnEntry_EndsTheActivityBeforeItsTaskIsCreated()
    {
        var instance = _world.Start("interrupting", new { cancelled = true });

        Assert.Equal(["bEdit", "bReacted"], instance.OpenTaskNodes.Order());
        Assert.DoesNotContain(_world.History, h => h.Type == HistoryEventType.TaskCreated && h.NodeId == "bWork");
        Assert.Empty(instance.State.ConditionalSubscriptions);
    }

    [Fact]
    public void InterruptingBoundary_AVariableChangeThatMakesItHold_CancelsTheTask()
    {
        var instance = _world.Start("interrupting");
        Assert.Equal("bCondition", Assert.Single(instance.State.ConditionalSubscriptions).NodeId);

        instance.Complete("bEdit", new { cancelled = true });

        Assert.Equal(["bEdit", "bReacted"], instance.OpenTaskNodes.Order());
        Assert.Single(_world.History, h => h.Type == HistoryEventType.TaskCancelled && h.NodeId == "bWork");
        Assert.Empty(instance.State.ConditionalSubscriptions);
    }

    [Fact]
    public void NonInterruptingBoundary_FiresOncePerSatisfyingChange_AndTheTaskStays()
    {
        var instance = _world.Start("non-interrupting");

        instance.Complete("mEdit", new { notes = 1 });
        instance.Complete("mEdit", new { notes = 2 });
        instance.Complete("mEdit", new { notes = 0 });

        Assert.Equal(["mEdit", "mReacted", "mReacted", "mWork"], instance.OpenTaskNodes.Order());
        Assert.Equal(2, _world.History.Count(h => h.Type == HistoryEventType.NodeEntered && h.NodeId == "mCondition"));
        Assert.Equal("mCondition", Assert.Single(instance.State.ConditionalSubscriptions).NodeId);
    }

    [Fact]
    public void BoundarySubscription_GoesWhenTheActivityCompletes_SoALaterChangeDoesNothing()
    {
        var instance = _world.Start("interrupting");

        instance.Complete("bWork");
        Assert.Empty(instance.State.ConditionalSubscriptions);
        instance.Complete("bEdit", new { cancelled = true });

        Assert.Equal(["bDone", "bEdit"], instance.OpenTaskNodes.Order());
        Assert.DoesNotContain(_world.History, h => h.NodeId == "bCondition");
    }

    [Fact]
    public void ServiceTaskOutput_TriggersTheTasksOwnInterruptingBoundary_InsteadOfItsOutgoingFlow()
    {
        var instance = _world.Start("service");

        instance.Execute(new CompleteJob(instance.Job("sWork").Id, EngineWorld.ToVariables(new { risk = "high" })));

        Assert.Equal(["sReview"], instance.OpenTaskNodes);
        Assert.DoesNotContain(_world.History, h => h.Type == HistoryEventType.NodeEntered && h.NodeId == "sDone");
        Assert.Empty(instance.State.ConditionalSubscriptions);
    }

    [Fact]
    public void MessageWithVariables_TriggersTheBoundaryOfAParallelWaitingTask()
    {
        var instance = _world.Start("message", new { amount = 200 });

        instance.Correlate("request-amended", new { amount = 5000 });

        Assert.Equal(["gEscalate"], instance.OpenTaskNodes);
        Assert.Single(_world.History, h => h.Type == HistoryEventType.TaskCancelled && h.NodeId == "gWork");
    }

    [Fact]
    public void EventBasedGateway_AConditionThatHoldsOnArrivalDecides_AndTheTimerIsCancelled()
    {
        var waiting = _world.Start("event-based");
        Assert.Single(waiting.State.ConditionalSubscriptions);
        Assert.Single(waiting.State.Timers);

        var ready = _world.Start("event-based", new { ready = true });

        Assert.Equal(["eProceed"], ready.OpenTaskNodes);
        Assert.Empty(ready.State.Timers);
        Assert.Empty(ready.State.ConditionalSubscriptions);
    }

    [Fact]
    public void NonInterruptingBoundaryThatRetriggersItself_StopsAtTheStepBudget_WithAnIncident()
    {
        var world = new EngineWorld(new EngineOptions { MaxNodeEntriesPerStep = 200 }, null, "conditionals/conditionals.bpmn");
        var instance = world.Start("looping");

        instance.Complete("lEdit", new { n = 1 });

        var incident = Assert.Single(instance.State.Incidents);
        Assert.Equal(IncidentKind.WorkBudget, incident.Kind);
        Assert.True(instance.Variable("n").GetInt32() > 10, "the boundary path ran again after each change it made");
        Assert.Contains("lWork", instance.OpenTaskNodes);
    }
}
