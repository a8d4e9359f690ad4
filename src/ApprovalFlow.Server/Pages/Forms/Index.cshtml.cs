using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Pages.Forms;

/// <summary>One deployed version of a form in the list.</summary>
/// <param name="Version">The version.</param>
/// <param name="DeployedAt">When it was deployed (UTC).</param>
/// <param name="DeployedBy">Who deployed it (display name), or <see langword="null"/> for the start-up deployment of the shipped forms.</param>
/// <param name="OpenTasks">How many open tasks show this version.</param>
public sealed record FormVersionRow(int Version, DateTimeOffset DeployedAt, string? DeployedBy, int OpenTasks);

/// <summary>A form in the list: its key, the latest version's name, and every version, newest first.</summary>
/// <param name="Key">The form key (<c>camunda:formKey</c>).</param>
/// <param name="Name">The latest version's name, or <see langword="null"/>.</param>
/// <param name="Versions">Its versions, newest first.</param>
public sealed record FormListRow(string Key, string? Name, IReadOnlyList<FormVersionRow> Versions);

/// <summary>
/// The forms list <c>/forms?p=</c> for admins and process owners: the deployed task forms by key, a page of
/// <see cref="PageSize"/> at a time (paged in the database), each with its versions (who deployed each and when) and
/// how many open tasks show each version; links to the editor of each and to a new form.
/// </summary>
[Authorize(Policy = Policies.ProcessOwner)]
public sealed class IndexModel(ApprovalFlowDbContext db) : PageModel
{
    /// <summary>Forms (keys) per page: 20.</summary>
    public const int PageSize = 20;

    /// <summary>The forms of the page, by key.</summary>
    public IReadOnlyList<FormListRow> Forms { get; private set; } = [];

    /// <summary>How many form keys are deployed in all.</summary>
    public int Total { get; private set; }

    /// <summary>The page shown (1-based; a page past the last shows the last).</summary>
    public int PageNumber { get; private set; } = 1;

    /// <summary>Pages in all (at least 1).</summary>
    public int PageCount { get; private set; } = 1;

    /// <summary>The page numbers to link: the first, the last and two either side of the current one; 0 marks a gap.</summary>
    public IReadOnlyList<int> PageLinks
    {
        get
        {
            var shown = new SortedSet<int> { 1, PageCount };
            for (var p = Math.Max(1, PageNumber - 2); p <= Math.Min(PageCount, PageNumber + 2); p++)
            {
                shown.Add(p);
            }

            var links = new List<int>();
            foreach (var page in shown)
            {
                if (links.Count > 0 && page - links[^1] > 1)
                {
                    links.Add(0);
                }

                links.Add(page);
            }

            return links;
        }
    }

    /// <summary>Reads page <paramref name="p"/> (1 when omitted) of the form keys, their versions and their open tasks.</summary>
    public async Task OnGetAsync(int? p, CancellationToken cancellationToken)
    {
        var keys = db.Forms.AsNoTracking().Select(f => f.Key).Distinct();
        Total = await keys.CountAsync(cancellationToken);
        PageCount = Math.Max(1, (Total + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(p ?? 1, 1, PageCount);
        var shown = await keys.OrderBy(k => k).Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        var versions = await db.Forms.AsNoTracking().Where(f => shown.Contains(f.Key)).OrderBy(f => f.Key).ThenByDescending(f => f.Version)
            .Select(f => new { f.Key, f.Version, f.Name, f.DeployedAt, f.DeployedBy }).ToListAsync(cancellationToken);
        var deployers = versions.Select(v => v.DeployedBy).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => deployers.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var open = await db.Tasks.AsNoTracking().Where(t => t.Status == UserTaskStatus.Open && t.FormVersion != null && shown.Contains(t.FormKey!))
            .GroupBy(t => new { t.FormKey, t.FormVersion }).Select(g => new { g.Key.FormKey, g.Key.FormVersion, Count = g.Count() })
            .ToListAsync(cancellationToken);
        Forms = [.. versions.GroupBy(v => v.Key).Select(form => new FormListRow(
            form.Key,
            form.First().Name,
            [.. form.Select(v => new FormVersionRow(
                v.Version,
                v.DeployedAt,
                names.GetValueOrDefault(v.DeployedBy),
                open.Find(o => o.FormKey == v.Key && o.FormVersion == v.Version)?.Count ?? 0))]))];
    }
}
