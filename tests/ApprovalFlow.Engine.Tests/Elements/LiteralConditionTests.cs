using ApprovalFlow.Engine.Tests.Support;

namespace ApprovalFlow.Engine.Tests.Elements;

/// <summary>Literal <c>true</c>/<c>false</c> conditions hold as written; a PT0S timer is due at once.</summary>
public class LiteralConditionTests
{
    private readonly EngineWorld _world = new("gateways/literal-conditions.bpmn");

    [Fact]
    public void ZeroTimerThenLiteralConditions_TakeTheTrueFlowOnly()
    {
        var instance = _world.Start("literal-conditions");
        var timer = Assert.Single(instance.Timers("now"));
        Assert.Equal(_world.Time.GetUtcNow(), timer.DueAt);

        instance.FireTimer("now");

        Assert.Equal(["yes"], instance.OpenTaskNodes);
    }
}
