using ApprovalFlow.Engine.Tests.Support;

namespace ApprovalFlow.Engine.Tests.Elements;

/// <summary>
/// <c>default</c> on an activity (BPMN 2.0.2 §13.2.1), after Camunda 7's
/// <c>DefaultSequenceFlowTest.testDefaultSequenceFlowOnTask</c>: the activity leaves by every flow
/// whose condition holds (and every unconditional one), and by the default flow only when none does.
/// </summary>
public class DefaultFlowTests
{
    private readonly EngineWorld _world = new("tasks/default-flow.bpmn");

    [Theory]
    [InlineData(2, new[] { "task2" })]
    [InlineData(3, new[] { "task3" })]
    [InlineData(1, new[] { "task1", "task3" })]
    public void DefaultFlowOnTask_IsTakenOnlyWhenNoConditionHolds(int input, string[] expected)
    {
        var instance = _world.Start("default-flow");

        instance.Complete("task", new { input });

        Assert.Equal(expected, instance.OpenTaskNodes.Order());
    }

    [Fact]
    public void UnconditionalFlow_IsAlwaysTaken_SoTheDefaultIsNot()
    {
        var instance = _world.Start("default-with-unconditional");

        instance.Complete("uTask");

        Assert.Equal(["always"], instance.OpenTaskNodes);
    }
}
