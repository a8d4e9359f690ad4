using ApprovalFlow.Engine.Commands;
using ApprovalFlow.Engine.Intents;
using ApprovalFlow.Engine.State;
using ApprovalFlow.Engine.Tests.Support;

namespace ApprovalFlow.Engine.Tests.Elements;

/// <summary>User task names with <c>${...}</c> are evaluated when the task is created, as Camunda 7 evaluates task names.</summary>
public class TaskNameTests
{
    private readonly EngineWorld _world = new("tasks/task-names.bpmn");

    [Fact]
    public void NameWithLoopCounter_IsEvaluatedPerInstance()
    {
        var instance = _world.Start("task-names", new { plan = new { title = "Mid-term plan" } });

        Assert.Equal(["My Task 0", "My Task 1", "My Task 2"], instance.Tasks("each").Select(t => t.Name));
        Assert.Equal(["My Task 0", "My Task 1", "My Task 2"], _world.Intents.OfType<CreateUserTaskIntent>().Select(c => c.Task.Name));
    }

    [Fact]
    public void NameReadingVariables_AndLiteralName_AreShownAsEvaluated()
    {
        var instance = _world.Start("task-names", new { plan = new { title = "Mid-term plan" } });
        foreach (var task in instance.Tasks("each"))
        {
            instance.CompleteTask(task);
        }

        Assert.Equal("Review of Mid-term plan", Assert.Single(instance.Tasks()).Name);
        instance.Complete("review");
        Assert.Equal("Costs in $ {not an expression}", Assert.Single(instance.Tasks()).Name);
    }

    [Fact]
    public void NameThatFailsToEvaluate_RaisesAnIncident_RetryWithTheVariableCreatesTheTask()
    {
        var instance = _world.Start("task-names");
        foreach (var task in instance.Tasks("each"))
        {
            instance.CompleteTask(task);
        }

        var incident = Assert.Single(instance.State.Incidents);
        Assert.Equal(IncidentKind.Expression, incident.Kind);
        Assert.Equal("review", incident.NodeId);
        Assert.Contains("name 'Review of ${plan.title}'", incident.Message, StringComparison.Ordinal);
        Assert.Contains("plan is not defined", incident.Message, StringComparison.Ordinal);
        Assert.Empty(instance.Tasks());

        instance.Execute(new RetryIncident(incident.Id, EngineWorld.ToVariables(new { plan = new { title = "Budget" } })));

        Assert.Equal("Review of Budget", Assert.Single(instance.Tasks()).Name);
    }
}
