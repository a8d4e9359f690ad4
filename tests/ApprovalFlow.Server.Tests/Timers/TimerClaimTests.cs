using System.Globalization;
using ApprovalFlow.Engine.History;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Runtime.Jobs;
using ApprovalFlow.Server.Tests.Support;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ApprovalFlow.Server.Tests.Timers;

/// <summary>
/// The timer poller's claim is a row lock in the claiming transaction (<c>FOR UPDATE SKIP LOCKED</c>), so a node
/// that died between claiming a due timer and enqueueing its job leaves nothing behind: its connection goes, the
/// lock with it, and another node fires the timer. The dead node is played by a connection of the test that claims
/// the due row exactly as the poller does and is then terminated by PostgreSQL (<c>pg_terminate_backend</c>).
/// A claim whose Hangfire job is gone (deleted, failed, expired) is taken again once the timer is
/// <see cref="Runtime.RuntimeOptions.TimerReclaimAfter"/> late (default 1 minute).
/// </summary>
[Collection(ServiceGroup.Name)]
public class TimerClaimTests(ServiceFixture service)
{
    private readonly TimerSupport _db = new(service);

    [Fact]
    public async Task DueTimerClaimedByANodeThatDied_BeforeItEnqueuedTheJob_FiresOnceLater()
    {
        await service.DeployAsync("timers.bpmn");
        var (worker, client) = await service.SignInNewAsync("worker", [Roles.Official]);
        var instanceId = await TimerTests.StartAsync(client, "timer-catch", new { worker = worker.Id, wait = "PT1H" });
        var timer = await _db.PendingTimerAsync(instanceId);

        // The dying node must hold the row from the moment it is due, before any live poller can claim it. So the
        // row is locked (holder), the update that makes it due waits for that lock, the dying node's claim queues
        // behind the update (PostgreSQL then grants the row to the claim, which waited, when the update commits).
        await using var holder = await OpenAsync();
        await using var holding = await holder.BeginTransactionAsync();
        await ExecuteAsync(holder, "SELECT 1 FROM approvalflow.timers WHERE instance_id = @i AND timer_id = @t FOR UPDATE", timer);
        var makeDue = _db.MakeDueAsync(timer);
        await BlockedByAsync(holder.ProcessID, "the update making the timer due to wait for the held row");

        var dying = await OpenAsync();
        var claiming = await dying.BeginTransactionAsync();
        // The claim locks the row whatever its due time (a filter on the due time would be checked on the version
        // visible when the statement starts, an hour away), then reads the version it locked.
        var claim = ExecuteAsync(
            dying,
            "SELECT 1 FROM approvalflow.timers WHERE instance_id = @i AND timer_id = @t FOR UPDATE",
            timer);
        await ServiceFixture.EventuallyAsync(async () => await WaitsAsync(dying.ProcessID), "the dying node's claim to queue for the row");
        await holding.RollbackAsync();
        var due = await makeDue;
        Assert.Equal(1, await claim);

        // Claimed and due, no job yet (the locked row, read in the claiming transaction): the node dies.
        var claimed = await ReadAsync(dying, timer);
        Assert.Equal(due, claimed.DueAt);
        Assert.Null(claimed.JobId);
        await using (var killer = await OpenAsync())
        {
            await using var kill = new NpgsqlCommand("SELECT pg_terminate_backend(@pid)", killer);
            kill.Parameters.AddWithValue("pid", dying.ProcessID);
            Assert.Equal(true, await kill.ExecuteScalarAsync());
        }

        await ServiceFixture.EventuallyAsync(async () => (await _db.TasksAsync(instanceId, "wWork")).Count == 1, "a live node to fire the timer the dead node claimed");
        var fired = Assert.Single(await _db.HistoryAsync(instanceId, HistoryEventType.TimerFired));
        Assert.Equal(timer.TimerId, fired.TaskId);
        Assert.True(fired.At >= due);
        Assert.Empty(await _db.TimersAsync(instanceId));
        await ServiceFixture.EventuallyAsync(async () => (await _db.TimerJobsAsync([instanceId])) is [{ State: "Succeeded" }], "the timer's one Hangfire job to succeed");
        await claiming.DisposeAsync();
        await dying.DisposeAsync();
    }

