using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace ApprovalFlow.Benchmarks.Drills;

/// <summary>
/// The drills' load: each client, signed in as one official of the demo directory, starts its instances of
/// <see cref="DrillProcess"/> (each with its own business key, so a start retried after a lost answer is a 409 naming the
/// instance, not a second instance) and completes every task that appears in its inbox until all of them are done.
/// A completion retried after a 502/503/504 that finds the task already completed (409) counts as done: its first attempt
/// had committed before the answer was lost.
/// </summary>
internal sealed class TaskLoad
{
    private int _completed;
    private int _completedOnRetry;
    private int _unexpected;

    public ConcurrentDictionary<int, int> Statuses { get; } = new();

    public int Completed => _completed;

    public int CompletedOnRetry => _completedOnRetry;

    public int Unexpected => _unexpected;

    public int Retries { get; private set; }

    public TimeSpan Elapsed { get; private set; }

    public static IReadOnlyList<string> Officials { get; } =
    [
        "maryam.ahmadi", "ali.tousi", "zahra.jalali", "mohammad.rezaei", "fatemeh.khorasani", "hossein.mansouri", "sara.hosseini", "reza.neyshaburi",
        "narges.soltani", "mehdi.karimi", "zeinab.sabzevari", "hassan.yousefi",
    ];

    /// <summary>Runs <paramref name="tasks"/> completions (rounded up to whole instances) over <paramref name="clients"/> clients.</summary>
    public async Task RunAsync(Uri baseAddress, int tasks, int clients, string password, CancellationToken cancellationToken)
    {
        var instances = (int)Math.Ceiling(tasks / (double)DrillProcess.TasksPerInstance);
        var clock = Stopwatch.StartNew();
        var runs = Enumerable.Range(0, clients).Select(async c =>
        {
            var client = await DrillClient.SignInAsync(baseAddress, $"{Officials[c % Officials.Count]}@approvalflow.local", password, Statuses);
            var mine = Enumerable.Range(0, instances).Where(i => i % clients == c).ToList();
            foreach (var i in mine)
            {
                var (started, _) = await client.PostAsync("/api/instances", new { definitionKey = DrillProcess.Key, businessKey = $"{DrillProcess.Key}-{i}", variables = new { me = client.UserId } });
                using (started)
                {
                    if (started.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.Conflict))
                    {
                        Interlocked.Increment(ref _unexpected);
                        Console.WriteLine($"  start {i}: {(int)started.StatusCode} {await started.Content.ReadAsStringAsync(cancellationToken)}");
                    }
                }
            }

            var target = mine.Count * DrillProcess.TasksPerInstance;
            var done = 0;
            while (done < target && !cancellationToken.IsCancellationRequested)
            {
                var page = await client.GetJsonAsync($"/api/tasks?scope=mine&pageSize=50");
                var open = page.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetString()!).ToList();
                if (open.Count == 0)
                {
                    await Task.Delay(200, cancellationToken); // waiting for a timer or a job
                    continue;
                }

                foreach (var id in open)
                {
                    var (response, retried) = await client.PostAsync($"/api/tasks/{id}/complete", new { variables = new { done = true } });
                    using (response)
                    {
                        if (response.IsSuccessStatusCode)
                        {
                            done++;
                            Interlocked.Increment(ref _completed);
                        }
                        else if (response.StatusCode == HttpStatusCode.Conflict && retried)
                        {
                            done++;
                            Interlocked.Increment(ref _completed);
                            Interlocked.Increment(ref _completedOnRetry);
                        }
                        else
                        {
                            Interlocked.Increment(ref _unexpected);
                            Console.WriteLine($"  complete {id}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
                        }
                    }
                }
            }

            return client.Retries;
        }).ToList();
        Retries = (await Task.WhenAll(runs)).Sum();
        Elapsed = clock.Elapsed;
    }

    /// <summary>"5xx by code: 502 × 12, 503 × 3; other codes: 200 × 1000, ...".</summary>
    public string StatusLine() =>
        string.Join(", ", Statuses.OrderBy(s => s.Key).Select(s => $"{(s.Key == 0 ? "no connection" : s.Key.ToString(System.Globalization.CultureInfo.InvariantCulture))} × {s.Value}"));
}
