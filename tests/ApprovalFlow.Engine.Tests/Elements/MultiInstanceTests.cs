using ApprovalFlow.Engine.History;
using ApprovalFlow.Engine.Intents;
using ApprovalFlow.Engine.State;
using ApprovalFlow.Engine.Tests.Support;

namespace ApprovalFlow.Engine.Tests.Elements;

public class MultiInstanceTests
{
    [Fact]
    public void Parallel_CompletionCondition_CancelsRemainingInstancesWithTheirTasksAndTimers()
    {
        var world = new EngineWorld("multi-instance/parallel-completion.bpmn");
        var instance = world.Start("parallel-completion", new { reviewers = new[] { "ali", "sara", "reza", "mina" } });
        Assert.Equal(["ali", "sara", "reza", "mina"], instance.Tasks("vote").Select(t => t.Assignee));
        Assert.Equal(4, instance.Timers("nudge").Count);
        var body = Assert.Single(instance.State.Executions, e => e.Kind == ExecutionKind.MultiInstanceBody);
        Assert.Equal(4, body.Variables!["nrOfInstances"].GetInt32());
        Assert.Equal(4, body.Variables["nrOfActiveInstances"].GetInt32());

        instance.CompleteTask(instance.Tasks("vote")[1]);
        body = Assert.Single(instance.State.Executions, e => e.Kind == ExecutionKind.MultiInstanceBody);
        Assert.Equal(1, body.Variables!["nrOfCompletedInstances"].GetInt32());
        Assert.Equal(3, body.Variables["nrOfActiveInstances"].GetInt32());
        var remaining = instance.Tasks("vote").Where(t => t.Assignee != "reza").Select(t => t.Id).ToList();
        instance.CompleteTask(instance.Tasks("vote").Single(t => t.Assignee == "reza"));

        Assert.Equal(["after"], instance.OpenTaskNodes);
        Assert.Empty(instance.Timers());
        Assert.Equal(remaining.Order(), world.Intents.OfType<CancelUserTaskIntent>().Select(c => c.TaskId).Order());
        Assert.Equal(4, world.Intents.OfType<CancelTimerIntent>().Count());
        Assert.DoesNotContain(instance.State.Executions, e => e.Kind is ExecutionKind.MultiInstanceBody or ExecutionKind.MultiInstanceItem);
    }

    [Fact]
    public void Sequential_RunsOneAtATimeWithLoopCounter()
    {
        var world = new EngineWorld("multi-instance/sequential.bpmn");
        var instance = world.Start("sequential", new { count = 3 });

        var assignees = new List<string?>();
        while (instance.Tasks("sign").Count > 0)
        {
            var task = Assert.Single(instance.Tasks("sign"));
            assignees.Add(task.Assignee);
            instance.CompleteTask(task);
        }

        Assert.Equal(["signer-0", "signer-1", "signer-2"], assignees);
        Assert.Equal(["after"], instance.OpenTaskNodes);
    }

    [Fact]
    public void EmptyCollectionOrZeroCardinality_SkipsTheActivity()
    {
        var world = new EngineWorld("multi-instance/sequential.bpmn", "multi-instance/parallel-completion.bpmn");

        Assert.Equal(["after"], world.Start("sequential", new { count = 0 }).OpenTaskNodes);
        Assert.Equal(["after"], world.Start("parallel-completion", new { reviewers = Array.Empty<string>() }).OpenTaskNodes);
    }

    [Fact]
    public void ElementVariableStaysLocalToItsInstance()
    {
        var world = new EngineWorld("multi-instance/boundary-on-subprocess.bpmn");
        var instance = world.Start("boundary-on-subprocess", new { groups = new[] { "wg1", "wg2" } });

        Assert.Equal(["wg1", "wg2"], instance.Tasks("record").SelectMany(t => t.CandidateGroups));
        Assert.Equal("wg2", instance.Tasks("record")[1].Item!.Value.GetString());
        instance.CompleteTask(instance.Tasks("record")[1]);
        Assert.Equal(["wg2-chair"], instance.Tasks("agree").SelectMany(t => t.CandidateGroups));
        Assert.False(instance.State.Variables.ContainsKey("group"));
    }

