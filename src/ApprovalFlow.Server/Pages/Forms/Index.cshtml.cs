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
/// The forms list <c>/forms</c> for admins and process owners: every deployed task form with its versions (who
/// deployed each and when) and how many open tasks show each version, by key; links to the editor of each and
/// to a new form.
/// </summary>
[Authorize(Policy = Policies.ProcessOwner)]
public sealed class IndexModel(ApprovalFlowDbContext db) : PageModel
{
    /// <summary>The forms, by key.</summary>
    public IReadOnlyList<FormListRow> Forms { get; private set; } = [];

    /// <summary>Reads the forms, their versions and their open tasks.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var versions = await db.Forms.AsNoTracking().OrderBy(f => f.Key).ThenByDescending(f => f.Version)
            .Select(f => new { f.Key, f.Version, f.Name, f.DeployedAt, f.DeployedBy }).ToListAsync(cancellationToken);
        var deployers = versions.Select(v => v.DeployedBy).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => deployers.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var open = await db.Tasks.AsNoTracking().Where(t => t.Status == UserTaskStatus.Open && t.FormVersion != null)
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
