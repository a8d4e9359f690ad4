using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Runtime.Jobs;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ApprovalFlow.Server.Runtime.Timers;

/// <summary>
/// Hands due BPMN timers to Hangfire, on every node that dispatches the outbox: claims due rows of the
/// <c>timers</c> table in batches, oldest due first, with <c>FOR UPDATE SKIP LOCKED</c> (the partial index on
/// <c>due_at</c> of rows not yet enqueued), enqueues a <see cref="TimerJob"/> for each (Hangfire stays the
/// executor, with its retries and dashboard) and stores the job id on the row in the claiming transaction. So
/// two live nodes never both enqueue a timer, and a node that dies before it commits loses nothing: its locks
/// go with its connection and the rows, still without a job id, are claimed again. The one window left, a
/// node dying after Hangfire committed a job and before its own commit, gives a second job for the timer,
/// which is harmless: the engine fires a timer once and a <see cref="Engine.Commands.FireTimer"/> of a timer
/// no longer pending is not applicable. A timer whose job Hangfire no longer holds (deleted from the dashboard,
/// failed after its retries, expired, or finished without firing the timer) is claimed again once it is
/// <see cref="RuntimeOptions.TimerReclaimAfter"/> late (<see cref="ReclaimLostAsync"/>); a job fetched by a node
/// that died is Hangfire's to fetch again (its invisibility timeout). It sleeps until the earliest pending due time, at most
/// <see cref="RuntimeOptions.TimerPollInterval"/> (other nodes' new timers), and is woken earlier by a timer
/// committed on this node (<see cref="TimerSignal"/>). A cancelled timer is only its row deleted in the step's
/// transaction: a row locked by a claim makes that step wait for the claim's commit, and the job it enqueued
/// then finds the timer gone.
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
    /// <summary>Rows claimed per transaction.</summary>
    internal const int BatchSize = 250;

    /// <summary>Jobs enqueued at once within a batch (each is a Hangfire.PostgreSql transaction of its own).</summary>
    private const int EnqueueParallelism = 4;

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

    /// <summary>Claims up to <see cref="BatchSize"/> due timers not yet enqueued and enqueues their jobs, in one transaction.</summary>
    /// <returns>How many timers were enqueued.</returns>
    public async Task<int> EnqueueDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = time.GetUtcNow();
        var due = await db.Timers
            .FromSql($"SELECT * FROM approvalflow.timers WHERE hangfire_job_id IS NULL AND due_at <= {now} ORDER BY due_at LIMIT {BatchSize} FOR UPDATE SKIP LOCKED")
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return 0;
        }

        var jobIds = new string[due.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, due.Count),
            new ParallelOptions { MaxDegreeOfParallelism = EnqueueParallelism, CancellationToken = cancellationToken },
            (i, _) =>
            {
                var (instanceId, timerId) = (due[i].InstanceId, due[i].TimerId);
                jobIds[i] = jobs.Enqueue<TimerJob>(job => job.FireAsync(instanceId, timerId, CancellationToken.None));
                return ValueTask.CompletedTask;
            });
        var instanceIds = due.Select(t => t.InstanceId).ToArray();
        var timerIds = due.Select(t => t.TimerId).ToArray();
        await db.Database.ExecuteSqlAsync(
            $"""
            UPDATE approvalflow.timers AS t SET hangfire_job_id = c.job_id
            FROM unnest({instanceIds}, {timerIds}, {jobIds}) AS c(instance_id, timer_id, job_id)
            WHERE t.instance_id = c.instance_id AND t.timer_id = c.timer_id
            """,
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogEnqueued(logger, due.Count, (now - due[0].DueAt).TotalMilliseconds);
        return due.Count;
    }

    /// <summary>
    /// Makes claimable again every timer at least <see cref="RuntimeOptions.TimerReclaimAfter"/> late whose Hangfire job
    /// is no longer enqueued, scheduled (a retry), awaiting or processing in Hangfire.PostgreSql's <c>job</c> table
    /// (schema <see cref="RuntimeModule.HangfireSchema"/>): the job was deleted, failed after its retries, expired or
    /// is missing, so nothing would ever fire the timer. Rows locked by a claim in progress are
    /// skipped. A claim committed during this statement can rarely be read with its job not yet visible, which gives
    /// the timer a second job: harmless, as for a node dying between Hangfire's commit and its own.
    /// </summary>
    /// <returns>How many timers were made claimable again.</returns>
    private async Task<int> ReclaimLostAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
        var lateBy = time.GetUtcNow() - options.Value.TimerReclaimAfter;
        var reclaimed = await db.Database.ExecuteSqlAsync(
            $"""
            UPDATE approvalflow.timers AS t SET hangfire_job_id = NULL
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

    /// <summary>The earliest due time (UTC) of a timer not yet enqueued, or <see langword="null"/> when there is none.</summary>
    private async Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
        return await db.Timers.Where(t => t.HangfireJobId == null).MinAsync(t => (DateTimeOffset?)t.DueAt, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Polling for due timers failed; retrying at the next poll")]
    private static partial void LogPollFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Claiming {Count} late timers again: Hangfire no longer holds their jobs (deleted, failed or expired)")]
    private static partial void LogReclaimed(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Enqueued {Count} due timers, the oldest {LatenessMs} ms late")]
    private static partial void LogEnqueued(ILogger logger, int count, double latenessMs);
}
