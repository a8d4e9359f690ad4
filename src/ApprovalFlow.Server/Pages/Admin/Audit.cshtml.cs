using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Audit;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Runtime;
using ApprovalFlow.Server.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ApprovalFlow.Server.Pages.Admin;

/// <summary>
/// The admin's audit log at <c>/admin/audit</c>: every recorded admin action, newest first, filtered by who, what kind
/// and dates (Solar Hijri or ISO, in the URL) and paged; reads through <see cref="AuditLog"/>, as
/// <c>GET /api/admin/audit</c> does, and shown in words (<see cref="AuditEntryViews"/>).
/// </summary>
[Authorize(Roles = Roles.Admin)]
public sealed class AuditModel(
    AuditLog log, ApprovalFlowDbContext db, DefinitionCatalog catalog, DisplayFormat format, IStringLocalizer<AuditTexts> texts, IStringLocalizer<NotificationsTexts> mails) : PageModel
{
    /// <summary>Entries per page: 25.</summary>
    public const int PageSize = 25;

    /// <summary>The chosen actor (user id), or <see langword="null"/> for everyone.</summary>
    public string? Actor { get; private set; }

    /// <summary>The chosen action kind, or <see langword="null"/> for all.</summary>
    public string? Action { get; private set; }

    /// <summary>The start date as typed, or <see langword="null"/>.</summary>
    public string? From { get; private set; }

    /// <summary>The end date (inclusive) as typed, or <see langword="null"/>.</summary>
    public string? To { get; private set; }

    /// <summary>Whether a date filter could not be read (the list is then empty and the error shown).</summary>
    public bool FilterInvalid { get; private set; }

    /// <summary>The users who have entries, by name, for the actor filter.</summary>
    public IReadOnlyList<(string Id, string Name)> Actors { get; private set; } = [];

    /// <summary>The entries of the page.</summary>
    public IReadOnlyList<AuditEntryView> Entries { get; private set; } = [];

    /// <summary>Entries matching the filters.</summary>
    public int Total { get; private set; }

    /// <summary>The page shown (1-based).</summary>
    public int PageNumber { get; private set; } = 1;

    /// <summary>Pages in all (at least 1).</summary>
    public int PageCount { get; private set; } = 1;

    /// <summary>Shows page <paramref name="p"/> of the entries matching the filters.</summary>
    public async Task OnGetAsync(string? actor, string? action, string? from, string? to, int? p, CancellationToken cancellationToken)
    {
        Actor = Blank(actor);
        Action = Blank(action) is { } chosen && AuditActions.All.Contains(chosen) ? chosen : null;
        From = Blank(from);
        To = Blank(to);
        var actors = await db.Set<AuditEntryRecord>().AsNoTracking().GroupBy(a => a.ActorId)
            .Select(g => new { Id = g.Key, Name = g.Max(a => a.ActorName) }).ToListAsync(cancellationToken);
        Actors = [.. actors.Select(a => (a.Id, a.Name ?? a.Id)).OrderBy(a => a.Item2, StringComparer.CurrentCulture)];
        var (page, invalid) = await log.QueryAsync(new AuditFilter(Actor, Action, From, To), p ?? 1, PageSize, cancellationToken);
        if (page is null)
        {
            FilterInvalid = invalid is not null;
            return;
        }

        Entries = await new AuditEntryViews(db, catalog, format, texts, mails).BuildAsync(page.Items, cancellationToken);
        Total = page.Total;
        PageCount = Math.Max(1, (Total + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(p ?? 1, 1, PageCount);
    }

    /// <summary>The page's URL with the current filters at page <paramref name="page"/>.</summary>
    public string PageUrl(int page)
    {
        var query = new List<KeyValuePair<string, string?>>();
        foreach (var (name, value) in new[] { ("actor", Actor), ("action", Action), ("from", From), ("to", To) })
        {
            if (value is not null)
            {
                query.Add(new(name, value));
            }
        }

        if (page > 1)
        {
            query.Add(new("p", page.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return QueryHelpers.AddQueryString("/admin/audit", query);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
