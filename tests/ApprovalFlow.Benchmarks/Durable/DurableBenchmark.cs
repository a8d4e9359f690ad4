using System.Globalization;
using System.Runtime.InteropServices;
using ApprovalFlow.Server.Data;
using Npgsql;

namespace ApprovalFlow.Benchmarks.Durable;

/// <summary>
/// The durable run (issue 3, "Speed"): the service on a fresh PostgreSQL database completes the tasks
/// of many 10-task sequences through the service layer, then through HTTP; pgbench's TPC-B-like tps on
/// the same database as the yardstick; then the inbox query at a million task rows. Prints figures,
/// asserts nothing.
/// </summary>
internal static class DurableBenchmark
{
    private const int DiagnosticInstances = 20;

    public static async Task<int> RunAsync(DurableOptions options)
    {
        var w = options.Workers;
        var perUser = (options.Instances + w - 1) / w;
        var warmPerUser = Math.Max(1, (options.WarmUpInstances + w - 1) / w);
        await using var database = await BenchmarkDatabase.CreateAsync(options.KeepDatabase);
        Print($"Durable benchmark: {w} workers, {perUser * w} sequences of {ServiceHost.TasksPerSequence} tasks per timed run ({warmPerUser * w} to warm up), "
            + $"{Environment.ProcessorCount} CPUs, {RuntimeInformation.OSDescription}, .NET {Environment.Version}");
        Print($"Database {database.Name} on {database.Host}:{database.Port}, {await ServerVersionAsync(database)}");

        await using var host = await ServiceHost.StartAsync(database.ConnectionString);
        var definition = await host.DeploySequenceAsync();

        // 1. Service layer.
        var serviceUsers = await CreateUsersAsync(host, "service", w);
        await CompletionRuns.ServiceLayerAsync(host, serviceUsers, await host.StartInstancesAsync(definition, serviceUsers, warmPerUser, w));
        var serviceInstances = await host.StartInstancesAsync(definition, serviceUsers, perUser, w);
        var cpu = CpuMeter.Now();
        var service = await CompletionRuns.ServiceLayerAsync(host, serviceUsers, serviceInstances);
        var serviceCpu = CpuMeter.Now() - cpu;
        PrintRun("1. Service layer (InstanceRunner.ExecuteAsync(CompleteUserTask))", service);
        Print($"   {serviceCpu.PerOperation(service.Completions)} ({Environment.ProcessorCount} CPUs: at most ~{Environment.ProcessorCount * 1000 / (serviceCpu.Service + serviceCpu.Postgres).TotalMilliseconds * service.Completions:F0} completions/s if CPU-bound)");
        Print($"   The pure engine step alone (same definition, in memory, one thread): {EngineStep.MeanMilliseconds(host.Services, definition, 200):F3} ms");
        Print("   Engine allocation per step (pure engine, bytes on the stepping thread; aim: under 10 KB with expressions):");
        foreach (var line in StepAllocation.Report())
        {
            Print("   " + line);
        }
        var (serviceCommands, serviceCommits, serviceAlone) = await CountAsync(database, async () =>
            await CompletionRuns.ServiceLayerAsync(host, serviceUsers[..1], await host.StartInstancesAsync(definition, serviceUsers[..1], DiagnosticInstances, 1)));
        Print($"   One worker, {DiagnosticInstances * ServiceHost.TasksPerSequence} completions, latency {Latencies.Summary(serviceAlone.Latencies)};");
        Print($"   {serviceCommits:F2} server transactions per completion (pg_stat_database.xact_commit: whole database, background and pool resets included)");
        Print(serviceCommands);

        // 2. HTTP.
        var httpUsers = await CreateUsersAsync(host, "http", w);
        var clients = await Task.WhenAll(httpUsers.Select(host.SignInAsync));
        await host.StartInstancesAsync(definition, httpUsers, warmPerUser, w);
        await CompletionRuns.HttpAsync(clients);
        await host.StartInstancesAsync(definition, httpUsers, perUser, w);
        cpu = CpuMeter.Now();
        var http = await CompletionRuns.HttpAsync(clients);
        var httpCpu = CpuMeter.Now() - cpu;
        PrintRun("2. HTTP (POST /api/tasks/{id}/complete on Kestrel, loopback, bearer tokens)", http);
        Print($"   {httpCpu.PerOperation(http.Completions)} (the service process includes the HTTP client here)");
        Print($"   Inbox reads between completions (GET /api/tasks?scope=mine&pageSize=200, {http.Lists.Length}): {Latencies.Summary(http.Lists)}");
        var (httpCommands, httpCommits, httpAlone) = await CountAsync(database, async () =>
        {
            await host.StartInstancesAsync(definition, httpUsers[..1], DiagnosticInstances, 1);
            return await CompletionRuns.HttpAsync(clients[..1]);
        });
        Print($"   One worker, {DiagnosticInstances * ServiceHost.TasksPerSequence} completions (plus {DiagnosticInstances * ServiceHost.TasksPerSequence / 200 + 1}+ inbox reads), latency {Latencies.Summary(httpAlone.Latencies)};");
        Print($"   {httpCommits:F2} server transactions per completion");
        Print(httpCommands);

        // 3. pgbench on the same database.
        await Pgbench.InitializeAsync(database, options.PgbenchScale);
        cpu = CpuMeter.Now();
        var (tps, report) = await Pgbench.RunAsync(database, w, options.PgbenchSeconds);
        var pgbenchCpu = CpuMeter.Now() - cpu;
        Print($"3. pgbench TPC-B-like (-i -s {options.PgbenchScale}; -c {w} -j 2 -T {options.PgbenchSeconds}) on {database.Name} [{Load()} at the end]:");
        Print(string.Join(Environment.NewLine, report.Split('\n').Where(l => l.StartsWith("number of", StringComparison.Ordinal) || l.StartsWith("latency", StringComparison.Ordinal) || l.StartsWith("tps", StringComparison.Ordinal)).Select(l => "   " + l.Trim())));
        Print(string.Create(CultureInfo.InvariantCulture, $"   PostgreSQL CPU per pgbench transaction: {pgbenchCpu.Postgres.TotalMilliseconds / (tps * options.PgbenchSeconds):F2} ms"));
        Print($"   durable/pgbench: service layer {service.PerSecond / tps:P0}, HTTP {http.PerSecond / tps:P0} (aim: at least 50 %)");

        if (options.InboxRows == 0)
        {
            return 0;
        }

        // 4. Inbox query at a million rows.
        var typical = await host.CreateUserAsync("inbox-typical");
        var heavy = await host.CreateUserAsync("inbox-heavy");
        var (added, took) = await InboxRun.SeedAsync(database, definition.Id, options.InboxRows, typical.Id, heavy.Id);
        Print($"4. Inbox: added {added:N0} task rows in {took.TotalSeconds:F0} s (VACUUM ANALYZE included); {await TaskMixAsync(database, typical.Id, heavy.Id)}");
        var (countSql, pageSql) = InboxRun.GeneratedSql(host.Services, typical.Id);
        Print("   The API's queries for scope=mine, status=open, page 1 (EF Core's ToQueryString):");
        Print(Indent(countSql));
        Print(Indent(pageSql));
        var inbox = new List<(string What, double[] Sorted)>();
        foreach (var (label, user) in new[] { ("typical user", typical), ("heavy user", heavy) })
        {
            using var client = await host.SignInAsync(user);
            var (count, page) = InboxRun.GeneratedSql(host.Services, user.Id);
            inbox.Add(($"HTTP GET /api/tasks?scope=mine, {label}", await InboxRun.TimeHttpAsync(client, options.InboxRuns)));
            inbox.Add(($"EF Core count + page as the endpoint, {label}", await InboxRun.TimeEfAsync(host.Services, user.Id, options.InboxRuns)));
            inbox.Add(($"SQL page query, {label}", await InboxRun.TimeSqlAsync(database, page, options.InboxRuns)));
            inbox.Add(($"SQL count query, {label}", await InboxRun.TimeSqlAsync(database, count, options.InboxRuns)));
        }

        foreach (var (what, sorted) in inbox)
        {
            Print($"   {what,-55} {Latencies.Summary(sorted)}");
        }

        foreach (var (label, user) in new[] { ("typical user", typical), ("heavy user", heavy) })
        {
            var (count, page) = InboxRun.GeneratedSql(host.Services, user.Id);
            Print($"   EXPLAIN (ANALYZE, BUFFERS) page query, {label}:");
            Print(Indent(await InboxRun.ExplainAsync(database, page)));
            Print($"   EXPLAIN (ANALYZE, BUFFERS) count query, {label}:");
            Print(Indent(await InboxRun.ExplainAsync(database, count)));
        }

        Print("Summary");
        Print($"   service layer  {service.PerSecond,8:F0} completions/s  p50 {Latencies.Percentile(service.Latencies, 50):F2} ms  p95 {Latencies.Percentile(service.Latencies, 95):F2} ms  p99 {Latencies.Percentile(service.Latencies, 99):F2} ms");
        Print($"   HTTP           {http.PerSecond,8:F0} completions/s  p50 {Latencies.Percentile(http.Latencies, 50):F2} ms  p95 {Latencies.Percentile(http.Latencies, 95):F2} ms  p99 {Latencies.Percentile(http.Latencies, 99):F2} ms");
        Print($"   pgbench        {tps,8:F0} tps           ratio service/pgbench {service.PerSecond / tps:F2}, HTTP/pgbench {http.PerSecond / tps:F2} (aim >= 0.50)");
        Print($"   inbox (HTTP, typical user, {options.InboxRows:N0} rows) p50 {Latencies.Percentile(inbox[0].Sorted, 50):F2} ms  p95 {Latencies.Percentile(inbox[0].Sorted, 95):F2} ms (aim p95 < 10 ms)");
        Print($"   inbox (HTTP, heavy user)   p50 {Latencies.Percentile(inbox[4].Sorted, 50):F2} ms  p95 {Latencies.Percentile(inbox[4].Sorted, 95):F2} ms");
        return 0;
    }

