using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ApprovalFlow.Engine.History;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Runtime;
using ApprovalFlow.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ApprovalFlow.Server.Tests.Timers;

/// <summary>
/// Database look-ups for the timer and reminder tests: timer rows, history, tasks and Hangfire's own
/// job tables; and <see cref="MakeDueAsync"/>, which brings a pending timer's due instant forward so a
/// test can act before the due time without racing the clock.
/// </summary>
internal sealed class TimerSupport(ServiceFixture service)
{
    /// <summary>Runs a query on a fresh unit of work of the fixture host.</summary>
    public async Task<T> QueryAsync<T>(Func<ApprovalFlowDbContext, Task<T>> query)
    {
        await using var scope = service.Factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>());
    }

    /// <summary>The instance's pending timer rows.</summary>
    public Task<List<TimerRecord>> TimersAsync(Guid instanceId) =>
        QueryAsync(db => db.Timers.AsNoTracking().Where(t => t.InstanceId == instanceId).ToListAsync());

    /// <summary>Waits until the instance has exactly one timer row; returns it (its Hangfire job id is set once the timer poller enqueued it, when due).</summary>
    public async Task<TimerRecord> PendingTimerAsync(Guid instanceId, int seconds = ServiceFixture.DefaultWaitSeconds)
    {
        TimerRecord? timer = null;
        await ServiceFixture.EventuallyAsync(async () =>
        {
            var timers = await TimersAsync(instanceId);
            timer = timers.Count == 1 ? timers[0] : null;
            return timer is not null;
        }, $"instance {instanceId} to have one pending timer", seconds);
        return timer!;
    }

    /// <summary>The instance's history events of <paramref name="type"/>.</summary>
    public Task<List<HistoryEventRecord>> HistoryAsync(Guid instanceId, HistoryEventType type) =>
        QueryAsync(db => db.History.AsNoTracking().Where(h => h.InstanceId == instanceId && h.Type == type).OrderBy(h => h.Sequence).ToListAsync());

    /// <summary>The instance's inbox rows at <paramref name="nodeId"/>.</summary>
    public Task<List<UserTaskRecord>> TasksAsync(Guid instanceId, string nodeId) =>
        QueryAsync(db => db.Tasks.AsNoTracking().Where(t => t.InstanceId == instanceId && t.NodeId == nodeId).ToListAsync());

    /// <summary>The state name of a Hangfire job in <c>hangfire.job</c> (<c>Scheduled</c>, <c>Enqueued</c>, <c>Succeeded</c>, <c>Deleted</c>…), or <see langword="null"/> when there is no such job.</summary>
    public async Task<string?> HangfireStateAsync(string jobId)
    {
        await using var connection = new NpgsqlConnection(service.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT statename FROM {RuntimeModule.HangfireSchema}.job WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", long.Parse(jobId, System.Globalization.CultureInfo.InvariantCulture));
        return await command.ExecuteScalarAsync() as string;
    }

    /// <summary>The names of the states a Hangfire job has been in, oldest first (<c>Scheduled</c>, <c>Enqueued</c>, <c>Processing</c>, <c>Succeeded</c>…).</summary>
    public async Task<List<string>> HangfireStatesAsync(string jobId)
    {
        await using var connection = new NpgsqlConnection(service.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT name FROM {RuntimeModule.HangfireSchema}.state WHERE jobid = @id ORDER BY id", connection);
        command.Parameters.AddWithValue("id", long.Parse(jobId, System.Globalization.CultureInfo.InvariantCulture));
        var states = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            states.Add(reader.GetString(0));
        }

        return states;
    }

    /// <summary>
    /// Makes a pending timer due now, or <paramref name="late"/> ago (the start of that UTC second), and returns
    /// the new due instant. The product has no way to change a waiting timer's due time, yet some tests must act
    /// while a timer is surely not due (kill the process that scheduled it) and then see it fire; a
    /// short real duration would race those actions on a loaded machine. So the timer is given a long
    /// duration and then, as if that time had passed, its due instant is moved in the two places
    /// that hold it: the engine state's pending timer and the timer row (one transaction, with the
    /// instance's optimistic-concurrency version bumped as the service itself does). Everything after
    /// that (the timer poller's claim, enqueueing, <c>TimerJob</c>, <c>FireTimer</c>, history) is the
    /// product's own.
    /// </summary>
    /// <param name="timer">The pending timer.</param>
    /// <param name="late">How long ago it falls due; default now (whole seconds).</param>
    /// <exception cref="Xunit.Sdk.XunitException">The timer is not pending.</exception>
    public async Task<DateTimeOffset> MakeDueAsync(TimerRecord timer, TimeSpan late = default)
    {
        var now = DateTimeOffset.UtcNow - late;
        var due = now.AddTicks(-(now.UtcTicks % TimeSpan.TicksPerSecond));
        await using (var scope = service.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
            var instance = await db.Instances.SingleAsync(i => i.Id == timer.InstanceId);
            var index = instance.State.Timers.FindIndex(t => t.Id == timer.TimerId);
            Assert.True(index >= 0, $"Timer {timer.TimerId} of instance {timer.InstanceId} is not pending in the engine state.");
            instance.State.Timers[index] = instance.State.Timers[index] with { DueAt = due };
            db.Entry(instance).Property(i => i.State).IsModified = true;
            instance.Version++;
            var row = await db.Timers.SingleAsync(t => t.InstanceId == timer.InstanceId && t.TimerId == timer.TimerId);
            row.DueAt = due;
            await db.SaveChangesAsync();
        }

        return due;
    }

    /// <summary>
    /// Writes the lock row of Hangfire's delayed-job scheduler (<c>locks:schedulepoller</c>, which
    /// Hangfire.PostgreSql stores under its schema's name) as a process
    /// that died holding it would have left it, taken <paramref name="age"/> ago, waiting while a live
    /// scheduler holds it; returns when the row says it was taken (UTC).
    /// </summary>
    public async Task<DateTimeOffset> LeaveSchedulerLockAsync(TimeSpan age)
    {
        await using var connection = new NpgsqlConnection(service.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"INSERT INTO {RuntimeModule.HangfireSchema}.lock (resource, acquired) VALUES ('{RuntimeModule.HangfireSchema}:locks:schedulepoller', @acquired) ON CONFLICT DO NOTHING", connection);
        var acquired = command.Parameters.Add("acquired", NpgsqlTypes.NpgsqlDbType.TimestampTz);
        var taken = DateTimeOffset.MinValue;
        await ServiceFixture.EventuallyAsync(
            async () =>
            {
                taken = DateTimeOffset.UtcNow - age;
                acquired.Value = taken.UtcDateTime;
                return await command.ExecuteNonQueryAsync() == 1;
            },
            "the live scheduler to release its lock");
        return taken;
    }

    /// <summary>Hangfire's <c>TaskReminderJob</c> jobs of a task (their first argument is the task id): the job id and its state.</summary>
    public async Task<List<(string JobId, string? State)>> ReminderJobsAsync(Guid taskId)
    {
        await using var connection = new NpgsqlConnection(service.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"SELECT j.id, j.statename, j.arguments::text FROM {RuntimeModule.HangfireSchema}.job j WHERE j.invocationdata::text LIKE '%TaskReminderJob%'",
            connection);
        var jobs = new List<(string, string?)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var arguments = JsonSerializer.Deserialize<string[]>(reader.GetString(2))!;
            if (JsonSerializer.Deserialize<Guid>(arguments[0]) == taskId)
            {
                jobs.Add((reader.GetInt64(0).ToString(System.Globalization.CultureInfo.InvariantCulture), reader.IsDBNull(1) ? null : reader.GetString(1)));
            }
        }

        return jobs;
    }

    /// <summary>
    /// Hangfire's TimerJob jobs per instance (a job firing a batch of timers is listed once per instance of the batch):
    /// the job id, its state and, when a worker ran it, the server that did.
    /// </summary>
    public async Task<List<(Guid InstanceId, long JobId, string? State, string? Server)>> TimerJobsAsync(IReadOnlyCollection<Guid> instanceIds)
    {
        await using var connection = new NpgsqlConnection(service.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"""
            SELECT j.id, j.statename, j.arguments::text,
                   (SELECT s.data::text FROM {RuntimeModule.HangfireSchema}.state s WHERE s.jobid = j.id AND s.name = 'Processing' ORDER BY s.id DESC LIMIT 1)
            FROM {RuntimeModule.HangfireSchema}.job j
            WHERE j.invocationdata::text LIKE '%TimerJob%'
            """,
            connection);
        var wanted = instanceIds.ToHashSet();
        var jobs = new List<(Guid, long, string?, string?)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            string? server = null;
            if (!reader.IsDBNull(3) && JsonDocument.Parse(reader.GetString(3)).RootElement.TryGetProperty("ServerId", out var serverId))
            {
                server = serverId.GetString();
            }

            foreach (var instanceId in TimerJobInstances(reader.GetString(2)).Where(wanted.Contains))
            {
                jobs.Add((instanceId, reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1), server));
            }
        }

        return jobs;
    }

    /// <summary>
    /// The instances of a TimerJob's arguments (Hangfire's <c>job.arguments</c>): the first argument is the instance id
    /// (<c>FireAsync</c>) or the array of due timers (<c>FireAllAsync</c>), one entry per timer.
    /// </summary>
    public static List<Guid> TimerJobInstances(string arguments)
    {
        using var first = JsonDocument.Parse(JsonSerializer.Deserialize<string[]>(arguments)![0]);
        return first.RootElement.ValueKind == JsonValueKind.Array
            ? [.. first.RootElement.EnumerateArray().Select(t => t.GetProperty("InstanceId").GetGuid())]
            : [first.RootElement.GetGuid()];
    }

    /// <summary>An HTTP client of a server process signed in as <paramref name="user"/>.</summary>
    public static async Task<HttpClient> SignInAsync(ServerProcess server, ApplicationUser user)
    {
        var client = server.CreateClient();
        var login = await client.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = ServiceFixture.Password });
        login.EnsureSuccessStatusCode();
        var token = await login.Content.ReadFromJsonAsync<JsonElement>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Str("accessToken"));
        return client;
    }
}
