using System.Diagnostics;
using System.Globalization;

namespace ApprovalFlow.Benchmarks.Drills;

/// <summary>
/// Two nodes on one database behind nginx; while <c>--clients</c> clients complete <c>--tasks</c> tasks through nginx, a node
/// is killed with SIGKILL every <c>--kill-every</c> seconds (the two in turn, so one always serves) and started again.
/// Afterwards the database must show every task completed once, every instance ended, no timer fired twice, every mail
/// sent and received once; no answer may have been a 500.
/// </summary>
internal static class CrashLoopDrill
{
    public static async Task<int> RunAsync(DrillOptions options)
    {
        var tasks = options.Int("tasks", 1000);
        var clients = options.Int("clients", 8);
        var killEvery = TimeSpan.FromSeconds(options.Int("kill-every", 5));
        Console.WriteLine($"Crash-loop drill: {tasks} tasks, {clients} clients, a node SIGKILLed every {killEvery.TotalSeconds} s and restarted");
        await using var site = await DrillSite.StartAsync(options, nodes: 2, nginx: true);
        await DrillProcess.DeployAsync(site.BaseAddress, DrillSite.Password);

        var load = new TaskLoad();
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(options.Int("timeout-minutes", 30)));
        var clock = Stopwatch.StartNew();
        var running = load.RunAsync(site.BaseAddress, tasks, clients, DrillSite.Password, stop.Token);
        var kills = 0;
        var restart = TimeSpan.Zero;
        while (!running.IsCompleted)
        {
            if (await Task.WhenAny(running, Task.Delay(killEvery)) == running)
            {
                break;
            }

            var victim = site.Nodes[kills % site.Nodes.Count];
            await victim.KillAsync();
            kills++;
            var down = Stopwatch.StartNew();
            await victim.StartAsync();
            restart += down.Elapsed;
        }

        await running;
        var elapsed = clock.Elapsed;
        await WaitForMailAsync(site, DrillProcess.Key);
        var checks = await DrillChecks.ReadAsync(site.Cluster.ConnectionString, DrillProcess.Key, site.Mail.Received);

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {load.Completed} completions in {elapsed.TotalSeconds:F0} s: {load.Completed / elapsed.TotalSeconds:F1} completions/s through nginx"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  kills {kills} (SIGKILL), mean time from kill to ready again {(kills == 0 ? 0 : restart.TotalSeconds / kills):F1} s"));
        Console.WriteLine($"  retried requests {load.Retries}; completions whose retry found the first attempt applied (409) {load.CompletedOnRetry}; unexpected answers {load.Unexpected}");
        Console.WriteLine($"  answers by status: {load.StatusLine()}");
        Console.WriteLine($"  5xx by code: {string.Join(", ", load.Statuses.Where(s => s.Key >= 500).OrderBy(s => s.Key).Select(s => $"{s.Key} × {s.Value}").DefaultIfEmpty("none"))}");
        site.PrintNodes(elapsed);
        checks.Print();
        var fiveHundreds = load.Statuses.GetValueOrDefault(500);
        return checks.Lost || fiveHundreds > 0 || load.Unexpected > 0 ? 1 : 0;
    }

    /// <summary>Waits (up to 5 minutes) until no notification of the drill's instances is still pending.</summary>
    public static async Task WaitForMailAsync(DrillSite site, string definitionKey, TimeSpan? limit = null)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < (limit ?? TimeSpan.FromMinutes(5)))
        {
            var checks = await DrillChecks.ReadAsync(site.Cluster.ConnectionString, definitionKey, site.Mail.Received);
            if (checks.NotificationsNotSent == 0 && checks.MailsReceived >= checks.NotificationsSent)
            {
                return;
            }

            await Task.Delay(1000);
        }
    }
}
