using System.Globalization;
using ApprovalFlow.Benchmarks.Durable;
using ApprovalFlow.Bpmn.Model;
using ApprovalFlow.Server.Features.Definitions;
using ApprovalFlow.Server.Features.Monitoring;
using ApprovalFlow.Server.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ApprovalFlow.Benchmarks.Monitoring;

/// <summary>
/// The statistics of a definition version (<see cref="VersionStatistics"/>, what
/// <c>GET /api/definitions/{key}/versions/{v}/statistics</c> and the monitor page compute) for a version with
/// <c>--instances</c> instances (a quarter completed, the others waiting at one of its ten user tasks) and about
/// a hundred history events each, beside as many instances and events of another process: p50/p95 of the whole
/// statistics and of one page of the instances waiting at a node, and the EXPLAIN (ANALYZE, BUFFERS) of their
/// queries. Not a test: run it by hand (<c>monitor [--instances N] [--runs N] [--keep-database]</c>).
/// </summary>
internal static class MonitorBenchmark
{
    /// <summary>Events of one passed user task: entered, created, claimed, 12 comments or reminders, completed, left.</summary>
    private const int EventsPerNode = 16;

    public static async Task<int> RunAsync(string[] args)
    {
        var instances = 1_000;
        var runs = 100;
        var keep = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--instances": instances = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--runs": runs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--keep-database": keep = true; break;
                default: throw new ArgumentException($"Unknown option '{args[i]}'. Options: --instances N --runs N --keep-database");
            }
        }

        await using var database = await BenchmarkDatabase.CreateAsync(keep, "approvalflow_monitor");
        await using var host = await ServiceHost.StartAsync(database.ConnectionString);
        var definition = await host.DeploySequenceAsync();
        var other = await DeployAsync(host, "bench-other-sequence");
        var nodes = definition.Process.Definition.Nodes.Values.OfType<UserTask>().OrderBy(n => n.Position.Line).Select(n => n.Id).ToArray();
        var started = DateTimeOffset.UtcNow;
        var events = await SeedAsync(database, definition, nodes, instances);
        var otherEvents = await SeedAsync(database, other, other.Process.Definition.Nodes.Values.OfType<UserTask>().OrderBy(n => n.Position.Line).Select(n => n.Id).ToArray(), instances);
        await ExecuteAsync(database, "ANALYZE");
        Console.WriteLine($"Monitor: {instances:N0} instances with {events:N0} history events of '{definition.Key}' v{definition.Version}, beside {instances:N0} and {otherEvents:N0} of '{other.Key}'; seeded in {(DateTimeOffset.UtcNow - started).TotalSeconds:F0} s (ANALYZE included).");

        var busiest = nodes[1];
        var statistics = await TimeAsync(host, runs, s => s.DescribeAsync(definition, CancellationToken.None));
        var waiting = await TimeAsync(host, runs, s => s.WaitingAsync(definition, busiest, 1, 20, CancellationToken.None));
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var service = scope.ServiceProvider.GetRequiredService<VersionStatistics>();
            var figures = await service.DescribeAsync(definition, CancellationToken.None);
            var node = figures.Nodes.Single(n => n.NodeId == busiest);
            Console.WriteLine($"   {busiest}: waiting {node.Waiting}, completed {node.Completed}, median {node.MedianSeconds:F0} s, p90 {node.P90Seconds:F0} s; {figures.RunningInstances} running.");
            foreach (var (label, sql) in new[]
            {
                ("time at each node (history)", service.Durations(definition.Id).ToQueryString()),
                ("tokens at each node (state)", service.WaitingTokens(definition.Id).ToQueryString()),
                ($"a page of the instances waiting at {busiest}", service.WaitingInstances(definition.Id, busiest, 0, 20).ToQueryString()),
            })
            {
                Console.WriteLine($"   EXPLAIN (ANALYZE, BUFFERS), {label}:");
                Console.WriteLine(string.Join('\n', (await InboxRun.ExplainAsync(database, sql)).Split('\n').Select(line => "      " + line)));
            }
        }

        Console.WriteLine("Summary (VersionStatistics through EF Core, in-process, warm):");
        Console.WriteLine($"   statistics of the version            {Latencies.Summary(statistics)}");
        Console.WriteLine($"   page of the instances waiting at a node {Latencies.Summary(waiting)}");
        return 0;
    }

    private static async Task<DeployedDefinition> DeployAsync(ServiceHost host, string key)
    {
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DefinitionDeployer>().DeployAsync(Processes.SequenceXml(key, ServiceHost.TasksPerSequence, "${initiator}"), DefinitionDeployer.SystemUser, CancellationToken.None);
        }

        return await host.Services.GetRequiredService<DefinitionCatalog>().FindAsync(key, null, CancellationToken.None)
            ?? throw new InvalidOperationException($"'{key}' did not deploy.");
    }

    /// <summary>
    /// Inserts <paramref name="count"/> instances of <paramref name="definition"/>: every fourth completed (all ten
    /// tasks passed), the others with one token at task <c>g % 10</c> after the ones before it; each passed task
    /// took between 0 and 4 days. Returns the history events added.
    /// </summary>
    private static async Task<long> SeedAsync(BenchmarkDatabase database, DeployedDefinition definition, string[] nodes, int count)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"""
            CREATE TEMP TABLE seeded AS
            SELECT gen_random_uuid() AS id, g, (g % 4 = 0) AS done, CASE WHEN g % 4 = 0 THEN 10 ELSE g % 10 END AS passed
            FROM generate_series(1, @count) g;

            INSERT INTO approvalflow.process_instances (id, definition_id, definition_key, definition_version, business_key, status, state, root_instance_id, started_at, ended_at, version)
            SELECT s.id, @definition, @key, @version, @key || '-' || s.g, CASE WHEN s.done THEN 'Completed' ELSE 'Active' END,
                   jsonb_build_object('instanceId', s.id::text, 'definitionKey', @key, 'definitionVersion', @version, 'status', CASE WHEN s.done THEN 'Completed' ELSE 'Active' END,
                       'executions', CASE WHEN s.done THEN '[]'::jsonb ELSE jsonb_build_array(
                           jsonb_build_object('id', 'e1', 'nodeId', @key, 'kind', 'Root', 'status', 'Scope'),
                           jsonb_build_object('id', 'e2', 'parentId', 'e1', 'nodeId', (@nodes)[s.passed + 1], 'kind', 'Token', 'status', 'Waiting')) END),
                   s.id, now() - interval '60 days', CASE WHEN s.done THEN now() END, 1
            FROM seeded s;

            INSERT INTO approvalflow.history_events (instance_id, at, type, node_id, execution_id)
            SELECT s.id,
                   now() - interval '60 days' + n * interval '5 days' + CASE WHEN e = {EventsPerNode - 1} THEN random() * interval '4 days' ELSE e * interval '1 minute' END,
                   CASE e WHEN 0 THEN 'NodeEntered' WHEN 1 THEN 'TaskCreated' WHEN 2 THEN 'TaskClaimed' WHEN {EventsPerNode - 2} THEN 'TaskCompleted' WHEN {EventsPerNode - 1} THEN 'NodeLeft' ELSE 'TaskCommented' END,
                   (@nodes)[n + 1], 'e2'
            FROM seeded s
            CROSS JOIN LATERAL generate_series(0, CASE WHEN s.done THEN 9 ELSE s.passed END) n
            CROSS JOIN LATERAL generate_series(0, CASE WHEN n < s.passed THEN {EventsPerNode - 1} ELSE 2 END) e
            ORDER BY s.g, n, e;

            DROP TABLE seeded;
            """, connection);
        command.Parameters.AddWithValue("count", count);
        command.Parameters.AddWithValue("definition", definition.Id);
        command.Parameters.AddWithValue("key", definition.Key);
        command.Parameters.AddWithValue("version", definition.Version);
        command.Parameters.AddWithValue("nodes", nodes);
        await command.ExecuteNonQueryAsync();
        await using var events = new NpgsqlCommand("SELECT count(*) FROM approvalflow.history_events h JOIN approvalflow.process_instances i ON i.id = h.instance_id WHERE i.definition_id = @definition", connection);
        events.Parameters.AddWithValue("definition", definition.Id);
        return (long)(await events.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(BenchmarkDatabase database, string sql)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Times <paramref name="run"/> on a fresh scope (a new DbContext, as one request has) <paramref name="runs"/> times after a tenth as many warm-up runs.</summary>
    private static async Task<double[]> TimeAsync<T>(ServiceHost host, int runs, Func<VersionStatistics, Task<T>> run)
    {
        var latencies = new Latencies();
        for (var i = -runs / 10; i < runs; i++)
        {
            await using var scope = host.Services.CreateAsyncScope();
            var service = scope.ServiceProvider.GetRequiredService<VersionStatistics>();
            if (i < 0)
            {
                await run(service);
            }
            else
            {
                await latencies.TimeAsync(() => run(service));
            }
        }

        return Latencies.Merge([latencies]);
    }
}
