using ApprovalFlow.Engine.History;
using ApprovalFlow.Engine.State;
using ApprovalFlow.Engine.Tests.Support;

namespace ApprovalFlow.Engine.Tests.Elements;

/// <summary>
/// The completion condition of a parallel multi-instance activity (BPMN 2.0.2 §10.3.8, §13.3.6) cancels
/// the instances still running, whatever their tokens are doing at that moment.
/// </summary>
public class MultiInstanceCompletionTests
{
    /// <summary>
    /// Found by the randomized test (seed 1223): the second instance's token had already left the inner
    /// parallel join and was on the flow to the end event when the first instance satisfied the condition.
    /// A token between two nodes is at neither, so its cancellation is no cancellation of the join it left
    /// (Camunda 7 ends the join's activity instance when the token leaves it and starts none for the end
    /// event before the token arrives).
    /// </summary>
    [Fact]
    public void CompletionCondition_TokenThatLeftAnInnerJoin_IsNotCancelledAtTheJoin()
    {
        var world = new EngineWorld("multi-instance/completion-after-join.bpmn");

        var instance = world.Start("completion-after-join");

        Assert.Equal(["after"], instance.OpenTaskNodes);
        var history = world.History;
        Assert.Equal(4, history.Count(h => h.Type == HistoryEventType.NodeEntered && h.NodeId == "join"));
        Assert.Equal(2, history.Count(h => h.Type == HistoryEventType.NodeLeft && h.NodeId == "join"));
        Assert.Equal(1, history.Count(h => h.Type == HistoryEventType.NodeLeft && h.NodeId == "cEnd"));
        Assert.DoesNotContain(history, h => h.Type == HistoryEventType.NodeCancelled && h.NodeId is "join" or "cEnd");
        var cancelledItem = Assert.Single(history, h => h.Type == HistoryEventType.NodeCancelled);
        Assert.Equal("checks", cancelledItem.NodeId);
        Assert.DoesNotContain(instance.State.Executions, e => e.Kind is ExecutionKind.MultiInstanceBody or ExecutionKind.MultiInstanceItem);
    }
}
