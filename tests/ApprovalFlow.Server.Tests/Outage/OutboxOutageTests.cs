using System.Net;
using ApprovalFlow.Engine.History;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Runtime;
using ApprovalFlow.Server.Runtime.Jobs;
using ApprovalFlow.Server.Runtime.Outbox;
using ApprovalFlow.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ApprovalFlow.Server.Tests.Outage;

/// <summary>
/// The outbox dispatcher under a database outage (issue 14's database drill lost both nodes to it): PostgreSQL stops while
/// the dispatcher is inside a batch, in Hangfire's job creation (held there by a lock the test takes on Hangfire's job
/// table), so the failure is Hangfire's <c>BackgroundJobClientException</c> wrapping Npgsql's; the host must stay up and
/// keep polling, and once PostgreSQL is back every row pending before the outage is dispatched exactly once.
/// </summary>
[Collection(OutageGroup.Name)]
public class OutboxOutageTests(OutageFixture service)
{
    private const int Instances = 10;

    [Fact]
    public async Task PostgreSQL_stopping_mid_batch_leaves_the_host_running_and_every_pending_row_is_dispatched_once_after_the_restart()
    {
        await service.DeployAsync("timer-then-task.bpmn");
        var (worker, client) = await service.SignInNewAsync("outbox-outage-worker", [Roles.Official]);
        // The test's own connections: a pool of their own (another Application Name), so they neither use nor clear the host's.
        var own = new NpgsqlConnectionStringBuilder(service.Database.ConnectionString) { ApplicationName = "outbox-outage-test", MaxPoolSize = 4 }.ConnectionString;

        // Hangfire's job table locked against inserts: the dispatcher's first job creation waits inside its batch.
        await using var locker = new NpgsqlConnection(own);
        await locker.OpenAsync();
        await using (var lockTable = new NpgsqlCommand($"BEGIN; LOCK TABLE {RuntimeModule.HangfireSchema}.job IN SHARE MODE", locker))
        {
            await lockTable.ExecuteNonQueryAsync();
        }

        var instances = new List<Guid>();
        for (var i = 0; i < Instances; i++)
        {
            var started = await client.PostOkAsync("/api/instances", new { definitionKey = "timer-then-task", variables = new { worker = worker.Id } }, HttpStatusCode.Created);
            instances.Add(Guid.Parse(started.Str("id")));
        }

        var sessions = new List<string>();
        try
        {
            await ServiceFixture.EventuallyAsync(() => DispatcherWaitsForTheLockAsync(own, locker.ProcessID, sessions), "the dispatcher to claim a batch and wait in Hangfire's job insert");
        }
        catch (Xunit.Sdk.XunitException e)
        {
            Assert.Fail($"{e.Message}; sessions: {string.Join(" | ", sessions)}");
        }
        // The rows pending before the outage: the instances' service-task rows (the user tasks reached after it write rows of their own).
        var pendingBefore = await PendingRowIdsAsync(own, instances);
        Assert.Equal(Instances, pendingBefore.Length);

        var logged = service.Logs.Entries.Count;
        var lifetime = service.Factory.Services.GetRequiredService<IHostApplicationLifetime>();
        var dispatcher = Assert.Single(service.Factory.Services.GetServices<IHostedService>().OfType<OutboxDispatcher>());
        await service.Cluster.StopAsync();
        try
        {
            // The stop ended the locker's session too (its lock is gone; the connection is broken, not returned to a pool).
            await using (var probe = new NpgsqlCommand("SELECT 1", locker))
            {
                await Assert.ThrowsAnyAsync<NpgsqlException>(() => probe.ExecuteScalarAsync());
            }

            // The batch failed in Hangfire's call, and the next poll met the outage again: the loop goes on.
            await ServiceFixture.EventuallyAsync(() => Task.FromResult(DispatcherWarnings(logged).Count >= 2), "two outbox dispatch attempts to fail on the stopped database");
            var warnings = DispatcherWarnings(logged);
            Assert.Contains("BackgroundJobClientException", warnings[0].Message, StringComparison.Ordinal);
            Assert.All(warnings, w => Assert.Contains("waits for the database", w.Message, StringComparison.Ordinal));
            Assert.False(lifetime.ApplicationStopping.IsCancellationRequested, "the host began to stop");
            Assert.False(dispatcher.ExecuteTask!.IsCompleted, $"the dispatcher's loop ended: {dispatcher.ExecuteTask.Exception?.GetBaseException().Message}");
            Assert.DoesNotContain(service.Logs.Entries.Skip(logged), e => e.Message.Contains("BackgroundService failed", StringComparison.Ordinal));
            using var anonymous = service.Factory.CreateClient();
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(new Uri("/health/live", UriKind.Relative))).StatusCode);
        }
        finally
        {
            await service.Cluster.StartAsync();
        }

        // No manual step: the service tasks run, their timers fire, and every instance reaches its user task.
        await ServiceFixture.EventuallyAsync(async () => await OpenWorkTasksAsync(own, instances) == Instances, "every instance to reach its user task after the restart");
        Assert.Empty(await PendingRowIdsAsync(own, instances, pendingBefore));
        await ServiceFixture.EventuallyAsync(async () => (await PendingRowIdsAsync(own, instances)).Length == 0, "the rows the user tasks wrote to be dispatched too");
        Assert.False(lifetime.ApplicationStopping.IsCancellationRequested, "the host began to stop");
        await using var scope = service.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
        foreach (var instance in instances)
        {
            Assert.Equal(1, await db.Outbox.CountAsync(o => o.InstanceId == instance && o.Kind == OutboxKinds.RunServiceTask && o.DispatchedAt != null));
            Assert.Equal(1, await JobsAsync(own, typeof(ServiceTaskJob), instance));
            Assert.Equal(1, RecordingHandler.CallsFor("test.echo", instance));
            Assert.Equal(1, await JobsAsync(own, typeof(TimerJob), instance));
            Assert.Equal(1, await db.History.CountAsync(h => h.InstanceId == instance && h.Type == HistoryEventType.TimerFired));
            Assert.Equal(1, await db.Tasks.CountAsync(t => t.InstanceId == instance));
        }
    }

    private List<CapturedLog> DispatcherWarnings(int from) =>
        [.. service.Logs.Entries.Skip(from).Where(e => e.Category == typeof(OutboxDispatcher).FullName && e.Level >= LogLevel.Warning)];

    /// <summary>
    /// Whether a session waits for <paramref name="lockerPid"/>'s lock (Hangfire's job insert) while another holds a claimed
    /// outbox batch open; <paramref name="sessions"/> gets the sessions seen.
    /// </summary>
    private static async Task<bool> DispatcherWaitsForTheLockAsync(string connectionString, int lockerPid, List<string> sessions)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT pid, state, @locker = ANY (pg_blocking_pids(pid)), left(query, 120)
            FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()
            """, connection);
        command.Parameters.AddWithValue("locker", lockerPid);
        await using var reader = await command.ExecuteReaderAsync();
        var (waiting, claimed) = (false, false);
        sessions.Clear();
        while (await reader.ReadAsync())
        {
            var state = reader.IsDBNull(1) ? string.Empty : reader.GetString(1);
            var query = reader.IsDBNull(3) ? string.Empty : reader.GetString(3);
            sessions.Add($"{reader.GetInt32(0)} {state} blocked={reader.GetBoolean(2)} {query}");
            waiting |= reader.GetBoolean(2) && query.Contains("job", StringComparison.OrdinalIgnoreCase);
            claimed |= state == "idle in transaction" && query.Contains("outbox_messages", StringComparison.Ordinal) && query.Contains("FOR UPDATE SKIP LOCKED", StringComparison.Ordinal);
        }

        return waiting && claimed;
    }

    /// <summary>
    /// The ids of the instances' outbox rows not yet dispatched, of those among <paramref name="among"/> when given.
    /// </summary>
    private static async Task<long[]> PendingRowIdsAsync(string connectionString, List<Guid> instances, long[]? among = null)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT id FROM approvalflow.outbox_messages
            WHERE dispatched_at IS NULL AND instance_id = ANY (@instances) AND (@among::bigint[] IS NULL OR id = ANY (@among))
            ORDER BY id
            """, connection);
        command.Parameters.AddWithValue("instances", instances.ToArray());
        command.Parameters.Add(new NpgsqlParameter("among", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Bigint) { Value = (object?)among ?? DBNull.Value });
        var ids = new List<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetInt64(0));
        }

        return [.. ids];
    }

    /// <summary>The instances' open user tasks; 0 while the database cannot be reached.</summary>
    private static async Task<long> OpenWorkTasksAsync(string connectionString, List<Guid> instances)
    {
        try
        {
            return await ScalarAsync(connectionString, "SELECT count(*) FROM approvalflow.user_tasks WHERE node_id = 'work' AND status = 'Open' AND instance_id = ANY (@instances)", ("instances", instances.ToArray()));
        }
        catch (NpgsqlException e) when (DatabaseOutage.Is(e))
        {
            return 0;
        }
    }

    /// <summary>Hangfire jobs of <paramref name="jobType"/> created for <paramref name="instance"/> (the instance id is their first argument).</summary>
    private static async Task<long> JobsAsync(string connectionString, Type jobType, Guid instance) =>
        await ScalarAsync(
            connectionString,
            $"SELECT count(*) FROM {RuntimeModule.HangfireSchema}.job WHERE invocationdata::text LIKE @type AND arguments::text LIKE @instance",
            ("type", $"%{jobType.FullName},%"),
            ("instance", $"%{instance}%"));

    private static async Task<long> ScalarAsync(string connectionString, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return (long)(await command.ExecuteScalarAsync())!;
    }
}
