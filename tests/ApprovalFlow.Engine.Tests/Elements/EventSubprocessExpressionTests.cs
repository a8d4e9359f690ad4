using ApprovalFlow.Engine.Commands;
using ApprovalFlow.Engine.History;
using ApprovalFlow.Engine.Intents;
using ApprovalFlow.Engine.State;
using ApprovalFlow.Engine.Tests.Support;

namespace ApprovalFlow.Engine.Tests.Elements;

/// <summary>
/// <c>${...}</c> on event subprocess starts (BPMN 2.0.2 §10.3.5), as Camunda 7's <c>TimerStartEventSubprocessTest</c>,
/// <c>SignalEventExpressionNameTest</c> and <c>MessageEventSubprocessTest</c> assert: timers, signal names and message names
/// are evaluated when the enclosing scope is entered, with the variables that scope sees; one that fails there holds the
/// scope with an expression incident, as a boundary timer's does, and a retry with the missing variable goes on.
/// </summary>
public class EventSubprocessExpressionTests
{
    private readonly EngineWorld _world = new("event-subprocesses/expressions.bpmn");

    [Fact]
    public void ProcessScope_EvaluatesTheTimerSignalAndMessageNamesWhenTheInstanceStarts()
    {
        var startedAt = _world.Time.GetUtcNow();

        var instance = _world.Start("expr-process", new { wait = "PT3H", caseId = "c7" });

        Assert.Equal(startedAt.AddHours(3), Assert.Single(instance.Timers("overdueStart")).DueAt);
        Assert.Equal("cancel-c7", Assert.Single(instance.State.SignalSubscriptions).SignalName);
        Assert.Equal("withdraw-c7", Assert.Single(instance.State.Subscriptions).MessageName);
        Assert.Contains(_world.Intents, i => i is SubscribeSignalIntent { SignalName: "cancel-c7" });
        Assert.Contains(_world.Intents, i => i is SubscribeMessageIntent { MessageName: "withdraw-c7" });
    }

    [Fact]
    public void TimerExpression_FiresAtTheEvaluatedTime_AndInterrupts()
    {
        var instance = _world.Start("expr-process", new { wait = "PT3H", caseId = "c7" });

        instance.FireTimer("overdueStart");

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Contains(_world.History, h => h.Type == HistoryEventType.TaskCancelled && h.NodeId == "work");
        Assert.Contains(_world.History, h => h.Type == HistoryEventType.NodeEntered && h.NodeId == "overdueEnd");
    }

    [Fact]
    public void SignalNameExpression_OnlyTheResolvedNameTriggersTheEventSubprocess()
    {
        var c7 = _world.Start("expr-process", new { wait = "PT3H", caseId = "c7" });
        var c8 = _world.Start("expr-process", new { wait = "PT3H", caseId = "c8" });

        _world.BroadcastSignal("cancel-${caseId}");
        Assert.Equal(["work"], c7.OpenTaskNodes);

        _world.BroadcastSignal("cancel-c8");

        Assert.Equal(["work"], c7.OpenTaskNodes);
        Assert.Equal(["cancelNote"], c8.OpenTaskNodes);
        Assert.Empty(c8.Timers());
        Assert.Empty(c8.State.Subscriptions);
    }

    [Fact]
    public void MessageNameExpression_CorrelatesByTheResolvedName()
    {
        var instance = _world.Start("expr-process", new { wait = "PT3H", caseId = "c7" });

        Assert.IsType<StepResult.NotApplicable>(instance.Correlate("withdraw-${caseId}"));
        Assert.IsType<StepResult.Applied>(instance.Correlate("withdraw-c7", new { reason = "duplicate" }));

        Assert.Equal(["withdrawNote"], instance.OpenTaskNodes);
        Assert.Equal("duplicate", instance.Variable("reason").GetString());
        Assert.Empty(instance.State.SignalSubscriptions);
    }

