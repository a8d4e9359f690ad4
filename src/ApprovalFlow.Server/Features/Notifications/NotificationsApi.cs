using ApprovalFlow.Server.Api;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using Hangfire;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Features.Notifications;

/// <summary>A notification as the admin API returns it.</summary>
/// <param name="Id">Notification id.</param>
/// <param name="RecipientUserId">The recipient's user id, or <see langword="null"/>.</param>
/// <param name="RecipientAddress">The address, or <see langword="null"/> when the user has none.</param>
/// <param name="Kind">The kind, e.g. <c>task-offered</c>.</param>
/// <param name="Template">The template.</param>
/// <param name="Language"><c>fa</c> or <c>en</c>.</param>
/// <param name="Status"><c>pending</c>, <c>sent</c>, <c>failed</c> or <c>skipped</c>.</param>
/// <param name="Attempts">SMTP attempts so far.</param>
/// <param name="LastError">The last error, or why it was skipped.</param>
/// <param name="MessageId">The Message-Id (without angle brackets).</param>
/// <param name="InstanceId">The instance that caused it, or <see langword="null"/>.</param>
/// <param name="TaskId">The task it is about, or <see langword="null"/>.</param>
/// <param name="CreatedAt">Written (UTC).</param>
/// <param name="LastAttemptAt">Last attempt (UTC), or <see langword="null"/>.</param>
/// <param name="SentAt">Sent (UTC), or <see langword="null"/>.</param>
/// <param name="FoldedInto">The notification whose mail carried it, or <see langword="null"/>.</param>
public sealed record NotificationResponse(
    Guid Id, string? RecipientUserId, string? RecipientAddress, string Kind, string Template, string Language, string Status, int Attempts, string? LastError,
    string MessageId, Guid? InstanceId, Guid? TaskId, DateTimeOffset CreatedAt, DateTimeOffset? LastAttemptAt, DateTimeOffset? SentAt, Guid? FoldedInto)
{
    internal static NotificationResponse From(NotificationRecord n) => new(
        n.Id, n.RecipientUserId, n.RecipientAddress, n.Kind, n.Template, n.Language, n.Status.ToString().ToLowerInvariant(), n.Attempts, n.LastError,
        n.MessageId, n.InstanceId, n.TaskId, n.CreatedAt, n.LastAttemptAt, n.SentAt, n.FoldedInto);
}

/// <summary>The notification API for admins: what was mailed to whom, and resending.</summary>
public static class NotificationsApi
{
    /// <summary>Maps <c>/api/notifications</c>.</summary>
    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var api = endpoints.MapGroup("/api/notifications").WithTags("Notifications").RequireAuthorization(Policies.Admin).WithProblemResponses(StatusCodes.Status409Conflict);
        api.MapGet("/", ListAsync).WithName("ListNotifications")
            .WithSummary("Notifications, newest first (at most 500); filters: status (pending, sent, failed, skipped), recipient (user id or address), kind.");
        api.MapPost("/{id:guid}/resend", ResendAsync).WithName("ResendNotification")
            .WithSummary("Sends a notification again now, with the same Message-Id (a failed one gets the whole retry schedule again).");
        return endpoints;
    }

    internal static async Task<Results<Ok<List<NotificationResponse>>, ProblemHttpResult>> ListAsync(
        ApprovalFlowDbContext db, CancellationToken cancellationToken, string? status = null, string? recipient = null, string? kind = null)
    {
        var query = db.Notifications.AsNoTracking();
        if (status is not null)
        {
            if (!Enum.TryParse<NotificationStatus>(status, ignoreCase: true, out var wanted) || !Enum.IsDefined(wanted) || int.TryParse(status, out _))
            {
                return TypedResults.Problem($"status must be pending, sent, failed or skipped, not '{status}'.", statusCode: StatusCodes.Status400BadRequest);
            }

            query = query.Where(n => n.Status == wanted);
        }

        if (!string.IsNullOrEmpty(recipient))
        {
            query = query.Where(n => n.RecipientUserId == recipient || n.RecipientAddress == recipient);
        }

        if (!string.IsNullOrEmpty(kind))
        {
            query = query.Where(n => n.Kind == kind);
        }

        var rows = await query.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(500).ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.Select(NotificationResponse.From).ToList());
    }

    internal static async Task<Results<Ok<NotificationResponse>, ProblemHttpResult>> ResendAsync(
        Guid id, ApprovalFlowDbContext db, IBackgroundJobClient jobs, Audit.AuditTrail audit, CancellationToken cancellationToken)
    {
        var row = await db.Notifications.SingleOrDefaultAsync(n => n.Id == id, cancellationToken);
        if (row is null)
        {
            return TypedResults.Problem($"Notification '{id}' does not exist.", statusCode: StatusCodes.Status404NotFound, title: "Notification not found");
        }

        if (row.RecipientAddress is null)
        {
            return TypedResults.Problem($"Notification '{id}' has no address to send to ({row.LastError}).", statusCode: StatusCodes.Status409Conflict, title: "No address");
        }

        await audit.AddAsync(db, Audit.AuditActions.NotificationResend, id.ToString(), new { status = row.Status.ToString(), recipient = row.RecipientAddress, kind = row.Kind }, cancellationToken);
        if (row.Status == NotificationStatus.Failed)
        {
            row.Attempts = 0;
        }

        row.Status = NotificationStatus.Pending;
        row.JobId = jobs.Enqueue<NotificationJob>(job => job.SendAsync(id, CancellationToken.None));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(NotificationResponse.From(row));
    }
}