    [Fact]
    public void CollectionNotAnArray_RaisesIncident()
    {
        var world = new EngineWorld("multi-instance/boundary-on-subprocess.bpmn");

        var instance = world.Start("boundary-on-subprocess", new { groups = "wg1" });

        var incident = Assert.Single(instance.State.Incidents);
        Assert.Equal("groups", incident.NodeId);
        Assert.Contains("not an array", incident.Message, StringComparison.Ordinal);
    }
}

public class BoundaryEventTests
{
    [Fact]
    public void InterruptingTimerOnMultiInstanceSubprocess_CancelsEverythingInside()
    {
        var world = new EngineWorld("multi-instance/boundary-on-subprocess.bpmn");
        var instance = world.Start("boundary-on-subprocess", new { groups = new[] { "wg1", "wg2", "wg3" } });
        instance.CompleteTask(instance.Tasks("record")[0]);
        Assert.Equal(3, instance.Tasks().Count);
        Assert.Equal(3, instance.Timers().Count);

        instance.FireTimer("deadline");

        Assert.Equal(["escalate"], instance.OpenTaskNodes);
        Assert.Empty(instance.Timers());
        Assert.Equal(3, world.Intents.OfType<CancelUserTaskIntent>().Count());
        Assert.Equal(2, instance.State.Executions.Count);
        Assert.Contains(world.History, h => h.Type == HistoryEventType.NodeCancelled && h.NodeId == "groups");
    }

    [Fact]
    public void NonInterruptingCycle_FiresAtMostThreeTimes()
    {
        var world = new EngineWorld("events/timers.bpmn");
        var instance = world.Start("timers", new { days = 10 });
        var first = Assert.Single(instance.Timers("remind"));
        Assert.Equal(world.Time.GetUtcNow().AddDays(1), first.DueAt);

        instance.FireTimer("remind");
        instance.FireTimer("remind");
        instance.FireTimer("remind");

        Assert.Empty(instance.Timers("remind"));
        Assert.Equal(3, world.History.Count(h => h.Type == HistoryEventType.NodeEntered && h.NodeId == "sendReminder"));
        Assert.Equal(["draft"], instance.OpenTaskNodes);
        Assert.IsType<StepResult.NotApplicable>(instance.Execute(new Commands.FireTimer(first.Id)));
    }

    [Fact]
    public void NonInterruptingCycle_StopsWhenTaskCompletes()
    {
        var world = new EngineWorld("events/timers.bpmn");
        var instance = world.Start("timers", new { days = 10 });
        instance.FireTimer("remind");
        var pending = Assert.Single(instance.Timers("remind"));

        instance.Complete("draft");

        Assert.Empty(instance.Timers("remind"));
        Assert.Empty(instance.Timers("expire"));
        Assert.Contains(world.Intents, i => i is CancelTimerIntent c && c.TimerId == pending.Id);
        Assert.Equal(NotApplicableReason.TimerNotFound, Assert.IsType<StepResult.NotApplicable>(instance.Execute(new Commands.FireTimer(pending.Id))).Reason);
    }

    [Fact]
    public void InterruptingTimerFromExpression_CancelsTaskAndEscalates()
    {
        var world = new EngineWorld("events/timers.bpmn");
        var instance = world.Start("timers", new { days = 10 });
        Assert.Equal(world.Time.GetUtcNow().AddDays(10), instance.Timers("expire")[0].DueAt);

        instance.FireTimer("expire");

        Assert.Equal(["escalate"], instance.OpenTaskNodes);
        Assert.Empty(instance.Timers());
    }
}

public class TimerEventTests
{
    [Fact]
    public void IntermediateDurationAndDateTimers_WaitThenContinue()
    {
        var world = new EngineWorld("events/timers.bpmn");
        var instance = world.Start("timers", new { days = 10 });
        instance.Complete("draft");
        var pause = Assert.Single(instance.Timers());
        Assert.Equal(world.Time.GetUtcNow().AddSeconds(2), pause.DueAt);

        instance.FireTimer("pause");
        var until = Assert.Single(instance.Timers());
        Assert.Equal(new DateTimeOffset(2026, 4, 1, 5, 30, 0, TimeSpan.Zero), until.DueAt);
        instance.FireTimer("until");

        Assert.Equal(InstanceStatus.Completed, instance.Status);
    }
}
