using System.Text.Json;
using ApprovalFlow.Engine.State;

namespace ApprovalFlow.Engine.Tests.Support;

/// <summary>Checks that must hold after every step of every instance.</summary>
public static class Invariants
{
    public static void Check(ProcessInstanceState state)
    {
        var ids = state.Executions.Select(e => e.Id).ToHashSet();
        Assert.Equal(state.Executions.Count, ids.Count);
        foreach (var execution in state.Executions)
        {
            if (execution.Kind == ExecutionKind.Root)
            {
                Assert.Null(execution.ParentId);
            }
            else
            {
                Assert.True(execution.ParentId is not null && ids.Contains(execution.ParentId), $"Execution {execution.Id} has a missing parent {execution.ParentId}.");
            }
        }

        foreach (var owner in state.Tasks.Select(t => t.ExecutionId)
                     .Concat(state.Timers.Select(t => t.ExecutionId))
                     .Concat(state.Subscriptions.Select(s => s.ExecutionId))
                     .Concat(state.SignalSubscriptions.Select(s => s.ExecutionId))
                     .Concat(state.ConditionalSubscriptions.Select(s => s.ExecutionId))
                     .Concat(state.Jobs.Select(j => j.ExecutionId))
                     .Concat(state.Incidents.Select(i => i.ExecutionId))
                     .Concat(state.Agenda.Select(a => a.ExecutionId)))
        {
            Assert.True(ids.Contains(owner), $"Something waits on execution {owner}, which is gone (a token leak).");
        }

        if (state.Status == InstanceStatus.Active)
        {
            Assert.Single(state.Executions, e => e.Kind == ExecutionKind.Root);
        }
        else
        {
            Assert.Empty(state.Executions);
            Assert.Empty(state.Tasks);
            Assert.Empty(state.Timers);
            Assert.Empty(state.Subscriptions);
            Assert.Empty(state.SignalSubscriptions);
            Assert.Empty(state.ConditionalSubscriptions);
            Assert.Empty(state.Jobs);
            Assert.Empty(state.Incidents);
            Assert.Empty(state.Agenda);
        }

        var json = JsonSerializer.Serialize(state, EngineJson.Options);
        var again = JsonSerializer.Serialize(JsonSerializer.Deserialize<ProcessInstanceState>(json, EngineJson.Options), EngineJson.Options);
        Assert.Equal(json, again);
    }
}
