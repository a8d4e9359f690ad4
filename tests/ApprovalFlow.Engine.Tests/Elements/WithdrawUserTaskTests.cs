using ApprovalFlow.Engine.Commands;
using ApprovalFlow.Engine.History;
using ApprovalFlow.Engine.Intents;
using ApprovalFlow.Engine.State;
using ApprovalFlow.Engine.Tests.Support;

namespace ApprovalFlow.Engine.Tests.Elements;

/// <summary>A task the host found nobody can see is withdrawn into an incident; a retry creates it again.</summary>
public class WithdrawUserTaskTests
{
    private readonly EngineWorld _world = new("tasks/user-task.bpmn");

    [Fact]
    public void Withdraw_RemovesTheTaskAndRaisesARetryableIncident()
    {
        var instance = _world.Start("user-task", new { reviewers = "committee", owner = "dana", deadline = "2026-03-10T12:00:00Z" });
        var draft = Assert.Single(instance.Tasks());

        var result = Assert.IsType<StepResult.Applied>(instance.Execute(new WithdrawUserTask(draft.Id, "Nobody can see user task 'draft': groups planning, committee do not exist.")));

        Assert.Empty(instance.Tasks());
        var incident = Assert.Single(instance.State.Incidents);
        Assert.Equal((IncidentKind.NoCandidates, RetryAction.Enter, "draft"), (incident.Kind, incident.Retry, incident.NodeId));
        Assert.Contains("groups planning, committee do not exist", incident.Message, StringComparison.Ordinal);
        Assert.Equal([new CancelUserTaskIntent(draft.Id), new RaiseIncidentIntent(incident)], result.Intents);
        Assert.Contains(result.History, h => h.Type == HistoryEventType.TaskCancelled && h.TaskId == draft.Id);

        var retried = Assert.IsType<StepResult.Applied>(instance.Execute(new RetryIncident(incident.Id)));

        var again = Assert.Single(instance.Tasks());
        Assert.Equal("draft", again.NodeId);
        Assert.NotEqual(draft.Id, again.Id);
        Assert.Equal(["planning", "committee"], again.CandidateGroups);
        Assert.Empty(instance.State.Incidents);
        Assert.Contains(retried.Intents, i => i is CreateUserTaskIntent);
    }

    [Fact]
    public void Withdraw_TaskNoLongerOpen_IsNotApplicable()
    {
        var instance = _world.Start("user-task", new { reviewers = "committee", owner = "dana", deadline = "2026-03-10T12:00:00Z" });
        var draft = Assert.Single(instance.Tasks());
        instance.Complete("draft");

        var result = Assert.IsType<StepResult.NotApplicable>(instance.Execute(new WithdrawUserTask(draft.Id, "late")));

        Assert.Equal(NotApplicableReason.TaskNotFound, result.Reason);
    }
}
