using ApprovalFlow.Engine.Intents;
using ApprovalFlow.Engine.State;
using ApprovalFlow.Engine.Tests.Support;

namespace ApprovalFlow.Engine.Tests.Elements;

/// <summary>
/// <c>camunda:taskPriority</c> of external tasks, as Camunda 7's <c>ExternalTaskPriorityTest</c> asserts: the
/// task's value (literal, or an expression evaluated when the task is created), else the process's, else 0.
/// </summary>
public class TaskPriorityTests
{
    private readonly EngineWorld _world = new("priorities/task-priority.bpmn");

    [Fact]
    public void Priority_ComesFromTheTask_AnExpressionAtCreation_OrTheProcess()
    {
        _world.Start("prioritised", new { urgency = 3 });

        var priorities = _world.Intents.OfType<RunServiceTaskIntent>().ToDictionary(i => i.NodeId, i => i.Priority);
        Assert.Equal(5, priorities["literal"]);
        Assert.Equal(30, priorities["computed"]);
        Assert.Equal(12, priorities["inherited"]);
    }

    [Fact]
    public void Priority_WithoutTaskOrProcessPriority_IsZero()
    {
        _world.Start("unprioritised");

        Assert.Equal(0, Assert.Single(_world.Intents.OfType<RunServiceTaskIntent>()).Priority);
    }

    [Fact]
    public void PriorityExpression_ThatGivesNoInteger_RaisesAnIncidentOnTheTask()
    {
        var instance = _world.Start("prioritised", new { urgency = 0.25 });

        var incident = Assert.Single(instance.State.Incidents);
        Assert.Equal("computed", incident.NodeId);
        Assert.Equal(IncidentKind.Expression, incident.Kind);
        Assert.Contains("camunda:taskPriority '${urgency * 10}' gave '2.5', not an integer", incident.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_world.Intents.OfType<RunServiceTaskIntent>(), i => i.NodeId == "computed");
    }
}
