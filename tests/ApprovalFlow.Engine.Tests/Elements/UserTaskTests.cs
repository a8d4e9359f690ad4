using System.Text.Json;
using ApprovalFlow.Engine.Commands;
using ApprovalFlow.Engine.History;
using ApprovalFlow.Engine.State;
using ApprovalFlow.Engine.Tests.Support;

namespace ApprovalFlow.Engine.Tests.Elements;

public class UserTaskTests
{
    private readonly EngineWorld _world = new("tasks/user-task.bpmn");

    [Fact]
    public void Start_CreatesTaskWithEvaluatedAssignmentAndDates()
    {
        var instance = _world.Start("user-task", new { reviewers = "committee", owner = "dana", deadline = "2026-03-10T12:00:00Z" });

        var draft = Assert.Single(instance.Tasks());
        Assert.Equal("draft", draft.NodeId);
        Assert.Equal("Draft", draft.Name);
        Assert.Equal("alice", draft.Assignee);
        Assert.Equal(["planning", "committee"], draft.CandidateGroups);
        Assert.Equal(new DateTimeOffset(2026, 3, 3, 8, 0, 0, TimeSpan.Zero), draft.DueAt);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero), draft.FollowUpAt);
        Assert.Equal(70, draft.Priority);
        Assert.Equal("forms/draft", draft.FormKey);
        Assert.Equal("-P1D", draft.Properties["reminders"]);
    }

    [Fact]
    public void Complete_MergesVariablesIntoProcessScopeAndCreatesNextTask()
    {
        var instance = _world.Start("user-task", new { reviewers = "committee", owner = "dana", deadline = "2026-03-10T12:00:00Z" });

        instance.Complete("draft", new { summary = "ok", score = 3 }, actor: "alice");

        Assert.Equal("ok", instance.Variable("summary").GetString());
        Assert.Equal(3, instance.Variable("score").GetInt32());
        var review = Assert.Single(instance.Tasks());
        Assert.Equal("review", review.NodeId);
        Assert.Null(review.Assignee);
        Assert.Equal(["committee"], review.CandidateGroups);
        Assert.Equal(["bob", "dana"], review.CandidateUsers);
        Assert.Equal(new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero), review.DueAt);
        Assert.Equal("committee-chairs", review.Properties["escalationGroup"]);
        Assert.Equal("P0D", review.Properties["reminders"]);
        var completed = Assert.Single(_world.History, h => h.Type == HistoryEventType.TaskCompleted);
        Assert.Equal("alice", completed.Actor);
        Assert.Equal("ok", completed.Data!["summary"].GetString());
    }

    [Fact]
    public void Complete_LastTask_CompletesInstanceWithNothingLeft()
    {
        var instance = _world.Start("user-task", new { reviewers = "committee", owner = "dana", deadline = "2026-03-10T12:00:00Z" });

        instance.Complete("draft");
        instance.Complete("review");

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Empty(instance.State.Executions);
        Assert.Equal(HistoryEventType.InstanceCompleted, _world.History[^1].Type);
    }

    [Fact]
    public void Complete_SameTaskTwice_SecondIsNotApplicableAndChangesNothing()
    {
        var instance = _world.Start("user-task", new { reviewers = "committee", owner = "dana", deadline = "2026-03-10T12:00:00Z" });
        var taskId = instance.Tasks()[0].Id;
        instance.Execute(new CompleteUserTask(taskId, "alice"));
        var before = JsonSerializer.Serialize(instance.State, EngineJson.Options);

        var second = instance.Execute(new CompleteUserTask(taskId, "alice"));

        var notApplicable = Assert.IsType<StepResult.NotApplicable>(second);
        Assert.Equal(NotApplicableReason.TaskNotFound, notApplicable.Reason);
        Assert.Equal(before, JsonSerializer.Serialize(instance.State, EngineJson.Options));
    }

    [Fact]
    public void Start_AssignmentExpressionFails_RaisesIncidentAndRetryWithFixCreatesTask()
    {
        var instance = _world.Start("user-task", new { owner = "dana", deadline = "2026-03-10T12:00:00Z" });
        instance.Complete("draft");

        var incident = Assert.Single(instance.State.Incidents);
        Assert.Equal("review", incident.NodeId);
        Assert.Equal(IncidentKind.Expression, incident.Kind);
        Assert.Contains("reviewers", incident.Message, StringComparison.Ordinal);
        Assert.Empty(instance.Tasks());

        instance.Execute(new RetryIncident(incident.Id, EngineWorld.ToVariables(new { reviewers = new[] { "g1", "g2" } })));

        Assert.Empty(instance.State.Incidents);
        Assert.Equal(["g1", "g2"], Assert.Single(instance.Tasks()).CandidateGroups);
    }
}
