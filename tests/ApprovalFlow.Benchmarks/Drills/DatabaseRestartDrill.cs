using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace ApprovalFlow.Benchmarks.Drills;

/// <summary>
/// Two nodes behind nginx under load; when a third of the tasks are done PostgreSQL is stopped for <c>--down</c> seconds
/// (<c>pg_ctl stop -m fast</c>) and started again. While it is down an API request must get 503 with <c>Retry-After</c> (from
/// the node and through nginx) and <c>/health/ready</c> 503 on every node; afterwards the load must finish with nothing lost.
/// </summary>
internal static class DatabaseRestartDrill
{
    public static async Task<int> RunAsync(DrillOptions options)
    {
        var tasks = options.Int("tasks", 300);
        var clients = options.Int("clients", 4);
        var downFor = TimeSpan.FromSeconds(options.Int("down", 20));
        Console.WriteLine($"Database restart drill: {tasks} tasks, {clients} clients, PostgreSQL down for {downFor.TotalSeconds} s");
        await using var run = await SiteUnderLoad.StartAsync(options, tasks, clients);
        var site = run.Site;
        var probe = await DrillClient.SignInAsync(site.BaseAddress, $"{TaskLoad.Officials[^1]}@approvalflow.local", DrillSite.Password, new());
        while (run.Load.Completed < tasks / 3 && !run.Running.IsCompleted)
        {
            await Task.Delay(200);
        }

        await site.Cluster.StopAsync();
        var stoppedAt = run.Elapsed;
        var failures = 0;
        using var raw = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        foreach (var (name, address) in site.Nodes.Select(n => ($"node {n.Port}", n.BaseAddress)).Append(("nginx", site.BaseAddress)))
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(address, "/api/tasks?scope=mine"));
                using var list = await probe.SendOnceAsync(raw, request);
                var body = await list.Content.ReadAsStringAsync();
                var ok = list.StatusCode == HttpStatusCode.ServiceUnavailable && list.Headers.RetryAfter?.Delta is not null && body.Contains("\"status\":503", StringComparison.Ordinal);
                failures += ok ? 0 : 1;
                Console.WriteLine($"  while down, GET /api/tasks via {name}: {(int)list.StatusCode}, Retry-After {list.Headers.RetryAfter?.Delta?.TotalSeconds} s, {list.Content.Headers.ContentType?.MediaType}{(ok ? string.Empty : " UNEXPECTED: " + body)}");
            }
            catch (HttpRequestException e)
            {
                failures++;
                Console.WriteLine($"  while down, GET /api/tasks via {name}: NO ANSWER ({e.Message})");
            }
        }

        foreach (var node in site.Nodes)
        {
            try
            {
                var ready = await raw.GetAsync(new Uri(node.BaseAddress, "/health/ready"));
                var live = await raw.GetAsync(new Uri(node.BaseAddress, "/health/live"));
                failures += ready.StatusCode == HttpStatusCode.ServiceUnavailable && live.IsSuccessStatusCode ? 0 : 1;
                Console.WriteLine($"  while down, node {node.Port}: /health/ready {(int)ready.StatusCode}, /health/live {(int)live.StatusCode}");
            }
            catch (HttpRequestException e)
            {
                failures++;
                Console.WriteLine($"  while down, node {node.Port}: NO ANSWER ({e.Message}){(node.Pid is null ? "; the node's process exited" : string.Empty)}");
            }
        }

        var rest = downFor - (run.Elapsed - stoppedAt);
        if (rest > TimeSpan.Zero)
        {
            await Task.Delay(rest);
        }

        var completedWhileDown = run.Load.Completed;
        await site.Cluster.StartAgainAsync();
        var back = Stopwatch.StartNew();
        var readyAgain = new Dictionary<int, double>();
        while (readyAgain.Count < site.Nodes.Count && back.Elapsed < TimeSpan.FromMinutes(5))
        {
            foreach (var node in site.Nodes.Where(n => !readyAgain.ContainsKey(n.Port)))
            {
                try
                {
                    if ((await raw.GetAsync(new Uri(node.BaseAddress, "/health/ready"))).IsSuccessStatusCode)
                    {
                        readyAgain[node.Port] = back.Elapsed.TotalSeconds;
                    }
                }
                catch (HttpRequestException)
                {
                }
            }

            await Task.Delay(250);
        }

        var exited = site.Nodes.Where(n => n.Pid is null).Select(n => n.Port).ToList();
        failures += exited.Count;
        Console.WriteLine($"  node processes that exited during the outage: {(exited.Count == 0 ? "none" : string.Join(", ", exited))}");
        var (elapsed, checks) = await run.FinishAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  PostgreSQL stopped after {stoppedAt.TotalSeconds:F0} s ({completedWhileDown} completions by the end of the outage), down {downFor.TotalSeconds:F0} s; /health/ready again after {string.Join(", ", readyAgain.Select(r => $"{r.Value:F1} s (node {r.Key})"))}"));
        var failed = run.PrintAndJudge(elapsed, checks);
        return failed || failures > 0 || readyAgain.Count < site.Nodes.Count ? 1 : 0;
    }
}
