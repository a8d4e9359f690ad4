using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Definitions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Pages.Definitions;

/// <summary>A version in the definition page's table.</summary>
/// <param name="Version">The version as <c>GET /api/definitions/{key}</c> lists it (with its running instances).</param>
/// <param name="DeployedBy">Display name of who deployed it (the stored id when the user is gone), or <see langword="null"/> for the system at start-up.</param>
/// <param name="FormKeys">The forms its user tasks use.</param>
public sealed record VersionRow(DefinitionVersionResponse Version, string? DeployedBy, IReadOnlyList<string> FormKeys);

/// <summary>
/// A definition's page <c>/definitions/{key}</c> (admins and process owners): its versions newest first,
/// each with who deployed it and when, its running instances, its forms and links; and the selected
/// version's diagram (<c>?version=</c>, the latest by default) in the diagram island. An unknown key is a 404 page.
/// </summary>
[Authorize(Policy = Policies.ProcessOwner)]
public sealed class DefinitionModel(ApprovalFlowDbContext db) : PageModel
{
    /// <summary>The TempData entry holding the version an upload just deployed.</summary>
    public const string NoticeKey = "DeployedVersion";

    /// <summary>The TempData entry saying the uploaded file was already deployed (the same content), so no version was made.</summary>
    public const string UnchangedKey = "DeployedUnchanged";

    /// <summary>The definition key.</summary>
    public string Key { get; private set; } = string.Empty;

    /// <summary>The selected version's process name, its key when it has none.</summary>
    public string Name { get; private set; } = string.Empty;

    /// <summary>The versions, newest first.</summary>
    public IReadOnlyList<VersionRow> Versions { get; private set; } = [];

    /// <summary>The deployed forms' names by form key.</summary>
    public IReadOnlyDictionary<string, string> FormNames { get; private set; } = new Dictionary<string, string>();

    /// <summary>The version whose diagram is shown.</summary>
    public VersionRow Selected { get; private set; } = null!;

    /// <summary>The version an upload just deployed (or found already deployed), or <see langword="null"/>.</summary>
    public int? JustDeployed { get; private set; }

    /// <summary>Whether the upload of <see cref="JustDeployed"/> found the same file already deployed.</summary>
    public bool Unchanged { get; private set; }

    /// <summary>Shows the versions of <paramref name="key"/> and the diagram of <paramref name="version"/> (the latest when missing or unknown).</summary>
    public async Task<IActionResult> OnGetAsync(string key, int? version, CancellationToken cancellationToken)
    {
        if ((await DefinitionsApi.GetVersionsAsync(key, db, cancellationToken)).Result is not Ok<List<DefinitionVersionResponse>> { Value: { } versions })
        {
            return NotFound();
        }

        Key = key;
        JustDeployed = TempData[NoticeKey] is string deployed && int.TryParse(deployed, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null;
        Unchanged = TempData[UnchangedKey] is string unchanged && bool.TryParse(unchanged, out var same) && same;
        var files = await db.Definitions.AsNoTracking().Where(d => d.Key == key).ToDictionaryAsync(d => d.Version, d => d.BpmnXml, cancellationToken);
        var names = await DefinitionFacts.DeployerNamesAsync(db, versions.Select(x => x.DeployedBy), cancellationToken);
        Versions = [.. versions.OrderByDescending(x => x.Version).Select(x => new VersionRow(
            x,
            names.GetValueOrDefault(x.DeployedBy) ?? (x.DeployedBy == DefinitionDeployer.SystemUser ? null : x.DeployedBy),
            DefinitionFacts.FormKeys(DefinitionFacts.UserTasks(files[x.Version], key))))];
        FormNames = await DefinitionFacts.FormNamesAsync(db, cancellationToken);
        Selected = Versions.FirstOrDefault(x => x.Version.Version == version) ?? Versions[0];
        Name = Selected.Version.Name ?? key;
        return Page();
    }
}
