using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Runtime.Jobs;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ApprovalFlow.Server.Runtime.Timers;

/// <summary>
/// Hands due BPMN timers to Hangfire, on every node that dispatches the outbox, in three short steps that never hold a
/// row lock while Hangfire is called:
/// <list type="number">
/// <item>claim: one statement marks up to <see cref="BatchSize"/> due rows of the <c>timers</c> table, oldest due first,
/// as claimed now (<see cref="TimerRecord.ClaimedAt"/>), taking rows not yet enqueued and not claimed by another poller
/// within <see cref="RuntimeOptions.TimerReclaimAfter"/> (<c>FOR UPDATE SKIP LOCKED</c> over the partial index on
/// <c>due_at</c>), and commits at once;</item>
/// <item>enqueue: one <see cref="TimerJob.FireAllAsync"/> job per <see cref="TimersPerJob"/> claimed timers (Hangfire stays
/// the executor, with its retries and dashboard; each timer still fires in its own engine step);</item>
/// <item>record: one statement writes each job's id on its rows (skipping rows locked right then by the step that fires
/// or cancels them).</item>
/// </list>
/// So two live nodes never both enqueue a timer, and a cancel (the step deleting the row) waits at most for one of these
/// statements, never for Hangfire. A node that dies after its claim and before recording leaves rows claimed without a
/// job: they are claimed again once the claim is <see cref="RuntimeOptions.TimerReclaimAfter"/> old, which gives a second
/// job if the first was enqueued; harmless, as the engine fires a timer once and a <see cref="Engine.Commands.FireTimer"/>
/// of a timer no longer pending is not applicable. A timer whose job Hangfire no longer holds (deleted from the dashboard,
/// failed after its retries, expired, or finished without firing the timer) is claimed again once it is
/// <see cref="RuntimeOptions.TimerReclaimAfter"/> late (<see cref="ReclaimLostAsync"/>); a job fetched by a node that died
/// is Hangfire's to fetch again (its invisibility timeout). It sleeps until the earliest unclaimed due time, at most
/// <see cref="RuntimeOptions.TimerPollInterval"/> (other nodes' new timers, expired claims), and is woken earlier by a
/// timer committed on this node (<see cref="TimerSignal"/>).
/// </summary>
internal sealed partial class TimerPoller(
    IServiceScopeFactory scopes,
    TimerSignal signal,
    IBackgroundJobClient jobs,
    TimeProvider time,
    IOptions<RuntimeOptions> options,
    ILogger<TimerPoller> logger)
    : BackgroundService
{
    /// <summary>Rows claimed per statement.</summary>
    internal const int BatchSize = 250;

    /// <summary>Timers fired by one Hangfire job, at most.</summary>
    internal const int TimersPerJob = 25;

    /// <summary>
    /// The shortest sleep: a due row still pending after a claim is being claimed by another node (locked, so
    /// skipped here); it is looked at again after this, not in a busy loop.
    /// </summary>
    private static readonly TimeSpan MinimumSleep = TimeSpan.FromMilliseconds(100);

    /// <summary>How often the poller looks for claimed timers whose Hangfire job is gone (<see cref="ReclaimLostAsync"/>).</summary>
    private static readonly TimeSpan ReclaimInterval = TimeSpan.FromSeconds(10);

    /// <summary>The next look for lost claims (UTC); the first poll looks.</summary>
    private DateTimeOffset _reclaimAt = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var wakeAt = time.GetUtcNow() + options.Value.TimerPollInterval;
            try
            {
                if (time.GetUtcNow() >= _reclaimAt)
                {
                    _reclaimAt = time.GetUtcNow() + ReclaimInterval;
                    await ReclaimLostAsync(stoppingToken);
                }

                while (await EnqueueDueAsync(stoppingToken) == BatchSize)
                {
                }

                if (await NextDueAsync(stoppingToken) is { } next && next < wakeAt)
                {
                    var soonest = time.GetUtcNow() + MinimumSleep;
                    wakeAt = next > soonest ? next : soonest;
                }
            }
            catch (Exception e) when (e is DbUpdateException or Npgsql.NpgsqlException or BackgroundJobClientException or InvalidOperationException)
            {
                LogPollFailed(logger, e);
            }

            await signal.WaitAsync(wakeAt, time, stoppingToken);
        }
    }

    /// <summary>
    /// Claims up to <see cref="BatchSize"/> due timers not yet enqueued (nor claimed by a live poller), enqueues their
    /// <see cref="TimerJob"/>s, <see cref="TimersPerJob"/> timers each, and records the job ids.
    /// </summary>
    /// <returns>How many timers were claimed.</returns>
    public async Task<int> EnqueueDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
        var now = time.GetUtcNow();
        var claimedBefore = now - options.Value.TimerReclaimAfter;
        var due = await db.Timers
            .FromSql(
                $"""
                UPDATE approvalflow.timers AS t SET claimed_at = {now}
                FROM (
                    SELECT instance_id, timer_id FROM approvalflow.timers
                    WHERE hangfire_job_id IS NULL AND due_at <= {now} AND (claimed_at IS NULL OR claimed_at <= {claimedBefore})
                    ORDER BY due_at LIMIT {BatchSize}
                    FOR UPDATE SKIP LOCKED) AS c
                WHERE t.instance_id = c.instance_id AND t.timer_id = c.timer_id
                RETURNING t.*
                """)
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return 0;
        }

        due.Sort((a, b) => a.DueAt.CompareTo(b.DueAt));
        var jobIds = new string[due.Count];
        foreach (var chunk in Enumerable.Range(0, due.Count).Chunk(TimersPerJob))
        {
            var timers = chunk.Select(i => new DueTimer(due[i].InstanceId, due[i].TimerId)).ToArray();
            var jobId = jobs.Enqueue<TimerJob>(job => job.FireAllAsync(timers, CancellationToken.None));
            foreach (var i in chunk)
            {
                jobIds[i] = jobId;
            }
        }

        var instanceIds = due.Select(t => t.InstanceId).ToArray();
        var timerIds = due.Select(t => t.TimerId).ToArray();
        await db.Database.ExecuteSqlAsync(
            $"""
            UPDATE approvalflow.timers AS t SET hangfire_job_id = c.job_id
            FROM (
                SELECT l.instance_id, l.timer_id, x.job_id
                FROM approvalflow.timers AS l
                JOIN unnest({instanceIds}, {timerIds}, {jobIds}) AS x(instance_id, timer_id, job_id)
                  ON l.instance_id = x.instance_id AND l.timer_id = x.timer_id
                WHERE l.hangfire_job_id IS NULL
                FOR UPDATE OF l SKIP LOCKED) AS c
            WHERE t.instance_id = c.instance_id AND t.timer_id = c.timer_id
            """,
            cancellationToken);
        LogEnqueued(logger, due.Count, (now - due[0].DueAt).TotalMilliseconds);
        return due.Count;
    }

    /// <summary>
    /// Makes claimable again every timer at least <see cref="RuntimeOptions.TimerReclaimAfter"/> late whose Hangfire job
    /// is no longer enqueued, scheduled (a retry), awaiting or processing in Hangfire.PostgreSql's <c>job</c> table
    /// (schema <see cref="RuntimeModule.HangfireSchema"/>): the job was deleted, failed after its retries, expired or
    /// is missing, so nothing would ever fire the timer; its claim is cleared too. Rows locked right then (a job id being
    /// recorded, a step firing or cancelling the timer) are skipped. A job id recorded during this statement can rarely be
    /// read with its job not yet in this statement's snapshot, which gives the timer a second job: harmless, as for a node
    /// dying between enqueueing and recording.
    /// </summary>
    /// <returns>How many timers were made claimable again.</returns>
    private async Task<int> ReclaimLostAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
        var lateBy = time.GetUtcNow() - options.Value.TimerReclaimAfter;
        var reclaimed = await db.Database.ExecuteSqlAsync(
            $"""
            UPDATE approvalflow.timers AS t SET hangfire_job_id = NULL, claimed_at = NULL
            FROM (
                SELECT l.instance_id, l.timer_id FROM approvalflow.timers AS l
                WHERE l.hangfire_job_id IS NOT NULL AND l.due_at <= {lateBy}
                  AND NOT EXISTS (
                      SELECT 1 FROM hangfire.job AS j
                      WHERE j.id = l.hangfire_job_id::bigint AND j.statename IN ('Enqueued', 'Scheduled', 'Awaiting', 'Processing'))
                FOR UPDATE OF l SKIP LOCKED) AS lost
            WHERE t.instance_id = lost.instance_id AND t.timer_id = lost.timer_id
            """,
            cancellationToken);
        if (reclaimed > 0)
        {
            LogReclaimed(logger, reclaimed);
        }

        return reclaimed;
    }

    /// <summary>The earliest due time (UTC) of a timer not yet enqueued nor claimed, or <see langword="null"/> when there is none.</summary>
    private async Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
        return await db.Timers.Where(t => t.HangfireJobId == null && t.ClaimedAt == null).MinAsync(t => (DateTimeOffset?)t.DueAt, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Polling for due timers failed; retrying at the next poll")]
    private static partial void LogPollFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Claiming {Count} late timers again: Hangfire no longer holds their jobs (deleted, failed or expired)")]
    private static partial void LogReclaimed(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Enqueued {Count} due timers, the oldest {LatenessMs} ms late")]
    private static partial void LogEnqueued(ILogger logger, int count, double latenessMs);
}
