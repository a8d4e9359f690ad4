using System.Diagnostics;
using System.Net.Http.Json;
using ApprovalFlow.Engine.Commands;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace ApprovalFlow.Benchmarks.Durable;

/// <summary>What one timed run of completions measured.</summary>
/// <param name="Completions">Tasks completed.</param>
/// <param name="Elapsed">Wall time from the first worker's start to the last one's end.</param>
/// <param name="Latencies">Sorted latencies (ms) of the completions.</param>
/// <param name="Lists">Sorted latencies (ms) of the inbox reads between completions (HTTP only).</param>
internal sealed record CompletionRun(int Completions, TimeSpan Elapsed, double[] Latencies, double[] Lists)
{
    public double PerSecond => Completions / Elapsed.TotalSeconds;
}

/// <summary>
/// Workers that complete every task of their own sequences: one worker per user, so two workers never
/// step the same instance (no lost races in the figures).
/// </summary>
internal static class CompletionRuns
{
    /// <summary>
    /// Each worker completes the open task of each of its instances until the sequence ends, calling
    /// <see cref="InstanceRunner.ExecuteAsync"/> directly; the next task comes from the committed state.
    /// </summary>
    public static async Task<CompletionRun> ServiceLayerAsync(ServiceHost host, IReadOnlyList<ApplicationUser> users, ProcessInstanceRecord[][] instances)
    {
        var runner = host.Services.GetRequiredService<InstanceRunner>();
        var latencies = users.Select(_ => new Latencies()).ToArray();
        var start = Stopwatch.GetTimestamp();
        await Task.WhenAll(users.Select((user, w) => Task.Run(async () =>
        {
            foreach (var instance in instances[w])
            {
                var state = instance.State;
                while (state.Tasks.Count > 0)
                {
                    var command = new CompleteUserTask(state.Tasks[0].Id, user.Id);
                    using var marker = CommandCounter.Completion();
                    var outcome = await latencies[w].TimeAsync(() => runner.ExecuteAsync(instance.Id, command, CancellationToken.None));
                    state = outcome is CommandOutcome.Applied applied
                        ? applied.Instance.State
                        : throw new InvalidOperationException($"Completing {command.TaskId} of {instance.Id} gave {outcome}.");
                }
            }
        })));
        var elapsed = Stopwatch.GetElapsedTime(start);
        return new CompletionRun(latencies.Sum(l => l.Count), elapsed, Latencies.Merge(latencies), []);
    }

    /// <summary>
    /// Each worker, signed in as its user, reads its inbox (<c>GET /api/tasks?scope=mine</c>, 200 a
    /// page) and completes every task on it (<c>POST /api/tasks/{id}/complete</c>), until it is empty.
    /// </summary>
    public static async Task<CompletionRun> HttpAsync(IReadOnlyList<HttpClient> clients)
    {
        var latencies = clients.Select(_ => new Latencies()).ToArray();
        var lists = clients.Select(_ => new Latencies()).ToArray();
        var start = Stopwatch.GetTimestamp();
        await Task.WhenAll(clients.Select((client, w) => Task.Run(async () =>
        {
            while (true)
            {
                var page = await lists[w].TimeAsync(() => client.GetFromJsonAsync<InboxPage>("/api/tasks?scope=mine&pageSize=200"));
                if (page is null || page.Items.Count == 0)
                {
                    break;
                }

                foreach (var task in page.Items)
                {
                    using var marker = CommandCounter.Completion();
                    using var response = await latencies[w].TimeAsync(() => client.PostAsJsonAsync($"/api/tasks/{task.Id}/complete", new { variables = new { } }));
                    if (!response.IsSuccessStatusCode)
                    {
                        throw new InvalidOperationException($"Completing task {task.Id} gave {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                    }
                }
            }
        })));
        var elapsed = Stopwatch.GetElapsedTime(start);
        return new CompletionRun(latencies.Sum(l => l.Count), elapsed, Latencies.Merge(latencies), Latencies.Merge(lists));
    }

    internal sealed record InboxPage(List<InboxItem> Items, int Total);

    internal sealed record InboxItem(Guid Id, Guid InstanceId, string NodeId);
}
