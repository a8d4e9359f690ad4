using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Runtime;
using ApprovalFlow.Server.Runtime.Signals;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ApprovalFlow.Benchmarks.Signals;

/// <summary>
/// Signal fan-out on the real service (in-process host, its Hangfire server and outbox dispatcher) on a
/// fresh PostgreSQL database: N instances wait at a signal catch event; one broadcast (what
/// <c>POST /api/signals</c> does) reaches them all, each in a transaction of its own. Prints the time to
/// record the broadcast, to the first and to the last delivery, and the deliveries per second; checks that
/// every instance received the signal exactly once.
/// </summary>
internal static class SignalFanOutBenchmark
{
    private const string Xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="benchSignals" targetNamespace="http://approvalflow.test/benchmarks">
          <bpmn:signal id="decided" name="bench-plan-decided" />
          <bpmn:process id="bench-signal" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait" />
            <bpmn:intermediateCatchEvent id="wait"><bpmn:signalEventDefinition signalRef="decided" /></bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="end" />
            <bpmn:endEvent id="end" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        var (instances, workers, keep) = Parse(args);
        await using var database = await BenchmarkDatabase.CreateAsync(keep, "approvalflow_bench_signals");
        var workflows = Directory.CreateTempSubdirectory("approvalflow-bench-workflows");
        await using var factory = new WebApplicationFactory<global::Program>().WithWebHostBuilder(web =>
        {
            web.UseSolutionRelativeContentRoot(Path.Combine("src", "ApprovalFlow.Server"));
            web.UseEnvironment("Staging"); // not Production: the local cluster uses trust authentication, which Production refuses
            web.UseSetting("ConnectionStrings:ApprovalFlow", database.ConnectionString);
            web.UseSetting("Seed:Demo", "false");
            web.UseSetting("Workflows:Directory", workflows.FullName);
            web.UseSetting("Logging:LogLevel:Default", "Warning");
            web.UseSetting("Logging:LogLevel:ApprovalFlow", "Warning");
            if (workers is { } count)
            {
                web.UseSetting("Runtime:WorkerCount", count.ToString(CultureInfo.InvariantCulture));
            }
        });
        using (var probe = factory.CreateClient())
        {
            (await probe.GetAsync(new Uri("/health/ready", UriKind.Relative))).EnsureSuccessStatusCode();
        }

        var services = factory.Services;
        var runtime = services.GetRequiredService<IOptions<RuntimeOptions>>().Value;
        Console.WriteLine($"Signal fan-out benchmark: {instances} waiting instances, one broadcast; Hangfire WorkerCount {runtime.WorkerCount}, {SignalBroadcaster.ChunkSize} targets per job; {Environment.ProcessorCount} CPUs; database {database.Name}.");
        await DeployAsync(services);
        var definition = (await services.GetRequiredService<DefinitionCatalog>().FindAsync("bench-signal", null, CancellationToken.None))!;
        var runner = services.GetRequiredService<InstanceRunner>();
        var created = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, instances), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (_, token) =>
            await runner.StartAsync(definition, null, null, null, token));
        Console.WriteLine($"Started {instances} waiting instances in {created.Elapsed.TotalSeconds:F1} s.");

        var sent = Stopwatch.StartNew();
        var sentAt = DateTimeOffset.UtcNow;
        SignalBroadcast broadcast;
        await using (var scope = services.CreateAsyncScope())
        {
            broadcast = await scope.ServiceProvider.GetRequiredService<SignalBroadcaster>().BroadcastAsync(Guid.CreateVersion7(), "bench-plan-decided", null, null, "benchmark", CancellationToken.None);
        }

        var recorded = sent.Elapsed;
        Console.WriteLine($"Broadcast recorded ({broadcast.Instances} instances, {broadcast.Subscriptions} subscriptions) in {recorded.TotalMilliseconds:F0} ms.");
        var deadline = DateTimeOffset.UtcNow.AddMinutes(30);
        while (await ScalarAsync(database, $"SELECT count(*) FROM approvalflow.signal_delivery_targets WHERE delivery_id = '{broadcast.DeliveryId}' AND delivered_at IS NULL") > 0)
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new InvalidOperationException("The signal did not reach every instance within 30 minutes.");
            }

            await Task.Delay(100);
        }

        var (first, last) = await DeliveryTimesAsync(database, broadcast.DeliveryId);
        var received = await ScalarAsync(database, "SELECT count(*) FROM approvalflow.history_events WHERE type = 'SignalReceived'");
        var distinct = await ScalarAsync(database, "SELECT count(DISTINCT instance_id) FROM approvalflow.history_events WHERE type = 'SignalReceived'");
        var completed = await ScalarAsync(database, "SELECT count(*) FROM approvalflow.process_instances WHERE status = 'Completed'");
        var toLast = (last - sentAt).TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"First delivery {(first - sentAt).TotalSeconds:F2} s, last delivery {toLast:F2} s after the broadcast: {instances / toLast:F0} deliveries/s."));
        Console.WriteLine($"Exactly once: {received} SignalReceived events for {distinct} distinct instances of {instances}; {completed} instances completed.");
        return received == instances && distinct == instances && completed == instances ? 0 : 1;
    }

    private static (int Instances, int? Workers, bool Keep) Parse(string[] args)
    {
        var (instances, workers, keep) = (10_000, (int?)null, false);
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--instances":
                    instances = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--workers":
                    workers = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--keep":
                    keep = true;
                    break;
                default:
                    throw new ArgumentException($"Unknown argument {args[i]}; expected --instances, --workers, --keep.");
            }
        }

        return (instances, workers, keep);
    }

    private static async Task DeployAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
        db.Definitions.Add(new ProcessDefinitionRecord
        {
            Id = Guid.CreateVersion7(), Key = "bench-signal", Version = 1, Name = "bench-signal", BpmnXml = Xml,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Xml))), DeployedAt = DateTimeOffset.UtcNow, DeployedBy = "benchmark",
        });
        await db.SaveChangesAsync();
    }

    private static async Task<(DateTimeOffset First, DateTimeOffset Last)> DeliveryTimesAsync(BenchmarkDatabase database, Guid deliveryId)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT min(delivered_at), max(delivered_at) FROM approvalflow.signal_delivery_targets WHERE delivery_id = @id", connection);
        command.Parameters.AddWithValue("id", deliveryId);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetFieldValue<DateTimeOffset>(0), reader.GetFieldValue<DateTimeOffset>(1));
    }

    private static async Task<long> ScalarAsync(BenchmarkDatabase database, string sql)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}
