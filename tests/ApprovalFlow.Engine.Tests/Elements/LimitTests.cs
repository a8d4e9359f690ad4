using System.Text.Json;
using ApprovalFlow.Engine.Commands;
using ApprovalFlow.Engine.Expressions;
using ApprovalFlow.Engine.Runtime;
using ApprovalFlow.Engine.State;
using ApprovalFlow.Engine.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace ApprovalFlow.Engine.Tests.Elements;

/// <summary>
/// Limits that keep one step from taking the host (issue 8): instances per multi-instance activity and
/// the work budget of a step (node entries and wall time). Deterministic: the node budget counts entries,
/// and the time budget reads the fake clock, which only the test's evaluator moves.
/// </summary>
public class LimitTests
{
    [Fact]
    public void MultiInstanceOverTheLimit_RaisesAnIncidentNamingTheElementAndTheCount_WithoutCreatingInstances()
    {
        var world = new EngineWorld(new EngineOptions { MaxMultiInstanceItems = 1_000 }, null, "multi-instance/sequential.bpmn", "multi-instance/parallel-completion.bpmn");

        var cardinality = world.Start("sequential", new { count = 100_000 });
        var collection = world.Start("parallel-completion", new { reviewers = Enumerable.Range(0, 1_001).Select(i => $"r{i}").ToArray() });

        foreach (var (instance, node, count) in new[] { (cardinality, "sign", 100_000), (collection, "review", 1_001) })
        {
            var incident = Assert.Single(instance.State.Incidents);
            Assert.Equal(IncidentKind.TooManyInstances, incident.Kind);
            Assert.Equal(node, incident.NodeId);
            Assert.Contains($"'{node}' would create {count} instances; at most 1000", incident.Message, StringComparison.Ordinal);
            Assert.Empty(instance.Tasks());
            Assert.Equal(2, instance.State.Executions.Count);
        }
    }

    [Fact]
    public void MultiInstanceAtTheLimit_RunsAndRetryAfterLoweringTheCountRuns()
    {
        var world = new EngineWorld(new EngineOptions { MaxMultiInstanceItems = 3 }, null, "multi-instance/sequential.bpmn");
        Assert.Equal("signer-0", Assert.Single(world.Start("sequential", new { count = 3 }).Tasks()).Assignee);
        var over = world.Start("sequential", new { count = 4 });

        over.Execute(new RetryIncident(Assert.Single(over.State.Incidents).Id, EngineWorld.ToVariables(new { count = 2 })));

        Assert.Empty(over.State.Incidents);
        Assert.Equal(["sign"], over.OpenTaskNodes);
    }

    [Fact]
    public void FanOutBeyondTheNodeBudget_StopsTheStepWithOneIncident_AndEachRetryGoesOnUntilTheJoinFires()
    {
        var world = new EngineWorld(new EngineOptions { MaxNodeEntriesPerStep = 8 }, null, "limits/fan-out.bpmn");

        var instance = world.Start("fan-out");

        var incident = Assert.Single(instance.State.Incidents);
        Assert.Equal(IncidentKind.WorkBudget, incident.Kind);
        Assert.Equal(RetryAction.Resume, incident.Retry);
        Assert.Equal("b7", incident.NodeId);
        Assert.Contains("more than 8 nodes were entered in one step", incident.Message, StringComparison.Ordinal);
        Assert.Equal(["b7", "b8", "b9", "b10", "join", "join", "join", "join", "join", "join"], instance.State.Agenda.Select(a => a.NodeId));
        Assert.Equal(InstanceStatus.Active, instance.Status);

        var retries = 0;
        while (instance.State.Incidents.Count > 0)
        {
            instance.Execute(new RetryIncident(instance.State.Incidents[0].Id));
            retries++;
        }

        Assert.Equal(2, retries);
        Assert.Empty(instance.State.Agenda);
        Assert.Equal(["after"], instance.OpenTaskNodes);
        Assert.Equal(10, instance.Entered().Count(n => n == "join"));
    }

    [Fact]
    public void LoopWithoutWaitState_StopsAtTheNodeBudget_RetryWithAFixGoesOn()
    {
        var world = new EngineWorld(new EngineOptions { MaxNodeEntriesPerStep = 50 }, null, "limits/fan-out.bpmn");

        var instance = world.Start("spin", new { stop = false });

        var incident = Assert.Single(instance.State.Incidents);
        Assert.Equal(IncidentKind.WorkBudget, incident.Kind);
        Assert.Equal(50, instance.Entered().Count);
        Assert.Single(instance.State.Agenda);

        instance.Execute(new RetryIncident(incident.Id, EngineWorld.ToVariables(new { stop = true })));

        Assert.Equal(InstanceStatus.Completed, instance.Status);
    }

    [Fact]
    public void StepLongerThanItsTimeBudget_StopsBeforeTheNextNode()
    {
        var world = new EngineWorld(
            new EngineOptions { MaxStepDuration = TimeSpan.FromSeconds(3.5), MaxNodeEntriesPerStep = int.MaxValue },
            time => new ClockAdvancingEvaluator(EngineWorld.Evaluator, time, TimeSpan.FromSeconds(1)),
            "limits/fan-out.bpmn");

        var instance = world.Start("spin", new { stop = false });

        var incident = Assert.Single(instance.State.Incidents);
        Assert.Equal(IncidentKind.WorkBudget, incident.Kind);
        Assert.Equal("tick", incident.NodeId);
        Assert.Contains("the step ran 4000 ms, longer than 3500 ms", incident.Message, StringComparison.Ordinal);
        Assert.Equal(["sStart", "tick", "again", "tick", "again"], instance.Entered());
    }

    [Fact]
    public void CancellingAnInstanceStoppedByItsBudget_DropsTheKeptWork()
    {
        var world = new EngineWorld(new EngineOptions { MaxNodeEntriesPerStep = 8 }, null, "limits/fan-out.bpmn");
        var instance = world.Start("fan-out");

        instance.Execute(new CancelInstance());

        Assert.Equal(InstanceStatus.Cancelled, instance.Status);
        Assert.Empty(instance.State.Agenda);
        Assert.Empty(instance.State.Incidents);
    }

    [Theory]
    [InlineData(0, 2, 1)]
    [InlineData(1, 0, 1)]
    [InlineData(1, 2, 0)]
    public void Options_OutOfRange_AreRefused(int nodes, int seconds, int items)
    {
        Assert.ThrowsAny<ArgumentException>(() => new EngineWorld(
            new EngineOptions { MaxNodeEntriesPerStep = nodes, MaxStepDuration = TimeSpan.FromSeconds(seconds), MaxMultiInstanceItems = items }, null));
    }

    /// <summary>Moves the fake clock by <paramref name="step"/> on every evaluation, so a step's wall time is counted, not measured.</summary>
    private sealed class ClockAdvancingEvaluator(IExpressionEvaluator inner, FakeTimeProvider time, TimeSpan step) : IExpressionEvaluator
    {
        public JsonElement Evaluate(string script, IReadOnlyDictionary<string, JsonElement> variables, DateTimeOffset now)
        {
            time.Advance(step);
            return inner.Evaluate(script, variables, now);
        }
    }
}
