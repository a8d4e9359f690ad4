using System.Text.Json;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Definitions;
using ApprovalFlow.Server.Features.Instances;
using ApprovalFlow.Server.Runtime;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ApprovalFlow.Server.Pages.Instances;

/// <summary>An instance in the list.</summary>
/// <param name="Summary">The instance as the API lists it.</param>
/// <param name="Name">Its process's name, and what it works on (the working group) when it has one.</param>
/// <param name="CycleTitle">The plan cycle's title (the <c>title</c> variable), or <see langword="null"/>.</param>
/// <param name="Stage">The names of the nodes its tokens are at, or <see langword="null"/> when it has ended.</param>
public sealed record InstanceListRow(InstanceSummary Summary, string Name, string? CycleTitle, string? Stage);

/// <summary>
/// The instances list <c>/instances</c> for admins and process owners: the running plan cycles (by
/// default; any status on request) with the stage they are at, filtered by process and status, newest
/// first, paged. The rows come from <c>GET /api/instances</c>'s handler; filters and page live in the URL.
/// </summary>
[Authorize(Policy = Policies.ProcessOwner)]
public sealed class IndexModel(ApprovalFlowDbContext db, ICurrentUser user, DefinitionCatalog catalog, IStringLocalizer<InstanceTexts> texts) : PageModel
{
    /// <summary>Rows per page: 20.</summary>
    public const int PageSize = 20;

    /// <summary>The statuses to filter by, in API spelling; <c>any</c> for all.</summary>
    public static IReadOnlyList<string> Statuses { get; } = ["active", "completed", "cancelled", "any"];

    /// <summary>The processes to filter by (key and name), ordered by key.</summary>
    public IReadOnlyList<DefinitionSummaryResponse> Definitions { get; private set; } = [];

    /// <summary>The chosen process key, or <see langword="null"/> for all.</summary>
    public string? Definition { get; private set; }

    /// <summary>The chosen status (one of <see cref="Statuses"/>); <c>active</c> by default.</summary>
    public string Status { get; private set; } = "active";

    /// <summary>The page shown (1-based).</summary>
    public int PageNumber { get; private set; } = 1;

    /// <summary>Pages in all (at least 1).</summary>
    public int PageCount { get; private set; } = 1;

    /// <summary>Instances matching the filters.</summary>
    public int Total { get; private set; }

    /// <summary>The rows of the page.</summary>
    public IReadOnlyList<InstanceListRow> Rows { get; private set; } = [];

    /// <summary>Shows one page of the instances of <paramref name="definition"/> (all when empty) with <paramref name="status"/>.</summary>
    public async Task<IActionResult> OnGetAsync(string? definition, string? status, int? p, CancellationToken cancellationToken)
    {
        Definitions = (await DefinitionsApi.ListAsync(db, cancellationToken)).Value ?? [];
        Definition = Definitions.Any(d => d.Key == definition) ? definition : null;
        Status = status is not null && Statuses.Contains(status) ? status : "active";
        PageNumber = Math.Max(1, p ?? 1);
        var result = (await InstancesApi.ListAsync(db, user, cancellationToken, Definition, Status == "any" ? null : Status, null, PageNumber, PageSize)).Result;
        if (result is not Ok<InstancePage> { Value: { } page })
        {
            return BadRequest();
        }

        Total = page.Total;
        PageCount = Math.Max(1, (page.Total + PageSize - 1) / PageSize);
        var ids = page.Items.Select(i => i.Id).ToArray();
        var states = await db.Instances.AsNoTracking().Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, cancellationToken);
        var rows = new List<InstanceListRow>(page.Items.Count);
        foreach (var item in page.Items)
        {
            var record = states[item.Id];
            var deployed = await catalog.GetAsync(record.DefinitionId, cancellationToken);
            var subject = Name(record.State.Variables.GetValueOrDefault("workingGroup"));
            var name = deployed.Name ?? deployed.Key;
            var stage = item.Status == "active"
                ? string.Join(texts["StageSeparator"].Value, InstanceResponse.From(record, InstancesApi.NodeNames(deployed)).ActiveNodes.Select(n => n.Name ?? n.NodeId))
                : null;
            rows.Add(new InstanceListRow(
                item,
                subject is null ? name : $"{name} — {subject}",
                record.State.Variables.TryGetValue("title", out var title) && title.ValueKind == JsonValueKind.String ? title.GetString() : null,
                string.IsNullOrEmpty(stage) ? null : stage));
        }

        Rows = rows;
        return Page();
    }

    /// <summary>The list's URL with the current filters and page <paramref name="page"/>.</summary>
    public string PageUrl(int page)
    {
        var query = new List<KeyValuePair<string, string?>>();
        if (Definition is not null)
        {
            query.Add(new("definition", Definition));
        }

        if (Status != "active")
        {
            query.Add(new("status", Status));
        }

        if (page > 1)
        {
            query.Add(new("p", page.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return "/instances" + QueryString.Create(query);
    }

    private static string? Name(JsonElement item) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString() : null;
}
