using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Definitions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Pages.Definitions;

/// <summary>A definition in the list: its latest version as the API lists it, and what the page adds.</summary>
/// <param name="Summary">The key with its latest version and running instances (<c>GET /api/definitions</c>).</param>
/// <param name="DeployedBy">Display name of who deployed the latest version (the stored id when the user is gone), or <see langword="null"/> for the system at start-up.</param>
/// <param name="FormKeys">The forms the latest version's user tasks use.</param>
/// <param name="Running">Running instances per version, newest version first, only versions with any.</param>
/// <param name="NextTimerStart">The latest version's next timer start (UTC), or <see langword="null"/> when none is scheduled.</param>
public sealed record DefinitionRow(DefinitionSummaryResponse Summary, string? DeployedBy, IReadOnlyList<string> FormKeys, IReadOnlyList<(int Version, int Count)> Running, DateTimeOffset? NextTimerStart = null);

/// <summary>
/// The definitions list <c>/definitions</c> for admins and process owners: each executable definition with
/// its latest version, who deployed it and when, its next timer start (Jalali in Persian), the instances running on each version and the forms it
/// uses, with links to its versions, the designer, the monitor and the comparison; non-executable
/// processes apart as documentation models (view only); and the upload of a <c>.bpmn</c> file
/// (<see cref="UploadForm"/>).
/// </summary>
[Authorize(Policy = Policies.ProcessOwner)]
public sealed class IndexModel(ApprovalFlowDbContext db) : PageModel
{
    /// <summary>The executable definitions, ordered by key.</summary>
    public IReadOnlyList<DefinitionRow> Processes { get; private set; } = [];

    /// <summary>The documentation models (<c>isExecutable="false"</c> latest versions), ordered by key.</summary>
    public IReadOnlyList<DefinitionRow> DocumentationModels { get; private set; } = [];

    /// <summary>The deployed forms' names by form key.</summary>
    public IReadOnlyDictionary<string, string> FormNames { get; private set; } = new Dictionary<string, string>();

    /// <summary>The upload's outcome when it was refused, else <see langword="null"/>.</summary>
    public UploadOutcome? Upload { get; private set; }

    /// <summary>Shows the list.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    /// <summary>
    /// Deploys the uploaded file (multipart field <c>file</c>) through <c>POST /api/definitions</c>'s handler,
    /// as the signed-in user: on success to the new version's page, else this page with every error.
    /// </summary>
    public async Task<IActionResult> OnPostUploadAsync([FromServices] DefinitionDeployer deployer, [FromServices] ICurrentUser user, CancellationToken cancellationToken)
    {
        var outcome = await UploadForm.DeployAsync(Request, deployer, user, cancellationToken);
        if (outcome.Deployed is { } deployed)
        {
            TempData[DefinitionModel.NoticeKey] = deployed.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (outcome.Status == StatusCodes.Status200OK)
            {
                TempData[DefinitionModel.UnchangedKey] = bool.TrueString;
            }
            return Redirect($"/definitions/{Uri.EscapeDataString(deployed.Key)}?version={deployed.Version}");
        }

        Upload = outcome;
        Response.StatusCode = outcome.Status;
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var summaries = (await DefinitionsApi.ListAsync(db, cancellationToken)).Value ?? [];
        var latest = await db.Definitions.AsNoTracking()
            .Where(d => d.Version == db.Definitions.Where(o => o.Key == d.Key).Max(o => o.Version))
            .Select(d => new { d.Key, d.Id, d.DeployedBy, d.BpmnXml })
            .ToDictionaryAsync(d => d.Key, cancellationToken);
        var names = await DefinitionFacts.DeployerNamesAsync(db, latest.Values.Select(l => l.DeployedBy), cancellationToken);
        var running = await DefinitionFacts.RunningByVersionAsync(db, cancellationToken);
        FormNames = await DefinitionFacts.FormNamesAsync(db, cancellationToken);
        var nextStarts = await Runtime.TimerStarts.TimerStartQueries.NextStartsAsync(db, null, cancellationToken);
        var rows = summaries.ConvertAll(s =>
        {
            var stored = latest[s.Key];
            return new DefinitionRow(
                s,
                names.GetValueOrDefault(stored.DeployedBy) ?? (stored.DeployedBy == DefinitionDeployer.SystemUser ? null : stored.DeployedBy),
                DefinitionFacts.FormKeys(DefinitionFacts.UserTasks(stored.BpmnXml, s.Key)),
                [.. running.Where(r => r.Key.Key == s.Key).OrderByDescending(r => r.Key.Version).Select(r => (r.Key.Version, r.Value))],
                nextStarts.TryGetValue(stored.Id, out var next) ? next : null);
        });
        Processes = [.. rows.Where(r => r.Summary.Executable)];
        DocumentationModels = [.. rows.Where(r => !r.Summary.Executable)];
    }
}