    [Fact]
    public void MultiInstanceSubprocess_EachInstanceEvaluatesItsTimerCycleWithItsOwnElementVariable()
    {
        var startedAt = _world.Time.GetUtcNow();
        var instance = _world.Start("expr-per-instance", new
        {
            groups = new[] { new { chair = "wg1-chair", reminders = 2, hours = 4 }, new { chair = "wg2-chair", reminders = 1, hours = 10 } },
        });

        var timers = instance.Timers("remindStart").OrderBy(t => t.DueAt).ToList();
        Assert.Equal([startedAt.AddHours(4), startedAt.AddHours(10)], timers.Select(t => t.DueAt));
        Assert.Equal([1, 0], timers.Select(t => t.RemainingRepetitions));

        instance.FireTimer("remindStart");

        var reminded = Assert.Single(instance.Tasks("reminded"));
        Assert.Equal("wg1-chair", reminded.Assignee);
        Assert.Contains(instance.Timers("remindStart"), t => t.DueAt == startedAt.AddHours(8));
        Assert.Equal(2, instance.Tasks("groupWork").Count);
    }

    [Fact]
    public void EmbeddedSubprocess_EvaluatesItsTimerWhenEntered_WithAVariableSetBeforeIt()
    {
        var instance = _world.Start("expr-sub");
        Assert.Empty(instance.Timers());

        instance.Complete("plan", new { deadline = "2026-03-05T12:00:00Z" });

        Assert.Equal(new DateTimeOffset(2026, 3, 5, 12, 0, 0, TimeSpan.Zero), Assert.Single(instance.Timers("deadlineStart")).DueAt);
        instance.FireTimer("deadlineStart");
        Assert.Equal(["late"], instance.OpenTaskNodes);
    }

    [Fact]
    public void FailingExpressionInAnEmbeddedSubprocess_HoldsTheSubprocessWithAnIncident_AndARetryEntersIt()
    {
        var instance = _world.Start("expr-sub");

        instance.Complete("plan");

        var incident = Assert.Single(instance.State.Incidents);
        Assert.Equal(IncidentKind.Expression, incident.Kind);
        Assert.Equal("sub", incident.NodeId);
        Assert.Contains("deadlineStart", incident.Message, StringComparison.Ordinal);
        Assert.Empty(instance.OpenTaskNodes);
        Assert.Empty(instance.Timers());

        instance.Execute(new RetryIncident(incident.Id, EngineWorld.ToVariables(new { deadline = "2026-03-05T12:00:00Z" })));

        Assert.Empty(instance.State.Incidents);
        Assert.Equal(["subWork"], instance.OpenTaskNodes);
        Assert.Single(instance.Timers("deadlineStart"));
    }

    [Fact]
    public void FailingExpressionInTheProcessScope_HoldsTheInstanceWithAnIncident_AndARetryStartsIt()
    {
        var instance = _world.Start("expr-process", new { caseId = "c7" });

        Assert.Equal(InstanceStatus.Active, instance.Status);
        var incident = Assert.Single(instance.State.Incidents);
        Assert.Equal(IncidentKind.Expression, incident.Kind);
        Assert.Contains("overdueStart", incident.Message, StringComparison.Ordinal);
        Assert.Empty(instance.OpenTaskNodes);
        Assert.Empty(instance.Timers());
        Assert.Empty(instance.State.SignalSubscriptions);
        Assert.Empty(instance.State.Subscriptions);

        instance.Execute(new RetryIncident(incident.Id, EngineWorld.ToVariables(new { wait = "PT1H" })));

        Assert.Empty(instance.State.Incidents);
        Assert.Equal(["work"], instance.OpenTaskNodes);
        Assert.Single(instance.Timers("overdueStart"));
        Assert.Equal("cancel-c7", Assert.Single(instance.State.SignalSubscriptions).SignalName);

        instance.Complete("work");

        Assert.Equal(InstanceStatus.Completed, instance.Status);
    }

    [Fact]
    public void MessageNameExpressionOnAnIntermediateCatch_IsResolvedWhenItWaits_AndAFailureIsAnIncident()
    {
        var waiting = _world.Start("expr-catch", new { caseId = "c9" });
        Assert.Equal("reply-c9", Assert.Single(waiting.State.Subscriptions).MessageName);
        waiting.Correlate("reply-c9");
        Assert.Equal(InstanceStatus.Completed, waiting.Status);

        var failing = _world.Start("expr-catch");

        var incident = Assert.Single(failing.State.Incidents);
        Assert.Equal("waitReply", incident.NodeId);
        Assert.Empty(failing.State.Subscriptions);
    }
}
