using System.Diagnostics;
using System.Text.Json;
using ApprovalFlow.Engine;
using ApprovalFlow.Engine.Commands;
using ApprovalFlow.Engine.Runtime;
using ApprovalFlow.Server.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace ApprovalFlow.Benchmarks.Durable;

/// <summary>The pure engine's share of a completion: the host's engine stepping the same definition in memory, one thread.</summary>
internal static class EngineStep
{
    /// <summary>Mean time (ms) of one CompleteUserTask step (including the start of each sequence, amortised).</summary>
    public static double MeanMilliseconds(IServiceProvider services, DeployedDefinition definition, int sequences)
    {
        var engine = services.GetRequiredService<ProcessEngine>();
        var variables = new Dictionary<string, JsonElement> { ["initiator"] = JsonSerializer.SerializeToElement("someone") };
        var steps = 0;
        var start = 0L;
        for (var i = -sequences / 10; i < sequences; i++)
        {
            if (i == 0)
            {
                (steps, start) = (0, Stopwatch.GetTimestamp());
            }

            var state = engine.Start(definition.Process, new StartInstance(Guid.CreateVersion7().ToString(), definition.Version, null, variables)).State;
            while (state.Tasks.Count > 0)
            {
                state = engine.Execute(definition.Process, state, new CompleteUserTask(state.Tasks[0].Id, "someone")) is StepResult.Applied applied
                    ? applied.State
                    : throw new InvalidOperationException("The in-memory step did not apply.");
                steps++;
            }
        }

        return Stopwatch.GetElapsedTime(start).TotalMilliseconds / steps;
    }
}
