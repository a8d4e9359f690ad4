using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace ApprovalFlow.Benchmarks.Drills;

/// <summary>
/// The SMTP server is down for <c>--minutes</c> (default 10) while a plan cycle starts (the shipped workflows deployed, the
/// demo cycle started by the seed) and officials work <c>--tasks</c> tasks of the drill process (each mailing its assignee);
/// then it comes back. Every notification must end sent and arrive exactly once. Mails are retried on
/// <c>--retry-schedule</c> (default PT30S,PT1M,PT2M,PT5M,PT5M,PT10M, which outlasts a 10-minute outage; production's
/// default PT1M,PT5M,PT30M,PT2H,PT6H outlasts 8 hours 36 minutes).
/// </summary>
internal static class MailOutageDrill
{
    public static async Task<int> RunAsync(DrillOptions options)
    {
        var outage = TimeSpan.FromMinutes(options.Int("minutes", 10));
        var schedule = options.Text("retry-schedule", "PT30S,PT1M,PT2M,PT5M,PT5M,PT10M");
        var tasks = options.Int("tasks", 100);
        Console.WriteLine($"Mail outage drill: SMTP down for {outage.TotalMinutes} min during a cycle start and {tasks} tasks; Notifications:RetrySchedule {schedule}");
        var settings = new Dictionary<string, string>
        {
            ["Notifications:RetrySchedule"] = schedule,
            ["Workflows:Directory"] = Path.Combine(options.App, "workflows"),
        };
        await using var site = await DrillSite.StartAsync(options, nodes: 1, nginx: false, settings, mailUp: false);
        var clock = Stopwatch.StartNew();
        await DrillProcess.DeployAsync(site.BaseAddress, DrillSite.Password);
        var load = new TaskLoad();
        await load.RunAsync(site.BaseAddress, tasks, 4, DrillSite.Password, CancellationToken.None);
        var (pending, failedAttempts) = await PendingAsync(site);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {load.Completed} completions with SMTP down in {load.Elapsed.TotalSeconds:F0} s; {pending} notifications waiting, {failedAttempts} failed attempts so far"));
        var rest = outage - clock.Elapsed;
        if (rest > TimeSpan.Zero)
        {
            await Task.Delay(rest);
        }

        (pending, failedAttempts) = await PendingAsync(site);
        site.Mail.Start();
        var back = Stopwatch.StartNew();
        Console.WriteLine($"  SMTP up again after {clock.Elapsed.TotalMinutes:F1} min; {pending} notifications waiting, {failedAttempts} failed attempts");
        var limit = TimeSpan.FromMinutes(options.Int("wait-minutes", 20));
        while (back.Elapsed < limit && (await PendingAsync(site)).Pending > 0)
        {
            await Task.Delay(1000);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  every notification settled {back.Elapsed.TotalSeconds:F0} s after SMTP came back"));
        var lost = await PrintAllAsync(site);
        var checks = await DrillChecks.ReadAsync(site.Cluster.ConnectionString, DrillProcess.Key, site.Mail.Received);
        Console.WriteLine("  the drill process's instances:");
        checks.Print();
        site.PrintNodes(clock.Elapsed);
        return lost || checks.Lost ? 1 : 0;
    }

    private static async Task<(long Pending, long FailedAttempts)> PendingAsync(DrillSite site)
    {
        await using var db = new NpgsqlConnection(site.Cluster.ConnectionString);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FILTER (WHERE status = 'Pending'), coalesce(sum(attempts) FILTER (WHERE status = 'Pending'), 0) FROM approvalflow.notifications", db);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>Every notification of the database (the cycle's and the drill process's) against the mails received.</summary>
    private static async Task<bool> PrintAllAsync(DrillSite site)
    {
        await using var db = new NpgsqlConnection(site.Cluster.ConnectionString);
        await db.OpenAsync();
        var byStatus = new Dictionary<string, long>();
        var leads = new HashSet<string>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand("SELECT status, folded_into IS NULL, message_id, kind FROM approvalflow.notifications", db))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var key = $"{reader.GetString(3)} {reader.GetString(0)}{(reader.GetBoolean(1) ? string.Empty : " (folded)")}";
                byStatus[key] = byStatus.GetValueOrDefault(key) + 1;
                if (reader.GetString(0) == "Sent" && reader.GetBoolean(1))
                {
                    leads.Add(reader.GetString(2));
                }
            }
        }

        var received = site.Mail.Received;
        var missing = leads.Count(id => !received.ContainsKey(id));
        var twice = received.Count(r => r.Value > 1);
        var unknown = received.Count(r => !leads.Contains(r.Key));
        Console.WriteLine($"  all notifications: {string.Join(", ", byStatus.OrderBy(s => s.Key).Select(s => $"{s.Key} {s.Value}"))}");
        Console.WriteLine($"  mails sent {leads.Count}, received {site.Mail.Total}, missing {missing}, received twice {twice}, unknown {unknown}");
        return missing > 0 || twice > 0 || unknown > 0 || byStatus.Keys.Any(k => k.Contains("Pending", StringComparison.Ordinal) || k.Contains("Failed", StringComparison.Ordinal));
    }
}
