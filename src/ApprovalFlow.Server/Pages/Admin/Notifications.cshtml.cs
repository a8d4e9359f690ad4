using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Notifications;
using Hangfire;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ApprovalFlow.Server.Pages.Admin;

/// <summary>
/// The admin's mail page at <c>/admin/notifications</c>: the failed mails first, then the recent ones (filtered
/// by status in the URL), each resendable. Lists and resends go through the handlers of
/// <c>GET /api/notifications</c> and <c>POST /api/notifications/{id}/resend</c>.
/// </summary>
[Authorize(Roles = Roles.Admin)]
public sealed class NotificationsModel(ApprovalFlowDbContext db, IBackgroundJobClient jobs, Features.Audit.AuditTrail audit) : PageModel
{
    /// <summary>The status filters offered, <c>all</c> first.</summary>
    public static readonly string[] Statuses = ["all", "failed", "pending", "sent", "skipped"];

    /// <summary>The status filter shown.</summary>
    public string Status { get; private set; } = "all";

    /// <summary>The failed mails (shown above the list whatever the filter).</summary>
    public IReadOnlyList<NotificationResponse> Failed { get; private set; } = [];

    /// <summary>The most recent mails of <see cref="Status"/> (at most 100).</summary>
    public IReadOnlyList<NotificationResponse> Recent { get; private set; } = [];

    /// <summary>The mail just resent, or <see langword="null"/>.</summary>
    public Guid? Resent { get; private set; }

    /// <summary>Shows the failed and the recent mails.</summary>
    public async Task OnGetAsync(string? status, CancellationToken cancellationToken)
    {
        Resent = TempData[nameof(Resent)] as Guid?;
        await LoadAsync(status, cancellationToken);
    }

    /// <summary>Resends a mail, then shows the page again.</summary>
    public async Task<IActionResult> OnPostResendAsync(Guid id, string? status, CancellationToken cancellationToken)
    {
        if ((await NotificationsApi.ResendAsync(id, db, jobs, audit, cancellationToken)).Result is Ok<NotificationResponse>)
        {
            TempData[nameof(Resent)] = id;
        }

        return RedirectToPage(new { status });
    }

    private async Task LoadAsync(string? status, CancellationToken cancellationToken)
    {
        Status = Statuses.Contains(status) ? status! : "all";
        Failed = await ListAsync("failed", cancellationToken);
        Recent = [.. (await ListAsync(Status == "all" ? null : Status, cancellationToken)).Take(100)];
    }

    private async Task<List<NotificationResponse>> ListAsync(string? status, CancellationToken cancellationToken) =>
        (await NotificationsApi.ListAsync(db, cancellationToken, status)).Result is Ok<List<NotificationResponse>> { Value: { } rows } ? rows : [];
}
