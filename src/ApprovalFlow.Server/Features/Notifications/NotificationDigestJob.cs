using System.ComponentModel;
using ApprovalFlow.Engine.Calendar;
using ApprovalFlow.Server.Data;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace ApprovalFlow.Server.Features.Notifications;

/// <summary>
/// Hangfire recurring job of the daily digest (<see cref="NotificationOptions.DigestHour"/> in <c>Calendar:TimeZone</c>):
/// on a working day, each user who opted in (<see cref="NotificationPreferenceRecord.Digest"/>) and has open tasks
/// (assigned to them, or offered to them or their groups) gets one mail listing them, overdue first. A second run
/// on the same day writes nothing more.
/// </summary>
public sealed partial class NotificationDigestJob(ApprovalFlowDbContext db, WorkingDayCalendar calendar, Runtime.OutboxSignal signal, TimeProvider time, ILogger<NotificationDigestJob> logger)
{
    /// <summary>The recurring job's id in Hangfire: <c>notification-digest</c>.</summary>
    public const string RecurringJobId = "notification-digest";

    /// <summary>Writes today's digests (nothing on a day off).</summary>
    /// <param name="cancellationToken">Cancels the database work.</param>
    [DisplayName("Daily digest of open tasks")]
    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var today = Instant.FromDateTimeOffset(now).InZone(calendar.Zone).Date;
        if (!calendar.IsWorkingDay(today))
        {
            return;
        }

        var dayStart = today.AtStartOfDayInZone(calendar.Zone).ToInstant().ToDateTimeOffset();
        var users = await db.NotificationPreferences.AsNoTracking().Where(p => p.Digest).Select(p => p.UserId).ToListAsync(cancellationToken);
        var done = await db.Notifications.AsNoTracking().Where(n => n.Kind == NotificationKinds.Digest && n.CreatedAt >= dayStart && users.Contains(n.RecipientUserId!))
            .Select(n => n.RecipientUserId!).ToListAsync(cancellationToken);
        var writer = new NotificationWriter(db, now);
        var written = 0;
        foreach (var userId in users.Except(done, StringComparer.Ordinal))
        {
            var groups = await db.Memberships.AsNoTracking().Where(m => m.UserId == userId).Select(m => m.GroupId).ToArrayAsync(cancellationToken);
            var tasks = await db.Tasks.AsNoTracking()
                .Where(t => t.Status == UserTaskStatus.Open && (t.Assignee == userId || (t.Assignee == null && (t.CandidateUsers.Contains(userId) || t.CandidateGroups.Any(g => groups.Contains(g))))))
                .OrderBy(t => t.DueAt == null).ThenBy(t => t.DueAt).ThenBy(t => t.CreatedAt).Take(200).ToListAsync(cancellationToken);
            if (tasks.Count == 0)
            {
                continue;
            }

            var instanceIds = tasks.Select(t => t.InstanceId).Distinct().ToList();
            var names = await db.Instances.AsNoTracking().Where(i => instanceIds.Contains(i.Id))
                .Join(db.Definitions, i => i.DefinitionId, d => d.Id, (i, d) => new { i.Id, Name = d.Name ?? d.Key }).ToDictionaryAsync(x => x.Id, x => x.Name, cancellationToken);
            await writer.DigestAsync(userId, [.. tasks.Select(t => new TaskMailItem(t.Id, t.Name ?? t.NodeId, names.GetValueOrDefault(t.InstanceId) ?? string.Empty, null, null, t.DueAt))], cancellationToken);
            written++;
        }

        await db.SaveChangesAsync(cancellationToken);
        if (writer.Queued > 0)
        {
            signal.Notify();
        }

        LogDigests(logger, written, today);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Daily digest of {Date}: {Count} mail(s) written")]
    private static partial void LogDigests(ILogger logger, int count, LocalDate date);
}
