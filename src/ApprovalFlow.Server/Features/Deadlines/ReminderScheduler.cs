using ApprovalFlow.Bpmn.Timers;
using ApprovalFlow.Engine.Calendar;
using Hangfire;
using Microsoft.Extensions.Options;

namespace ApprovalFlow.Server.Features.Deadlines;

/// <summary>
/// Schedules the reminder jobs of a new task with a due date, from its <c>reminders</c> property or
/// <see cref="DeadlineOptions.DefaultReminders"/>, counting working days with the business calendar.
/// Thread-safe singleton.
/// </summary>
public sealed partial class ReminderScheduler(IBusinessCalendar calendar, IOptions<DeadlineOptions> options, ILogger<ReminderScheduler> logger)
{
    /// <summary>Schedules one <see cref="TaskReminderJob"/> per reminder instant; returns their Hangfire job ids, in order.</summary>
    /// <param name="jobs">Hangfire's client.</param>
    /// <param name="taskId">The inbox row id.</param>
    /// <param name="dueAt">The task's due instant (UTC).</param>
    /// <param name="policyText">The task's <c>reminders</c> property, or <see langword="null"/> for the default.</param>
    /// <param name="escalationGroup">The task's <c>escalationGroup</c> property, or <see langword="null"/>.</param>
    /// <param name="taskName">The task's name (or node id), shown in the jobs' names.</param>
    /// <param name="process">The definition key and business key, shown in the jobs' names.</param>
    /// <exception cref="InvalidOperationException"><see cref="DeadlineOptions.DefaultReminders"/> is invalid (it is checked at start-up).</exception>
    public IReadOnlyList<string> Schedule(IBackgroundJobClient jobs, Guid taskId, DateTimeOffset dueAt, string? policyText, string? escalationGroup, string taskName, string process)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        if (!ReminderPolicy.TryParse(policyText ?? options.Value.DefaultReminders, out var policy, out var error)
            && !ReminderPolicy.TryParse(options.Value.DefaultReminders, out policy, out _))
        {
            throw new InvalidOperationException("Deadlines:DefaultReminders is invalid (checked at start-up).");
        }

        if (error is not null)
        {
            LogBadPolicy(logger, taskId, policyText ?? string.Empty, error);
        }

        var instants = policy!.InstantsFor(dueAt, calendar.AddWorkingDays);
        var jobIds = new List<string>(instants.Count);
        for (var i = 0; i < instants.Count; i++)
        {
            var number = i + 1;
            jobIds.Add(jobs.Schedule<TaskReminderJob>(
                job => job.RemindAsync(taskId, number, instants.Count, escalationGroup, taskName, process, CancellationToken.None),
                Runtime.Outbox.OutboxDispatcher.NotBefore(instants[i])));
        }

        return jobIds;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Task {TaskId} has an invalid reminders property '{Policy}' ({Error}); using the default policy")]
    private static partial void LogBadPolicy(ILogger logger, Guid taskId, string policy, string error);
}
