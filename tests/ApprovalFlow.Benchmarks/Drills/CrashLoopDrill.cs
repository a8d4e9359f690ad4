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
        await using var run = await SiteUnderLoad.StartAsync(options, tasks, clients);
        var kills = 0;
        var restart = TimeSpan.Zero;
        while (await Task.WhenAny(run.Running, Task.Delay(killEvery)) != run.Running)
        {
            var victim = run.Site.Nodes[kills % run.Site.Nodes.Count];
            await victim.KillAsync();
            kills++;
            var down = Stopwatch.StartNew();
            await victim.StartAsync();
            restart += down.Elapsed;
        }

        var (elapsed, checks) = await run.FinishAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  kills {kills} (SIGKILL), mean time from kill to ready again {(kills == 0 ? 0 : restart.TotalSeconds / kills):F1} s"));
        return run.PrintAndJudge(elapsed, checks) ? 1 : 0;
    }
}
