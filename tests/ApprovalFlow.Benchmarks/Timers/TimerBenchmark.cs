using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ApprovalFlow.Engine.Commands;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Runtime;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ApprovalFlow.Benchmarks.Timers;

/// <summary>
/// Timers on the real service (in-process host, its timer poller and Hangfire server) on a fresh
/// PostgreSQL database: sets N pending timers due over a short window, measures the cost of
/// cancelling one timer while they are pending (the engine step that deletes its row), then lets them
/// fire and measures the burst lateness (the firing step's time, history <c>at</c>, minus the due
/// time) p50/p95/max, broken down by Hangfire's states (of the job that fired it, which may fire other timers too),
/// checks that each fired once with one job, and prints the work per timer fired (database commits, round trips).
/// </summary>
internal static class TimerBenchmark
{
    private const string Xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="benchTimers" targetNamespace="http://approvalflow.test/benchmarks">
          <bpmn:process id="bench-timer" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="pause" />
            <bpmn:intermediateCatchEvent id="pause"><bpmn:timerEventDefinition><bpmn:timeDate>${due}</bpmn:timeDate></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="f2" sourceRef="pause" targetRef="end" />
            <bpmn:endEvent id="end" />
          </bpmn:process>
          <bpmn:process id="bench-cancel" isExecutable="true">
            <bpmn:startEvent id="cStart" />
            <bpmn:sequenceFlow id="c1" sourceRef="cStart" targetRef="review" />
            <bpmn:userTask id="review" camunda:assignee="bench" />
            <bpmn:boundaryEvent id="late" attachedToRef="review"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
            <bpmn:sequenceFlow id="c2" sourceRef="late" targetRef="cLate" />
            <bpmn:endEvent id="cLate" />
            <bpmn:sequenceFlow id="c3" sourceRef="review" targetRef="cDone" />
            <bpmn:endEvent id="cDone" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private const int WarmUp = 10;

