using ApprovalFlow.Engine.History;
using ApprovalFlow.Engine.State;
using ApprovalFlow.Engine.Tests.Support;

namespace ApprovalFlow.Engine.Tests.Elements;

/// <summary>
/// An escalation thrown inside an interrupting catch-all escalation event subprocess (BPMN 2.0.2 §10.3.5), as
/// Camunda 7's <c>ThrowEscalationEventActivityBehavior</c> finds its catcher: the event subprocess does not catch
/// an escalation thrown straight from its own body (it goes outward), but one thrown from a subprocess inside it
/// starts it again, cancelling the running instance. The randomized generator avoids the second shape (seed 4182
/// of 5000 restarted it at every timer firing, without end).
/// </summary>
public class EscalationRethrowTests
{
    private readonly EngineWorld _world = new("event-subprocesses/escalation-rethrow.bpmn");

    [Fact]
    public void EscalationThrownByTheEventSubprocessItself_GoesOutward_NotToTheSameEventSubprocess()
    {
        var instance = _world.Start("esc-rethrow-direct");
        instance.Complete("work");
        Assert.Equal(["review"], instance.OpenTaskNodes);

        instance.Complete("review");

        Assert.Equal(["after", "inform"], instance.OpenTaskNodes.Order(StringComparer.Ordinal));
        Assert.Single(_world.History, h => h.Type == HistoryEventType.NodeEntered && h.NodeId == "handler");
        var rethrown = Assert.Single(_world.History, h => h.Type == HistoryEventType.EscalationThrown && h.NodeId == "raiseAgain");
        Assert.Equal("outerCatch", rethrown.Data!["caughtBy"].GetString());
    }

    [Fact]
    public void EscalationThrownFromASubprocessInsideTheEventSubprocess_StartsItAgain()
    {
        var instance = _world.Start("esc-rethrow-nested");
        instance.Complete("nWork");
        var first = Assert.Single(instance.Tasks("nReview"));

        instance.CompleteTask(first);

        var second = Assert.Single(instance.Tasks("nReview"));
        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal(2, _world.History.Count(h => h.Type == HistoryEventType.NodeEntered && h.NodeId == "nHandler"));
        Assert.Contains(_world.History, h => h.Type == HistoryEventType.NodeCancelled && h.NodeId == "nHandler");
        var rethrown = Assert.Single(_world.History, h => h.Type == HistoryEventType.EscalationThrown && h.NodeId == "nRaiseAgain");
        Assert.Equal("nHandlerStart", rethrown.Data!["caughtBy"].GetString());
        Assert.Equal(InstanceStatus.Active, instance.Status);
    }
}
