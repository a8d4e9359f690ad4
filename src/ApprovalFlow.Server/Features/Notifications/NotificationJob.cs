using System.ComponentModel;
using System.Globalization;
using System.Net.Sockets;
using System.Text.Json;
using ApprovalFlow.Engine.Calendar;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Web;
using Hangfire;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using NodaTime;

namespace ApprovalFlow.Server.Features.Notifications;

/// <summary>
/// Hangfire job that sends one pending notification, together with the person's other pending task mails
/// of the same kind and language (folded: one message listing the tasks). The rows are locked while the
/// mail is sent, so a job run twice at once sends once; a crash between the SMTP send and the commit
/// sends again, with the same Message-Id (the oldest row of the batch leads the mail, whichever row's job sends it). A failed attempt is retried after the next wait of
/// <see cref="NotificationOptions.RetrySchedule"/> (a scheduled job); after the last the row is
/// <see cref="NotificationStatus.Failed"/>.
/// </summary>
public sealed partial class NotificationJob(
    ApprovalFlowDbContext db,
    NotificationTemplates templates,
    MailSender sender,
    DisplayFormat format,
    IBackgroundJobClient jobs,
    IOptions<NotificationOptions> options,
    IOptions<AppOptions> app,
    TimeProvider time,
    Hosting.Telemetry.EngineMetrics metrics,
    ILogger<NotificationJob> logger)
{
    /// <summary>Sends notification <paramref name="notificationId"/> if it is still pending; otherwise does nothing.</summary>
    /// <param name="notificationId">The notification row id.</param>
    /// <param name="cancellationToken">Cancels the work (the row stays pending).</param>
    [DisplayName("Mail {0}")]
    [AutomaticRetry(Attempts = 0)]
    public async Task SendAsync(Guid notificationId, CancellationToken cancellationToken)
    {
        var address = await db.Notifications.AsNoTracking().Where(n => n.Id == notificationId).Select(n => n.RecipientAddress).SingleOrDefaultAsync(cancellationToken);
        if (address is null)
        {
            return;
        }

        // One job at a time per address (a transaction lock), so the first folds the others' rows and they find them sent.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext({address}))", cancellationToken);
        var row = await db.Notifications.FromSql($"SELECT * FROM approvalflow.notifications WHERE id = {notificationId} FOR UPDATE").SingleAsync(cancellationToken);
        if (row.Status != NotificationStatus.Pending)
        {
            return;
        }

        var now = time.GetUtcNow();
        var batch = new List<NotificationRecord> { row };
        if (NotificationKinds.IsFoldable(row.Kind))
        {
            batch.AddRange(await db.Notifications.FromSql(
                $"""
                SELECT * FROM approvalflow.notifications
                WHERE recipient_address = {address} AND kind = {row.Kind} AND language = {row.Language} AND status = 'Pending' AND id <> {row.Id} AND created_at <= {now}
                ORDER BY created_at, id FOR UPDATE
                """).ToListAsync(cancellationToken));
        }

        // The mail is led by the oldest row of the batch, whichever row's job runs: a resend after a crash between the SMTP
        // send and the commit carries the first attempt's Message-Id even when another row's job sends it.
        var lead = batch.MinBy(n => (n.CreatedAt, n.Id))!;
        var message = await ComposeAsync(lead, batch, now, cancellationToken);
        row.Attempts++;
        row.LastAttemptAt = now;
        try
        {
            await sender.SendAsync(message, cancellationToken);
        }
        catch (Exception e) when (e is SocketException or IOException or SmtpCommandException or SmtpProtocolException or AuthenticationException or ProtocolException or TimeoutException or SslHandshakeException)
        {
            Failed(row, e, now);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return;
        }

        foreach (var sent in batch)
        {
            sent.Status = NotificationStatus.Sent;
            sent.SentAt = now;
            sent.LastError = null;
            sent.FoldedInto = sent == lead ? null : lead.Id;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        metrics.MailSent(lead.Kind);
        LogSent(logger, lead.Id, batch.Count, lead.Kind);
    }

    private void Failed(NotificationRecord row, Exception error, DateTimeOffset now)
    {
        var waits = options.Value.RetryWaits ?? [];
        row.LastError = $"{error.GetType().Name}: {error.Message}";
        var final = row.Attempts > waits.Count;
        metrics.MailFailed(row.Kind, final);
        if (final)
        {
            row.Status = NotificationStatus.Failed;
            row.JobId = null;
            LogFailed(logger, row.Id, row.Attempts, row.LastError);
            return;
        }

        var wait = waits[row.Attempts - 1];
        var id = row.Id;
        row.JobId = jobs.Schedule<NotificationJob>(job => job.SendAsync(id, CancellationToken.None), Runtime.Outbox.OutboxDispatcher.NotBefore(now + wait));
        LogRetrying(logger, row.Id, row.Attempts, wait, row.LastError);
    }

    /// <summary>The message of <paramref name="batch"/> (led by <paramref name="lead"/>, whose Message-Id it carries).</summary>
    private async Task<MimeMessage> ComposeAsync(NotificationRecord lead, List<NotificationRecord> batch, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var name = lead.RecipientUserId is null
            ? null
            : await db.Users.AsNoTracking().Where(u => u.Id == lead.RecipientUserId).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken);
        RenderedMail mail;
        var culture = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(lead.Language);
        try
        {
            mail = await templates.RenderAsync(lead.Template, lead.Language, Model(lead, batch, name));
        }
        finally
        {
            CultureInfo.CurrentUICulture = culture;
        }

        var message = new MimeMessage { Subject = mail.Subject, MessageId = lead.MessageId, Date = now };
        message.From.Add(sender.From);
        message.To.Add(new MailboxAddress(name ?? string.Empty, lead.RecipientAddress!));
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Body = new BodyBuilder { HtmlBody = mail.Html, TextBody = mail.Text }.ToMessageBody();
        return message;
    }

    /// <summary>
    /// What the template reads: <c>recipient</c> and <c>baseUrl</c>; for task mails <c>count</c> and <c>tasks</c> (each with
    /// its <c>link</c> and due texts); for the others the notification's data as it is, with <c>link</c> to its task (else its instance)
    /// and <c>external</c> (a recipient outside the directory), and for decisions <c>decidedOn</c> and <c>decidedOnJalali</c>.
    /// </summary>
    private Dictionary<string, object?> Model(NotificationRecord lead, List<NotificationRecord> batch, string? recipient)
    {
        var baseUrl = app.Value.BaseUrl.TrimEnd('/');
        if (!NotificationKinds.ListsTasks(lead.Kind))
        {
            var model = (Dictionary<string, object?>)Plain(lead.Data)!;
            model["recipient"] = recipient ?? lead.RecipientAddress;
            model["baseUrl"] = baseUrl;
            if (lead.TaskId is { } taskId)
            {
                model["link"] = $"{baseUrl}/tasks/{taskId}";
            }
            else if (lead.InstanceId is { } instanceId)
            {
                model["link"] = $"{baseUrl}/instances/{instanceId}";
            }

            model["external"] = lead.RecipientUserId is null;
            if (lead.Kind is NotificationKinds.Decision or NotificationKinds.PlanApproved)
            {
                DecisionDate(model, lead.Data.Deserialize<DecisionMailData>(NotificationJson.Options));
            }

            return model;
        }

        // A task listed twice (two reminders of it folded together) is shown once, as its latest notification has it.
        var items = batch.SelectMany(n => n.Data.Deserialize<TaskMailData>(NotificationJson.Options)?.Tasks ?? []).ToList();
        var tasks = items.Where((task, index) => items.FindLastIndex(t => t.TaskId == task.TaskId) == index).Select(task =>
        {
            var due = task.DueAt is { } at ? format.Due(at) : null;
            return new Dictionary<string, object?>
            {
                ["id"] = task.TaskId.ToString(),
                ["link"] = $"{baseUrl}/tasks/{task.TaskId}",
                ["name"] = task.Name,
                ["process"] = task.Process,
                ["cycle"] = task.Cycle ?? string.Empty,
                ["workingGroup"] = task.WorkingGroup ?? string.Empty,
                ["due"] = due?.Date ?? string.Empty,
                ["dueLeft"] = due?.Remaining ?? string.Empty,
                ["overdue"] = due?.State == DueState.Overdue,
                ["reminder"] = task.Reminder is null ? string.Empty : format.Number(task.Reminder),
                ["holder"] = task.Holder ?? string.Empty,
            };
        }).ToList();
        return new Dictionary<string, object?>
        {
            ["recipient"] = recipient ?? lead.RecipientAddress,
            ["baseUrl"] = baseUrl,
            ["count"] = tasks.Count,
            ["tasks"] = tasks,
        };
    }

    /// <summary>
    /// Adds the date of a decision (its resolution date, else the day it was recorded in <c>Calendar:TimeZone</c>), empty when
    /// unknown: <c>decidedOn</c> in the mail's calendar (<c>۱۱ خرداد ۱۴۰۵</c>, <c>1 Jun 2026</c>) and <c>decidedOnJalali</c>,
    /// Solar Hijri in Latin digits (<c>1405/03/11</c>) for the English mails.
    /// </summary>
    private void DecisionDate(Dictionary<string, object?> model, DecisionMailData? decision)
    {
        LocalDate? day = decision?.ResolutionDate is { } resolution ? LocalDate.FromDateOnly(resolution)
            : decision?.DecidedAt is { } at ? format.Day(at)
            : null;
        model["decidedOn"] = day is { } known ? DisplayFormat.Date(known) : string.Empty;
        model["decidedOnJalali"] = day is { } jalali ? SolarHijriDate.FromLocalDate(jalali).ToString() : string.Empty;
    }

    /// <summary>JSON as the values Fluid reads: dictionaries, lists, strings, numbers, booleans (an empty string for null).</summary>
    private static object? Plain(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().ToDictionary(p => p.Name, p => Plain(p.Value), StringComparer.Ordinal),
        JsonValueKind.Array => element.EnumerateArray().Select(Plain).ToList(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.GetDecimal(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => string.Empty,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification {NotificationId} ({Kind}) sent, carrying {Count} notification(s)")]
    private static partial void LogSent(ILogger logger, Guid notificationId, int count, string kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification {NotificationId}: attempt {Attempt} failed ({Error}); retrying in {Wait}")]
    private static partial void LogRetrying(ILogger logger, Guid notificationId, int attempt, TimeSpan wait, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Notification {NotificationId} failed after {Attempts} attempts: {Error}")]
    private static partial void LogFailed(ILogger logger, Guid notificationId, int attempts, string error);
}
