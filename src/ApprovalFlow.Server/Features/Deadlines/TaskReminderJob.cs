using System.ComponentModel;
using System.Text.Json;
using ApprovalFlow.Engine.History;
using ApprovalFlow.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Features.Deadlines;

/// <summary>
/// Hangfire job of one reminder of an open task: records a <see cref="HistoryEventType.TaskReminded"/>
/// event and its e-mails (in the same transaction); the last one also escalates the task, adding the
/// escalation group to its candidate groups, recording <see cref="HistoryEventType.TaskEscalated"/> and mailing the group's members.
/// A task no longer open is a no-op, so a late or repeated run is harmless (closing a task deletes its
/// scheduled reminder jobs, <see cref="Data.UserTaskRecord.ReminderJobIds"/>, so few such runs happen).
/// </summary>
public sealed partial class TaskReminderJob(ApprovalFlowDbContext db, TimeProvider time, Runtime.OutboxSignal signal, ILogger<TaskReminderJob> logger)
{
    /// <summary>Runs reminder <paramref name="number"/> (1-based) of <paramref name="count"/> for task <paramref name="taskId"/>.</summary>
    /// <param name="taskId">The inbox row id.</param>
    /// <param name="number">Which reminder, from 1.</param>
    /// <param name="count">How many the task has; the last one escalates.</param>
    /// <param name="escalationGroup">The task's <c>escalationGroup</c> property, or <see langword="null"/>.</param>
    /// <param name="taskName">The task's name, for the job's name in the dashboard only.</param>
    /// <param name="process">Definition key and business key, for the job's name in the dashboard only.</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    [DisplayName("Reminder {1}/{2} of '{4}' ({5})")]
    public async Task RemindAsync(Guid taskId, int number, int count, string? escalationGroup, string taskName, string process, CancellationToken cancellationToken)
    {
        var task = await db.Tasks.SingleOrDefaultAsync(t => t.Id == taskId, cancellationToken);
        if (task is not { Status: UserTaskStatus.Open })
        {
            return;
        }

        var now = time.GetUtcNow();
        var reminded = $"{number}/{count}";
        var taskText = task.Id.ToString();
        var earlier = await db.History.AsNoTracking()
            .Where(h => h.InstanceId == task.InstanceId && h.TaskId == taskText && h.Type == HistoryEventType.TaskReminded)
            .Select(h => h.Data).ToListAsync(cancellationToken);
        if (earlier.Exists(d => d?.GetProperty("reminder").GetString() == reminded))
        {
            return;
        }

        db.History.Add(Event(task, now, HistoryEventType.TaskReminded, new { reminder = reminded, dueAt = task.DueAt }));
        var mails = new Notifications.NotificationWriter(db, now);
        await mails.RemindedAsync(task, reminded, cancellationToken);
        if (number == count)
        {
            var target = await new EscalationTargets(db).FindAsync(escalationGroup, task.CandidateGroups, cancellationToken);
            if (target is not null && !task.CandidateGroups.Contains(target))
            {
                task.CandidateGroups = [.. task.CandidateGroups, target];
            }

            db.History.Add(Event(task, now, HistoryEventType.TaskEscalated, new { group = target, dueAt = task.DueAt }));
            if (target is not null)
            {
                await mails.EscalatedAsync(task, target, cancellationToken);
            }

            LogEscalated(logger, task.Id, target ?? "(none found)");
        }

        await db.SaveChangesAsync(cancellationToken);
        if (mails.Queued > 0)
        {
            signal.Notify();
        }
    }

    private static HistoryEventRecord Event(UserTaskRecord task, DateTimeOffset now, HistoryEventType type, object data) => new()
    {
        InstanceId = task.InstanceId,
        At = now,
        Type = type,
        NodeId = task.NodeId,
        TaskId = task.Id.ToString(),
        Data = JsonSerializer.SerializeToElement(data),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Task {TaskId} is past its last reminder: escalated to {Group}")]
    private static partial void LogEscalated(ILogger logger, Guid taskId, string group);
}