    private static async Task<ApplicationUser[]> CreateUsersAsync(ServiceHost host, string prefix, int count)
    {
        var users = new ApplicationUser[count];
        for (var i = 0; i < count; i++)
        {
            users[i] = await host.CreateUserAsync(string.Create(CultureInfo.InvariantCulture, $"{prefix}-{i:D3}"));
        }

        return users;
    }

    /// <summary>Runs <paramref name="run"/> while counting this process's commands and the database's commits.</summary>
    private static async Task<(string Commands, double CommitsPerCompletion, CompletionRun Run)> CountAsync(BenchmarkDatabase database, Func<Task<CompletionRun>> run)
    {
        using var counter = new CommandCounter(); // only here: listening costs time in the timed runs.
        var before = await CommandCounter.CommittedAsync(database);
        var result = await run();
        var after = await CommandCounter.CommittedAsync(database);
        return (counter.Report(result.Completions), (double)(after - before) / result.Completions, result);
    }

    private static async Task<string> TaskMixAsync(BenchmarkDatabase database, string typical, string heavy)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT count(*), count(*) FILTER (WHERE status = 'Open'), count(DISTINCT assignee),
                   count(*) FILTER (WHERE assignee = @typical AND status = 'Open'), count(*) FILTER (WHERE assignee = @typical),
                   count(*) FILTER (WHERE assignee = @heavy AND status = 'Open'), count(*) FILTER (WHERE assignee = @heavy)
            FROM approvalflow.user_tasks
            """, connection);
        command.Parameters.AddWithValue("typical", typical);
        command.Parameters.AddWithValue("heavy", heavy);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return string.Create(CultureInfo.InvariantCulture,
            $"{reader.GetInt64(0):N0} rows, {reader.GetInt64(1):N0} open, {reader.GetInt64(2):N0} assignees; typical user {reader.GetInt64(3)} open of {reader.GetInt64(4)}, heavy user {reader.GetInt64(5):N0} open of {reader.GetInt64(6):N0}");
    }

    private static async Task<string> ServerVersionAsync(BenchmarkDatabase database)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT version() || ', shared_buffers ' || current_setting('shared_buffers') || ', synchronous_commit ' || current_setting('synchronous_commit') || ', fsync ' || current_setting('fsync')", connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The machine's 1-minute load average (other work on a shared machine skews the figures).</summary>
    private static string Load() => File.Exists("/proc/loadavg") ? $"load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}" : "";

    private static void PrintRun(string title, CompletionRun run)
    {
        Print($"{title} [{Load()} at the end]");
        Print($"   {run.Completions:N0} completions in {run.Elapsed.TotalSeconds:F2} s = {run.PerSecond:F0} completions/s; latency {Latencies.Summary(run.Latencies)}");
    }

    private static string Indent(string text) => string.Join(Environment.NewLine, text.TrimEnd().Split('\n').Select(l => "      " + l.TrimEnd('\r')));

    private static void Print(string line) => Console.WriteLine(line);
}