    public static async Task<int> RunAsync(TimerOptions options)
    {
        var run = Stopwatch.StartNew();
        await using var database = await BenchmarkDatabase.CreateAsync(options.Keep, "approvalflow_bench_timers");
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
            if (options.Workers is { } workers)
            {
                web.UseSetting("Runtime:WorkerCount", workers.ToString(CultureInfo.InvariantCulture));
            }
        });
        using (var probe = factory.CreateClient())
        {
            (await probe.GetAsync(new Uri("/health/ready", UriKind.Relative))).EnsureSuccessStatusCode();
        }

        var services = factory.Services;
        var runtime = services.GetRequiredService<IOptions<RuntimeOptions>>().Value;
        Console.WriteLine($"Timers benchmark: {options.Timers} timers due over {options.WindowSeconds} s starting {options.LeadSeconds} s after the start of the run; {options.Cancels} cancellations each way (+{WarmUp} warm-up).");
        Console.WriteLine($"Settings: Hangfire WorkerCount {runtime.WorkerCount}, QueuePollInterval 250 ms (RuntimeModule); timer poller claims {ApprovalFlow.Server.Runtime.Timers.TimerPoller.BatchSize} rows per statement, {ApprovalFlow.Server.Runtime.Timers.TimerPoller.TimersPerJob} timers per Hangfire job, TimerPollInterval {runtime.TimerPollInterval.TotalSeconds:F1} s; {Environment.ProcessorCount} CPUs; database {database.Name}.");

        await DeployAsync(services);
        var catalog = services.GetRequiredService<DefinitionCatalog>();
        var runner = services.GetRequiredService<InstanceRunner>();
        var timerDefinition = (await catalog.FindAsync("bench-timer", null, CancellationToken.None))!;
        var cancelDefinition = (await catalog.FindAsync("bench-cancel", null, CancellationToken.None))!;

        // 1. Instances: the cancel ones first (boundary timers due in an hour), then the timers in due order.
        var created = Stopwatch.StartNew();
        var cancelCount = options.Cancels + WarmUp;
        var cancelIds = new Guid[2 * cancelCount];
        await Parallel.ForEachAsync(Enumerable.Range(0, cancelIds.Length), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, token) =>
            cancelIds[i] = (await runner.StartAsync(cancelDefinition, null, null, null, token)).Id);
        var firstDue = DateTimeOffset.UtcNow - run.Elapsed + TimeSpan.FromSeconds(options.LeadSeconds);
        await Parallel.ForEachAsync(Enumerable.Range(0, options.Timers), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, token) =>
        {
            var due = firstDue + (TimeSpan.FromSeconds(options.WindowSeconds) * i / options.Timers);
            var variables = new Dictionary<string, JsonElement>(StringComparer.Ordinal) { ["due"] = JsonSerializer.SerializeToElement(due.ToString("yyyy-MM-dd'T'HH:mm:ss.fffZ", CultureInfo.InvariantCulture)) };
            await runner.StartAsync(timerDefinition, null, variables, null, token);
        });
        Console.WriteLine($"Started {cancelIds.Length + options.Timers} instances in {created.Elapsed.TotalSeconds:F1} s.");

        // 2. Every timer is a row committed with its step; none is in Hangfire before it is due.
        var expected = cancelIds.Length + options.Timers;
        var pending = await ScalarAsync(database, "SELECT count(*) FROM approvalflow.timers WHERE hangfire_job_id IS NULL");
        var setAt = DateTimeOffset.UtcNow;
        Console.WriteLine($"{pending} of {expected} timer rows pending {created.Elapsed.TotalSeconds:F1} s after the first start; {(firstDue - setAt).TotalSeconds:F1} s before the first due time.");
        if (setAt > firstDue)
        {
            Console.WriteLine("WARNING: set-up finished after the first due time; the lateness below includes set-up. Raise --lead.");
        }

        var timers = await TimersAsync(database);

        // 3. Cancel one timer, two ways, while the others are pending: the engine step (its transaction deletes the
        // timer row, nothing else), and the row delete alone on the other half.
        var tasks = await TaskIdsAsync(database);
        var stepTimes = new List<double>();
        foreach (var id in cancelIds.Take(cancelCount))
        {
            var watch = Stopwatch.StartNew();
            var outcome = await runner.ExecuteAsync(id, new CompleteUserTask(tasks[id], "bench"), CancellationToken.None);
            watch.Stop();
            if (outcome is not CommandOutcome.Applied)
            {
                throw new InvalidOperationException($"Completing the task of {id} gave {outcome}.");
            }

            stepTimes.Add(watch.Elapsed.TotalMilliseconds);
        }

        var deleteTimes = new List<double>();
        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            foreach (var id in cancelIds.Skip(cancelCount))
            {
                await using var delete = new NpgsqlCommand("DELETE FROM approvalflow.timers WHERE instance_id = @id AND timer_id = @timer", connection);
                delete.Parameters.AddWithValue("id", id);
                delete.Parameters.AddWithValue("timer", timers[id].TimerId);
                var watch = Stopwatch.StartNew();
                var deleted = await delete.ExecuteNonQueryAsync();
                watch.Stop();
                if (deleted != 1)
                {
                    throw new InvalidOperationException($"The timer row of {id} was not deleted.");
                }

                deleteTimes.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        Console.WriteLine();
        Console.WriteLine($"Cancel one timer with {await ScalarAsync(database, "SELECT count(*) FROM approvalflow.timers")} pending (ms)              p50      p95      max");
        Print("  engine step with cancel (complete task, commit)", stepTimes.Skip(WarmUp));
        Print("  the cancel's own statement (DELETE the timer row)", deleteTimes.Skip(WarmUp));

        // 4. Let them fire, counting this process's round trips and the database's commits meanwhile.
        using var counter = new Durable.CommandCounter();
        var commitsBefore = await Durable.CommandCounter.CommittedAsync(database);
        var lastDue = firstDue + TimeSpan.FromSeconds(options.WindowSeconds);
        var deadline = lastDue + TimeSpan.FromSeconds(300);
        var fired = 0L;
        var progress = Stopwatch.StartNew();
        while (fired < options.Timers && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(1000);
            fired = await ScalarAsync(database, "SELECT count(*) FROM approvalflow.history_events WHERE type = 'TimerFired' AND node_id = 'pause'");
            if (progress.Elapsed > TimeSpan.FromSeconds(5) && DateTimeOffset.UtcNow > firstDue)
            {
                Console.WriteLine($"  +{(DateTimeOffset.UtcNow - firstDue).TotalSeconds:F0} s after the first due time: {fired} fired");
                progress.Restart();
            }
        }

        await Task.Delay(1500);
        var commits = await Durable.CommandCounter.CommittedAsync(database) - commitsBefore;
        counter.Dispose();
        var once = await ReportLatenessAsync(database, timers, options, firstDue);
        if (fired > 0)
        {
            Console.WriteLine();
            Console.WriteLine($"Work per timer fired, from the first due time to the end of the burst ({fired} fired; this process and its Hangfire server, nothing else ran):");
            Console.WriteLine($"    {(double)commits / fired,6:F2} transactions committed in the database (pg_stat_database.xact_commit, whole database)");
            Console.Write(counter.BackgroundReport((int)fired, "timer", 14));
        }

        Console.WriteLine($"Run took {run.Elapsed.TotalSeconds:F0} s. Re-run on an idle machine for figures: a shared machine's load shows as lateness.");
        return fired == options.Timers && once ? 0 : 1;
    }

    private static async Task DeployAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
        var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Xml)));
        foreach (var key in new[] { "bench-timer", "bench-cancel" })
        {
            db.Definitions.Add(new ProcessDefinitionRecord
            {
                Id = Guid.CreateVersion7(), Key = key, Version = 1, Name = key, BpmnXml = Xml, Sha256 = sha, DeployedAt = DateTimeOffset.UtcNow, DeployedBy = "benchmark",
            });
        }

        await db.SaveChangesAsync();

        // The cancel instances' task is assigned to user id "bench", who must exist: a task nobody can see raises an incident.
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var created = await users.CreateAsync(new ApplicationUser { Id = "bench", UserName = "bench@bench.local", Email = "bench@bench.local", DisplayName = "bench" });
        if (!created.Succeeded)
        {
            throw new InvalidOperationException($"Creating user bench failed: {string.Join("; ", created.Errors.Select(e => e.Description))}");
        }
    }

    private static async Task<Dictionary<Guid, (DateTimeOffset DueAt, string TimerId, string NodeId)>> TimersAsync(BenchmarkDatabase database)
    {
        var timers = new Dictionary<Guid, (DateTimeOffset, string, string)>();
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT instance_id, due_at, timer_id, node_id FROM approvalflow.timers", connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            timers[reader.GetGuid(0)] = (reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2), reader.GetString(3));
        }

        return timers;
    }

    private static async Task<Dictionary<Guid, string>> TaskIdsAsync(BenchmarkDatabase database)
    {
        var tasks = new Dictionary<Guid, string>();
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT instance_id, engine_task_id FROM approvalflow.user_tasks WHERE node_id = 'review'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            tasks[reader.GetGuid(0)] = reader.GetString(1);
        }

        return tasks;
    }

    /// <summary>The Hangfire <c>TimerJob</c> jobs by instance (the job's first argument: an instance id, or the batch of due timers).</summary>
    private static async Task<Dictionary<Guid, List<long>>> TimerJobsAsync(BenchmarkDatabase database)
    {
        var jobs = new Dictionary<Guid, List<long>>();
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT id, arguments::text FROM hangfire.job WHERE invocationdata::text LIKE '%TimerJob%'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            using var first = JsonDocument.Parse(JsonSerializer.Deserialize<string[]>(reader.GetString(1))![0]);
            var instanceIds = first.RootElement.ValueKind == JsonValueKind.Array
                ? first.RootElement.EnumerateArray().Select(t => t.GetProperty("InstanceId").GetGuid()).ToList()
                : [first.RootElement.GetGuid()];
            foreach (var instanceId in instanceIds)
            {
                if (!jobs.TryGetValue(instanceId, out var ids))
                {
                    jobs[instanceId] = ids = [];
                }

                ids.Add(reader.GetInt64(0));
            }
        }

        return jobs;
    }

    /// <summary>Prints the lateness; returns whether every timer that fired did so once, with one Hangfire job.</summary>
    private static async Task<bool> ReportLatenessAsync(BenchmarkDatabase database, Dictionary<Guid, (DateTimeOffset DueAt, string TimerId, string NodeId)> timers, TimerOptions options, DateTimeOffset firstDue)
    {
        var firings = new Dictionary<Guid, DateTimeOffset>();
        var twice = 0;
        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT instance_id, at FROM approvalflow.history_events WHERE type = 'TimerFired' AND node_id = 'pause'", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                if (!firings.TryAdd(reader.GetGuid(0), reader.GetFieldValue<DateTimeOffset>(1)))
                {
                    twice++;
                }
            }
        }

        var timerJobs = await TimerJobsAsync(database);
        var enqueued = await StatesAsync(database, "Enqueued");
        var processing = await StatesAsync(database, "Processing");
        var rows = timers.Where(t => t.Value.NodeId == "pause").Select(t =>
        {
            var job = timerJobs.TryGetValue(t.Key, out var ids) ? ids[0] : 0;
            return new
            {
                t.Value.DueAt,
                Fired = firings.TryGetValue(t.Key, out var at) ? at : (DateTimeOffset?)null,
                Enqueued = enqueued.TryGetValue(job, out var e) ? e : (DateTimeOffset?)null,
                Processing = processing.TryGetValue(job, out var p) ? p : (DateTimeOffset?)null,
            };
        }).OrderBy(r => r.DueAt).ToList();
        var done = rows.Where(r => r.Fired is not null && r.Enqueued is not null && r.Processing is not null).ToList();
        Console.WriteLine();
        var extraJobs = timerJobs.Where(j => timers.ContainsKey(j.Key)).Sum(j => j.Value.Count - 1);
        var jobCount = timerJobs.Where(j => timers.ContainsKey(j.Key)).SelectMany(j => j.Value).Distinct().Count();
        Console.WriteLine($"Fired {rows.Count(r => r.Fired is not null)} of {rows.Count} timers; {twice} fired twice; {extraJobs} Hangfire jobs beyond one per timer; {jobCount} TimerJob jobs in all ({(double)jobCount / Math.Max(1, timers.Count):F3} per timer).");
        Console.WriteLine($"Burst lateness, {rows.Count} timers due within {options.WindowSeconds} s (ms)       p50      p95      max");
        Print("  fired (history at) - due", done.Select(r => (r.Fired!.Value - r.DueAt).TotalMilliseconds));
        Print("    Hangfire Enqueued - due (timer poller)", done.Select(r => (r.Enqueued!.Value - r.DueAt).TotalMilliseconds));
        Print("    Processing - Enqueued (queue wait for a worker)", done.Select(r => (r.Processing!.Value - r.Enqueued!.Value).TotalMilliseconds));
        Print("    fired - Processing (job start to the step's now)", done.Select(r => (r.Fired!.Value - r.Processing!.Value).TotalMilliseconds));
        if (done.Count > 0)
        {
            var span = (done.Max(r => r.Fired!.Value) - firstDue).TotalSeconds;
            Console.WriteLine($"  last firing {span:F1} s after the first due time ({done.Count / span:F0} firings/s; due rate {options.Timers / (double)options.WindowSeconds:F0}/s)");
            var moves = done.Select(r => r.Enqueued!.Value).GroupBy(e => new DateTimeOffset(e.Ticks - (e.Ticks % TimeSpan.TicksPerSecond), e.Offset)).Select(g => g.Count()).ToList();
            Console.WriteLine($"  timers enqueued per second by the timer poller: p50 {Percentile(moves, 0.5):F0}, max {moves.Max()}");
        }

        Console.WriteLine("  lateness by due-time slice (fired - due, ms):  slice   p50      p95      max");
        const int Slices = 10;
        for (var s = 0; s < Slices; s++)
        {
            var slice = done.Skip(done.Count * s / Slices).Take((done.Count * (s + 1) / Slices) - (done.Count * s / Slices)).Select(r => (r.Fired!.Value - r.DueAt).TotalMilliseconds).ToList();
            if (slice.Count > 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"                                                {s + 1,5} {Percentile(slice, 0.5),8:F0} {Percentile(slice, 0.95),8:F0} {slice.Max(),8:F0}"));
            }
        }

        return twice == 0 && extraJobs == 0;
    }

    /// <summary>When each job entered the state <paramref name="name"/> (the latest such state).</summary>
    private static async Task<Dictionary<long, DateTimeOffset>> StatesAsync(BenchmarkDatabase database, string name)
    {
        var states = new Dictionary<long, DateTimeOffset>();
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT jobid, createdat FROM hangfire.state WHERE name = @name ORDER BY id", connection);
        command.Parameters.AddWithValue("name", name);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var at = reader.GetDateTime(1);
            states[reader.GetInt64(0)] = new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc));
        }

        return states;
    }

    private static async Task<long> ScalarAsync(BenchmarkDatabase database, string sql)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static void Print(string what, IEnumerable<double> values)
    {
        var list = values.ToList();
        Console.WriteLine(list.Count == 0
            ? $"{what,-55} (none)"
            : string.Create(CultureInfo.InvariantCulture, $"{what,-55} {Percentile(list, 0.5),8:F1} {Percentile(list, 0.95),8:F1} {list.Max(),8:F1}"));
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    private static double Percentile(List<int> values, double p) => Percentile(values.Select(v => (double)v).ToList(), p);
}