    [Fact]
    public async Task DueTimerWhoseHangfireJobWasDeleted_IsEnqueuedAgain_FiresOnce()
    {
        await service.DeployAsync("timers.bpmn");
        var (worker, client) = await service.SignInNewAsync("worker", [Roles.Official]);
        var instanceId = await TimerTests.StartAsync(client, "timer-catch", new { worker = worker.Id, wait = "PT1H" });
        var timer = await _db.PendingTimerAsync(instanceId);

        // The row is handed a job that an operator then deleted from the dashboard (the same as one failed after its
        // retries, or expired): while the timer is an hour away no poller claims it, so the job id stays as written.
        var jobs = service.Factory.Services.GetRequiredService<IBackgroundJobClient>();
        var deleted = jobs.Schedule<TimerJob>(job => job.FireAsync(instanceId, timer.TimerId, CancellationToken.None), TimeSpan.FromDays(1));
        Assert.True(jobs.Delete(deleted));
        await using (var connection = await OpenAsync())
        {
            await using var claim = new NpgsqlCommand("UPDATE approvalflow.timers SET hangfire_job_id = @job WHERE instance_id = @i AND timer_id = @t", connection);
            claim.Parameters.AddWithValue("job", deleted);
            claim.Parameters.AddWithValue("i", timer.InstanceId);
            claim.Parameters.AddWithValue("t", timer.TimerId);
            Assert.Equal(1, await claim.ExecuteNonQueryAsync());
        }

        // Then the timer is due, and later than the reclaim delay: a live poller gives it a new job, which fires it.
        var due = await _db.MakeDueAsync(timer, late: TimeSpan.FromMinutes(2));
        await ServiceFixture.EventuallyAsync(async () => (await _db.TasksAsync(instanceId, "wWork")).Count == 1, "a live node to enqueue the timer again and fire it");
        var fired = Assert.Single(await _db.HistoryAsync(instanceId, HistoryEventType.TimerFired));
        Assert.Equal(timer.TimerId, fired.TaskId);
        Assert.True(fired.At >= due);
        Assert.Empty(await _db.TimersAsync(instanceId));
        await ServiceFixture.EventuallyAsync(
            async () => (await _db.TimerJobsAsync([instanceId])).Count(j => j.State == "Succeeded") == 1, "the timer's new Hangfire job to succeed");
        var timerJobs = (await _db.TimerJobsAsync([instanceId])).OrderBy(j => j.JobId).ToList();
        Assert.Equal(2, timerJobs.Count);
        Assert.Equal((long.Parse(deleted, CultureInfo.InvariantCulture), "Deleted"), (timerJobs[0].JobId, timerJobs[0].State));
        Assert.Equal("Succeeded", timerJobs[1].State);
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(service.Database.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql, Data.TimerRecord timer)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("i", timer.InstanceId);
        command.Parameters.AddWithValue("t", timer.TimerId);
        var rows = 0;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows++;
        }

        return rows;
    }

    private static async Task<(DateTimeOffset DueAt, string? JobId)> ReadAsync(NpgsqlConnection connection, Data.TimerRecord timer)
    {
        await using var command = new NpgsqlCommand("SELECT due_at, hangfire_job_id FROM approvalflow.timers WHERE instance_id = @i AND timer_id = @t", connection);
        command.Parameters.AddWithValue("i", timer.InstanceId);
        command.Parameters.AddWithValue("t", timer.TimerId);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetFieldValue<DateTimeOffset>(0), reader.IsDBNull(1) ? null : reader.GetString(1));
    }

    /// <summary>Waits until some backend waits for a lock held by backend <paramref name="pid"/>.</summary>
    private async Task BlockedByAsync(int pid, string what)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE @pid = ANY(pg_blocking_pids(pid))", connection);
        command.Parameters.AddWithValue("pid", pid);
        await ServiceFixture.EventuallyAsync(async () => (long)(await command.ExecuteScalarAsync())! > 0, what);
    }

    /// <summary>Whether backend <paramref name="pid"/> waits for a lock.</summary>
    private async Task<bool> WaitsAsync(int pid)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("SELECT cardinality(pg_blocking_pids(@pid)) > 0", connection);
        command.Parameters.AddWithValue("pid", pid);
        return (bool)(await command.ExecuteScalarAsync())!;
    }
}
