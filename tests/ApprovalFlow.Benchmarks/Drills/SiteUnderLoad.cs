using System.Diagnostics;
using System.Globalization;

namespace ApprovalFlow.Benchmarks.Drills;

/// <summary>
/// What the crash-loop and database drills share: two nodes behind nginx, the drill process deployed, <c>--clients</c>
/// clients completing <c>--tasks</c> tasks through nginx (given up after <c>--timeout-minutes</c>, default 30) while the drill
/// does its harm; then the mails awaited, the database checked and the answers, the nodes and the checks printed.
/// </summary>
internal sealed class SiteUnderLoad : IAsyncDisposable
{
    private readonly Stopwatch _clock;
    private readonly CancellationTokenSource _timeout;

    private SiteUnderLoad(DrillSite site, TaskLoad load, Task running, Stopwatch clock, CancellationTokenSource timeout)
    {
        Site = site;
        Load = load;
        Running = running;
        _clock = clock;
        _timeout = timeout;
    }

    public DrillSite Site { get; }

    public TaskLoad Load { get; }

    /// <summary>The load, until every task is completed.</summary>
    public Task Running { get; }

    /// <summary>Time since the load began.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    public static async Task<SiteUnderLoad> StartAsync(DrillOptions options, int tasks, int clients)
    {
        var site = await DrillSite.StartAsync(options, nodes: 2, nginx: true);
        try
        {
            await DrillProcess.DeployAsync(site.BaseAddress, DrillSite.Password);
        }
        catch
        {
            await site.DisposeAsync();
            throw;
        }

        var load = new TaskLoad();
        var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(options.Int("timeout-minutes", 30)));
        var clock = Stopwatch.StartNew();
        return new SiteUnderLoad(site, load, load.RunAsync(site.BaseAddress, tasks, clients, DrillSite.Password, timeout.Token), clock, timeout);
    }

    /// <summary>Waits for the load to end and (up to 5 minutes) for every notification of the drill's instances to be mailed, then reads the checks.</summary>
    /// <returns>How long the load took and what the database shows.</returns>
    public async Task<(TimeSpan Elapsed, DrillChecks Checks)> FinishAsync()
    {
        await Running;
        var elapsed = _clock.Elapsed;
        var waiting = Stopwatch.StartNew();
        while (true)
        {
            var checks = await DrillChecks.ReadAsync(Site.Cluster.ConnectionString, DrillProcess.Key, Site.Mail.Received);
            if ((checks.NotificationsNotSent == 0 && checks.MailsReceived >= checks.NotificationsSent) || waiting.Elapsed > TimeSpan.FromMinutes(5))
            {
                return (elapsed, checks);
            }

            await Task.Delay(1000);
        }
    }

    /// <summary>Prints the answers by status, the nodes and the checks; whether the drill failed (anything lost or doubled, a 500 or an unexpected answer).</summary>
    public bool PrintAndJudge(TimeSpan elapsed, DrillChecks checks)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {Load.Completed} completions in {elapsed.TotalSeconds:F0} s ({Load.Completed / elapsed.TotalSeconds:F1}/s through nginx); retried requests {Load.Retries}; "
            + $"completions whose retry found the first attempt applied (409) {Load.CompletedOnRetry}; unexpected answers {Load.Unexpected}"));
        Console.WriteLine($"  answers by status: {Load.StatusLine()}");
        Console.WriteLine($"  5xx by code: {string.Join(", ", Load.Statuses.Where(s => s.Key >= 500).OrderBy(s => s.Key).Select(s => $"{s.Key} × {s.Value}").DefaultIfEmpty("none"))}");
        Site.PrintNodes(elapsed);
        checks.Print();
        return checks.Lost || Load.Statuses.GetValueOrDefault(500) > 0 || Load.Unexpected > 0;
    }

    public async ValueTask DisposeAsync()
    {
        _timeout.Dispose();
        await Site.DisposeAsync();
    }
}
