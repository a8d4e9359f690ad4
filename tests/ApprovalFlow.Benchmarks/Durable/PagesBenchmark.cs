using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using ApprovalFlow.Server.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ApprovalFlow.Benchmarks.Durable;

/// <summary>
/// The inbox and task PAGES under concurrent use (issue 15): a fresh database grown to <c>--rows</c> task rows with
/// <see cref="InboxRun"/>'s synthetic mix, <c>--users</c> distinct accounts that are synthetic assignees (each in one of
/// the 50 offering groups, each with one real task of a deployed sequence besides its synthetic ones), each signed in
/// with the sign-in page's cookie and looping over the inbox variants of <see cref="InboxPageBenchmark"/> and the task
/// page of a task it may see, <c>--requests</c> each or until <c>--seconds</c> have passed (loopback only). Prints the
/// SERVER time per page (<see cref="ServerTimings"/>), the client time for reference, and the task page's plans
/// (<see cref="TaskPagePlans"/>). Not a test: run it by hand (<c>pages [--rows N] [--users N] [--requests N] [--seconds N] [--think-ms N] [--keep-database]</c>).
/// <c>--think-ms</c> (default 0: a closed loop, each user sends its next request as soon as the last one answered, so
/// the server is saturated and its times are mostly queueing) makes each user wait a think time between requests,
/// uniformly drawn from half to one and a half times the value (seeded), as people reading a page do.
/// </summary>
internal static class PagesBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var (rows, users, requests, seconds, thinkMs, keep) = (1_000_000, 100, 40, 300, 0, false);
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--rows": rows = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--users": users = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--requests": requests = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--seconds": seconds = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--think-ms": thinkMs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--keep-database": keep = true; break;
                default: throw new ArgumentException($"Unknown option '{args[i]}'. Options: --rows N --users N --requests N --seconds N --think-ms N --keep-database");
            }
        }

        await using var database = await BenchmarkDatabase.CreateAsync(keep, "approvalflow_pages");
        // Fewer PBKDF2 iterations for the accounts made and signed in here (a hundred at 100,000 took minutes on a loaded machine);
        // the timed pages are cookie-signed and hash nothing.
        await using var host = await ServiceHost.StartAsync(database.ConnectionString,
            web => web.ConfigureServices(services => services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1000)));
        var definition = await host.DeploySequenceAsync();
        // Synthetic assignees 'bench-user-N' (N < 2001; 7 is the typical user's share, never an id): every 20th from 1.
        var accounts = new List<ApplicationUser>();
        for (var u = 0; u < users; u++)
        {
            accounts.Add(await host.CreateUserAsync($"pages-{u}", $"bench-user-{1 + (20 * u % 2000)}"));
        }

        await InboxPageBenchmark.JoinGroupsAsync(host, [.. accounts.Select(a => (a.Id, $"group-{int.Parse(a.Id["bench-user-".Length..], CultureInfo.InvariantCulture) % 50}"))]);
        await host.StartInstancesAsync(definition, accounts, 1, 4);
        var (added, took) = await InboxRun.SeedAsync(database, definition.Id, rows, "bench-typical", "bench-heavy");
        await AddPlanCycleAsync(database, definition.Id);
        var tasks = await TasksOfAsync(database, accounts.Select(a => a.Id).ToArray());
        Console.WriteLine($"Pages: {added:N0} task rows added in {took.TotalSeconds:F0} s (VACUUM ANALYZE included); {users} users, {requests} requests each (half inbox variants, half task pages), at most {seconds} s, " +
            (thinkMs == 0 ? "closed loop without think time (saturates the server)." : $"think time {thinkMs / 2}–{thinkMs * 3 / 2} ms between a user's requests."));

        var clients = new HttpClient[users];
        await Parallel.ForEachAsync(Enumerable.Range(0, users), new ParallelOptions { MaxDegreeOfParallelism = 4 },
            async (u, _) => clients[u] = await InboxPageBenchmark.SignInWithCookieAsync(host, accounts[u].Email!));
        try
        {
            using var timings = new ServerTimings();
            await DriveAsync(clients, accounts, tasks, 4, TimeSpan.FromSeconds(seconds), 0); // warm-up, not measured
            timings.Reset();
            var load = File.ReadAllText("/proc/loadavg").Trim();
            var cpu = CpuMeter.Now();
            var wall = Stopwatch.StartNew();
            var (inbox, task) = await DriveAsync(clients, accounts, tasks, requests, TimeSpan.FromSeconds(seconds), thinkMs);
            wall.Stop();
            cpu = CpuMeter.Now() - cpu;
            var byRoute = timings.ByRoute();
            var summary = new List<string>
            {
                string.Create(CultureInfo.InvariantCulture, $"   load average before: {load}; after: {File.ReadAllText("/proc/loadavg").Trim()}"),
                string.Create(CultureInfo.InvariantCulture, $"   {timings.Count} requests in {wall.Elapsed.TotalSeconds:F1} s ({timings.Count / wall.Elapsed.TotalSeconds:F0}/s), {users} concurrent users; CPU per request: service process (with the driver) {cpu.Service.TotalMilliseconds / timings.Count:F2} ms, PostgreSQL {cpu.Postgres.TotalMilliseconds / timings.Count:F2} ms"),
            };
            foreach (var (route, sorted) in byRoute.OrderByDescending(r => r.Value.Length))
            {
                summary.Add($"   server {Label(route),-22} {Latencies.Summary(sorted)}");
            }

            summary.Add($"   client inbox page            {Latencies.Summary(inbox)}");
            summary.Add($"   client task page             {Latencies.Summary(task)}");
            Console.WriteLine("   Task page plans (auto_explain, one request by the first user):");
            Console.WriteLine(await TaskPagePlans.CaptureAsync(database, clients[0], $"/tasks/{tasks[accounts[0].Id][^1]}"));
            Console.WriteLine("   Inbox page plans (auto_explain, /?tab=mine by the first user):");
            Console.WriteLine(await TaskPagePlans.CaptureAsync(database, clients[0], "/?tab=mine"));
            Console.WriteLine("Summary (inbox and task pages under concurrent users, server time from http.server.request.duration):");
            summary.ForEach(Console.WriteLine);
        }
        finally
        {
            Array.ForEach(clients, c => c?.Dispose());
        }

        return 0;
    }

    private static string Label(string route) => route switch
    {
        "" or "/" => "inbox page (/)",
        _ when route.StartsWith("tasks/", StringComparison.Ordinal) || route.StartsWith("/tasks/", StringComparison.Ordinal) => "task page (/tasks/{id})",
        _ => route,
    };

    /// <summary>
    /// Every user requests, in turn, an inbox variant and the page of one of its tasks, <paramref name="requests"/> times
    /// or until <paramref name="limit"/> has passed; all users at once, each waiting a think time of
    /// [<paramref name="thinkMs"/>/2, 3·<paramref name="thinkMs"/>/2) ms before each request but its first (none when 0).
    /// Returns the client times of both pages.
    /// </summary>
    private static async Task<(double[] Inbox, double[] Task)> DriveAsync(HttpClient[] clients, List<ApplicationUser> accounts, Dictionary<string, Guid[]> tasks, int requests, TimeSpan limit, int thinkMs)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(limit.TotalSeconds * Stopwatch.Frequency);
        var inbox = new Latencies[clients.Length];
        var task = new Latencies[clients.Length];
        await Task.WhenAll(Enumerable.Range(0, clients.Length).Select(u => Task.Run(async () =>
        {
            (inbox[u], task[u]) = (new Latencies(), new Latencies());
            var mine = tasks[accounts[u].Id];
            var random = new Random(u);
            for (var i = 0; i < requests && Stopwatch.GetTimestamp() < deadline; i++)
            {
                if (thinkMs > 0 && i > 0)
                {
                    await Task.Delay((thinkMs / 2) + random.Next(thinkMs));
                }

                var url = i % 2 == 0 ? InboxPageBenchmark.Variants[(u + (i / 2)) % InboxPageBenchmark.Variants.Length] : $"/tasks/{mine[i / 2 % mine.Length]}";
                await (i % 2 == 0 ? inbox[u] : task[u]).TimeAsync(() => GetAsync(clients[u], url));
            }
        })));
        return (Latencies.Merge(inbox), Latencies.Merge(task));
    }

    private static async Task<int> GetAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode}.");
        }

        return (await response.Content.ReadAsByteArrayAsync()).Length;
    }

    /// <summary>
    /// A plan cycle's root instance (definition key <c>mid-term-plan</c>), as every real deployment has: the pages' navigation asks
    /// whether the user reads a cycle, which searches the user's tasks only when one exists.
    /// </summary>
    private static async Task AddPlanCycleAsync(BenchmarkDatabase database, Guid definitionId)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO approvalflow.process_instances (id, definition_id, definition_key, definition_version, status, state, root_instance_id, started_at, version)
            SELECT id, @definition, 'mid-term-plan', 1, 'Active', jsonb_build_object('instanceId', id, 'definitionKey', 'mid-term-plan', 'definitionVersion', 1), id, now(), 1
            FROM (SELECT md5('bench-plan-cycle')::uuid AS id) AS cycle
            """, connection);
        command.Parameters.AddWithValue("definition", definitionId);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Up to ten tasks per user that it may see (assigned to it, open or closed), its real one last.</summary>
    private static async Task<Dictionary<string, Guid[]>> TasksOfAsync(BenchmarkDatabase database, string[] users)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT assignee, array_agg(id ORDER BY real, id) FROM (
                SELECT assignee, id, definition_key <> 'inbox-filler' AS real,
                       row_number() OVER (PARTITION BY assignee ORDER BY definition_key <> 'inbox-filler' DESC, md5(id::text)) AS n
                FROM approvalflow.user_tasks WHERE assignee = ANY(@users)) AS t
            WHERE n <= 10 GROUP BY assignee
            """, connection);
        command.Parameters.AddWithValue("users", users);
        var result = new Dictionary<string, Guid[]>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            result[reader.GetString(0)] = reader.GetFieldValue<Guid[]>(1);
        }

        return users.All(result.ContainsKey) ? result : throw new InvalidOperationException($"Some users have no task: {JsonSerializer.Serialize(users.Where(u => !result.ContainsKey(u)))}.");
    }
}
