using ApprovalFlow.Engine.Commands;
using ApprovalFlow.Engine.History;
using ApprovalFlow.Engine.Intents;
using ApprovalFlow.Engine.State;
using ApprovalFlow.Engine.Tests.Support;

namespace ApprovalFlow.Engine.Tests.Elements;

public class ScriptAndPassThroughTests
{
    [Fact]
    public void ScriptManualPlainTaskAndThrowEvent_RunWithoutWaiting()
    {
        var world = new EngineWorld("tasks/script-task.bpmn");

        var instance = world.Start("script-task", new { amount = 21 });

        Assert.Equal(42, instance.Variable("doubled").GetInt32());
        Assert.Equal(["check"], instance.OpenTaskNodes);
        Assert.Equal(["start", "double", "manual", "plain", "throw", "check"], instance.Entered());
    }
}

public class ServiceTaskTests
{
    private readonly EngineWorld _world = new("tasks/service-task.bpmn");

    [Fact]
    public void Start_EmitsRunIntentForTopic_CompleteJobMergesOutput()
    {
        var instance = _world.Start("service-task", new { owner = "dana" });
        var run = Assert.Single(_world.Intents.OfType<RunServiceTaskIntent>());
        Assert.Equal("directory.working-groups", run.Topic);
        Assert.Equal(2, run.RetriesLeft);

        instance.Execute(new CompleteJob(run.JobId, EngineWorld.ToVariables(new { themes = new[] { "urban-economy" } })));

        Assert.Equal("urban-economy", instance.Variable("themes")[0].GetString());
        Assert.Equal("dana", Assert.Single(instance.Tasks()).Assignee);
        Assert.Empty(instance.State.Jobs);
    }

    [Fact]
    public void FailJob_RetriesAfterEachListedWaitThenRaisesIncident_RetryIncidentRunsAgain()
    {
        var instance = _world.Start("service-task", new { owner = "dana" });
        var jobId = instance.Job("load").Id;

        instance.Execute(new FailJob(jobId, "timeout"));
        var retry = _world.Intents.OfType<RunServiceTaskIntent>().Last();
        Assert.Equal(_world.Time.GetUtcNow().AddMinutes(5), retry.NotBefore);
        Assert.Empty(instance.State.Incidents);

        instance.Execute(new FailJob(jobId, "timeout again"));
        Assert.Equal(_world.Time.GetUtcNow().AddMinutes(15), _world.Intents.OfType<RunServiceTaskIntent>().Last().NotBefore);
        Assert.Empty(instance.State.Incidents);

        instance.Execute(new FailJob(jobId, "timeout again"));
        var incident = Assert.Single(instance.State.Incidents);
        Assert.Equal(IncidentKind.JobFailed, incident.Kind);
        Assert.Contains("timeout again", incident.Message, StringComparison.Ordinal);
        Assert.IsType<StepResult.NotApplicable>(instance.Execute(new FailJob(jobId, "late")));

        instance.Execute(new RetryIncident(incident.Id));
        Assert.Empty(instance.State.Incidents);
        Assert.Equal(jobId, _world.Intents.OfType<RunServiceTaskIntent>().Last().JobId);

        instance.Execute(new CompleteJob(jobId));
        Assert.Equal(["use"], instance.OpenTaskNodes);
    }

    [Fact]
    public void FailJob_WithWorkerRetries_ReplacesTheCycle_ZeroRaisesIncident()
    {
        var instance = _world.Start("service-task", new { owner = "dana" });
        var jobId = instance.Job("load").Id;

        instance.Execute(new FailJob(jobId, "busy", Retries: 2, RetryTimeout: TimeSpan.FromSeconds(30)));
        var retry = _world.Intents.OfType<RunServiceTaskIntent>().Last();
        Assert.Equal(_world.Time.GetUtcNow().AddSeconds(30), retry.NotBefore);
        Assert.Equal(1, retry.RetriesLeft);
        Assert.Empty(instance.State.Incidents);

        instance.Execute(new FailJob(jobId, "still busy", Retries: 0));
        var incident = Assert.Single(instance.State.Incidents);
        Assert.Equal(IncidentKind.JobFailed, incident.Kind);
        Assert.Contains("still busy", incident.Message, StringComparison.Ordinal);
        Assert.True(instance.Job("load").Failed);
    }

    [Fact]
    public void ThrowBpmnError_CaughtByErrorBoundaryOnTheTask()
    {
        var instance = _world.Start("service-task", new { owner = "dana" });

        instance.Execute(new ThrowBpmnError(instance.Job("load").Id, "DIRECTORY_DOWN", "directory offline"));

        Assert.Equal(["fix"], instance.OpenTaskNodes);
        Assert.Empty(instance.State.Jobs);
        Assert.Contains(_world.History, h => h.Type == HistoryEventType.ErrorThrown && h.Data!["errorCode"].GetString() == "DIRECTORY_DOWN");
    }

    [Fact]
    public void ThrowBpmnError_WithUnknownCode_RaisesUnhandledErrorIncident()
    {
        var instance = _world.Start("service-task", new { owner = "dana" });

        instance.Execute(new ThrowBpmnError(instance.Job("load").Id, "SOMETHING_ELSE"));

        Assert.Equal(IncidentKind.UnhandledError, Assert.Single(instance.State.Incidents).Kind);
    }
}

public class ReceiveTaskTests
{
    [Fact]
    public void NonInterruptingMessageBoundary_FiresRepeatedly_ReceiveTaskCompletesOnItsMessage()
    {
        var world = new EngineWorld("tasks/receive-task.bpmn");
        var instance = world.Start("receive-task");

        instance.Correlate("comment-added", new { comment = "first" });
        instance.Correlate("comment-added", new { comment = "second" });
        Assert.Equal(2, instance.Tasks("readComment").Count);
        Assert.Equal("second", instance.Variable("comment").GetString());

        instance.Correlate("plan-published", new { publishedAt = "1405-01-01" });
        Assert.Empty(instance.State.Subscriptions);
        Assert.Equal(2, instance.Tasks("readComment").Count);
        var noLongerWaiting = instance.Correlate("comment-added");
        Assert.Equal(NotApplicableReason.NoSubscription, Assert.IsType<StepResult.NotApplicable>(noLongerWaiting).Reason);
    }
}

public class ConditionalFlowTests
{
    [Theory]
    [InlineData(true, new[] { "archive", "notify" })]
    [InlineData(false, new[] { "archive" })]
    public void ActivityLeavesOnEveryFlowWhoseConditionHolds(bool urgent, string[] expected)
    {
        var world = new EngineWorld("tasks/conditional-flows.bpmn");
        var instance = world.Start("conditional-flows");

        instance.Complete("review", new { urgent });

        Assert.Equal(expected, instance.OpenTaskNodes.Order());
    }

    [Fact]
    public void ConditionFailsOnLeaving_IncidentRetryTakesTheFlowsWithoutRedoingTheTask()
    {
        var world = new EngineWorld("tasks/conditional-flows.bpmn");
        var instance = world.Start("conditional-flows");
        instance.Complete("review", new { urgent = "yes" });
        var incident = Assert.Single(instance.State.Incidents);
        Assert.Equal(RetryAction.Leave, incident.Retry);
        Assert.Contains("not a boolean", incident.Message, StringComparison.Ordinal);

        instance.Execute(new RetryIncident(incident.Id, EngineWorld.ToVariables(new { urgent = false })));

        Assert.Equal(["archive"], instance.OpenTaskNodes);
        Assert.Single(world.History, h => h.Type == HistoryEventType.TaskCreated && h.NodeId == "review");
    }
}
