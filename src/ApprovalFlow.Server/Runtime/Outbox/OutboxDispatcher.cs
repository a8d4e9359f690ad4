using System.Text.Json;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Deadlines;
using ApprovalFlow.Server.Features.Notifications;
using ApprovalFlow.Server.Runtime.Jobs;
using ApprovalFlow.Server.Runtime.Signals;
using Hangfire;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ApprovalFlow.Server.Runtime.Outbox;

/// <summary>
/// Hands committed intents to Hangfire: service tasks, timer start firings, parent resumptions, errors and escalations passed to a parent, signal broadcasts (one job per chunk of targets) and e-mails
/// (after <c>Notifications:FoldWindow</c> for task mails) as jobs, task
/// reminders as scheduled jobs (their ids kept on the task row) deleted again when the task closes. Rows are
/// claimed with <c>FOR UPDATE SKIP LOCKED</c>, so several service processes share the work; it
/// starts with whatever a crash left pending. Jobs are idempotent, so a row dispatched twice after a
/// crash does no harm.
/// </summary>
internal sealed partial class OutboxDispatcher(
    IServiceScopeFactory scopes,
    OutboxSignal signal,
    IBackgroundJobClient jobs,
    ReminderScheduler reminders,
    TimeProvider time,
    IOptions<RuntimeOptions> options,
    IOptions<NotificationOptions> notifications,
    Hosting.Telemetry.EngineMetrics metrics,
    ILogger<OutboxDispatcher> logger)
    : BackgroundService
{
    private const int BatchSize = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await DispatchBatchAsync(stoppingToken) == BatchSize)
                {
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // Whatever failed (the database or Hangfire's storage gone: BackgroundJobClientException wraps Npgsql's), the
                // batch rolled back and the next poll tries again: an exception escaping ExecuteAsync would stop the host.
                if (DatabaseOutage.Is(e))
                {
                    LogDispatchWaitsForDatabase(logger, e.GetType().Name, e.GetBaseException().Message);
                }
                else
                {
                    LogDispatchFailed(logger, e);
                }
            }

            await signal.WaitAsync(options.Value.OutboxPollInterval, stoppingToken);
        }
    }

    /// <summary>Dispatches up to <see cref="BatchSize"/> pending rows in one transaction.</summary>
    /// <returns>How many rows were dispatched.</returns>
    public async Task<int> DispatchBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var rows = await db.Outbox
            .FromSql($"SELECT * FROM approvalflow.outbox_messages WHERE dispatched_at IS NULL ORDER BY id LIMIT {BatchSize} FOR UPDATE SKIP LOCKED")
            .ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        foreach (var row in rows)
        {
            await DispatchAsync(db, row, now, cancellationToken);
            row.DispatchedAt = now;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        foreach (var row in rows)
        {
            metrics.OutboxDispatched(row.Kind, now - row.CreatedAt);
        }

        return rows.Count;
    }

    private async Task DispatchAsync(ApprovalFlowDbContext db, OutboxMessage row, DateTimeOffset now, CancellationToken cancellationToken)
    {
        switch (row.Kind)
        {
            case OutboxKinds.RunServiceTask:
                var run = Read<RunServiceTaskPayload>(row);
                if (run.NotBefore <= now)
                {
                    jobs.Enqueue<ServiceTaskJob>(job => job.RunAsync(run.InstanceId, run.JobId, CancellationToken.None));
                }
                else
                {
                    jobs.Schedule<ServiceTaskJob>(job => job.RunAsync(run.InstanceId, run.JobId, CancellationToken.None), NotBefore(run.NotBefore));
                }

                break;
            case OutboxKinds.NotifyParent:
                var notify = Read<NotifyParentPayload>(row);
                jobs.Enqueue<ParentResumeJob>(job => job.ResumeAsync(notify.ParentInstanceId, notify.ParentExecutionId, notify.ChildInstanceId, CancellationToken.None));
                break;
            case OutboxKinds.PropagateError:
                var error = Read<PropagateErrorPayload>(row);
                jobs.Enqueue<ParentResumeJob>(job => job.PropagateErrorAsync(error.ParentInstanceId, error.ParentExecutionId, error.ChildInstanceId, error.ErrorCode, error.Origin, error.ErrorMessage, CancellationToken.None));
                break;
            case OutboxKinds.PropagateEscalation:
                var escalation = Read<PropagateEscalationPayload>(row);
                jobs.Enqueue<ParentResumeJob>(job => job.PropagateEscalationAsync(
                    escalation.ParentInstanceId, escalation.ParentExecutionId, escalation.ChildInstanceId, escalation.EscalationCode, escalation.Origin, CancellationToken.None));
                break;
            case OutboxKinds.BroadcastSignal:
                var broadcast = Read<BroadcastSignalPayload>(row);
                var variables = broadcast.Variables.GetRawText();
                jobs.Enqueue<SignalDeliveryJob>(job => job.BroadcastThrownAsync(broadcast.DeliveryId, broadcast.SignalName, variables, broadcast.ThrownBy, CancellationToken.None));
                break;
            case OutboxKinds.DeliverSignal:
                var deliver = Read<DeliverSignalPayload>(row);
                for (var chunk = 0; chunk < deliver.Chunks; chunk++)
                {
                    var number = chunk;
                    jobs.Enqueue<SignalDeliveryJob>(job => job.DeliverChunkAsync(deliver.DeliveryId, number, CancellationToken.None));
                }

                break;
            case OutboxKinds.ScheduleTimerStart:
                var start = Read<ScheduleTimerStartPayload>(row);
                jobs.Schedule<TimerStarts.TimerStartJob>(job => job.FireAsync(start.ScheduleId, start.DueAt, CancellationToken.None), NotBefore(start.DueAt));
                break;
            case OutboxKinds.ScheduleReminders:
                await ScheduleRemindersAsync(Read<ScheduleRemindersPayload>(row), cancellationToken);
                break;
            case OutboxKinds.CancelReminders:
                var cancel = Read<CancelRemindersPayload>(row);
                foreach (var jobId in await db.Tasks.Where(t => t.Id == cancel.TaskId).Select(t => t.ReminderJobIds).SingleOrDefaultAsync(cancellationToken) ?? [])
                {
                    jobs.Delete(jobId, ScheduledState.StateName);
                }

                break;
            case OutboxKinds.SendNotification:
                var send = Read<SendNotificationPayload>(row);
                var sendAt = send.Fold ? row.CreatedAt + (notifications.Value.FoldWindowSpan ?? TimeSpan.Zero) : now;
                var mailJob = sendAt <= now
                    ? jobs.Enqueue<NotificationJob>(job => job.SendAsync(send.NotificationId, CancellationToken.None))
                    : jobs.Schedule<NotificationJob>(job => job.SendAsync(send.NotificationId, CancellationToken.None), NotBefore(sendAt));
                await db.Notifications.Where(n => n.Id == send.NotificationId && n.JobId == null && n.Attempts == 0)
                    .ExecuteUpdateAsync(set => set.SetProperty(n => n.JobId, mailJob), cancellationToken);
                break;
            default:
                LogUnknownKind(logger, row.Id, row.Kind);
                break;
        }
    }

    /// <summary>
    /// Schedules a task's reminder jobs and adds their ids to the task row while it is still open, in a
    /// statement of its own (committed at once, so it holds the row's lock only for itself and cannot
    /// deadlock with a step closing tasks). A task that closed before its row is dispatched (a lagging
    /// dispatcher, a row dispatched again after a failed batch) gets no jobs at all, so none of a closed
    /// task's reminders is ever seen scheduled, nor left so by a crash. A step that closes the task while
    /// the jobs are being scheduled either committed first (the update then finds it closed, and the jobs
    /// are deleted here) or waits for the update and then queues <see cref="OutboxKinds.CancelReminders"/>,
    /// which finds the ids. A row dispatched twice adds its new ids too, so every job scheduled is deleted
    /// when the task closes.
    /// </summary>
    private async Task ScheduleRemindersAsync(ScheduleRemindersPayload remind, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var own = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
        if (!await own.Tasks.AnyAsync(t => t.Id == remind.TaskId && t.Status == UserTaskStatus.Open, cancellationToken))
        {
            return;
        }

        var jobIds = reminders.Schedule(jobs, remind.TaskId, remind.DueAt, remind.Policy, remind.EscalationGroup, remind.TaskName, remind.Process).ToArray();
        var stored = await own.Database.ExecuteSqlAsync(
            $"UPDATE approvalflow.user_tasks SET reminder_job_ids = reminder_job_ids || {jobIds} WHERE id = {remind.TaskId} AND status = 'Open'",
            cancellationToken);
        if (stored == 0)
        {
            foreach (var jobId in jobIds)
            {
                jobs.Delete(jobId, ScheduledState.StateName);
            }
        }
    }

    /// <summary>
    /// The instant to schedule a Hangfire job that must not run before <paramref name="instant"/>:
    /// rounded up to a whole second, because Hangfire keeps a scheduled job's time as whole Unix
    /// seconds, truncated (<c>JobHelper.ToTimestamp</c>), and its poller enqueues every job whose
    /// second has begun, so a job due at 12:00:00.900 would otherwise run from 12:00:00.000 on.
    /// </summary>
    internal static DateTimeOffset NotBefore(DateTimeOffset instant)
    {
        var remainder = instant.UtcTicks % TimeSpan.TicksPerSecond;
        return remainder == 0 ? instant : instant.AddTicks(TimeSpan.TicksPerSecond - remainder);
    }

    private static T Read<T>(OutboxMessage row) => row.Payload.Deserialize<T>() ?? throw new InvalidOperationException($"Outbox row {row.Id} has no payload.");

    [LoggerMessage(Level = LogLevel.Error, Message = "Dispatching the outbox failed; retrying at the next poll")]
    private static partial void LogDispatchFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dispatching the outbox waits for the database ({ErrorType}: {Error}); retrying at the next poll")]
    private static partial void LogDispatchWaitsForDatabase(ILogger logger, string errorType, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox row {OutboxId} has unknown kind {Kind}")]
    private static partial void LogUnknownKind(ILogger logger, long outboxId, string kind);
}
