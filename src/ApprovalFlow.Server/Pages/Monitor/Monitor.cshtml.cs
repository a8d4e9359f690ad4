using ApprovalFlow.Server.Api;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Incidents;
using ApprovalFlow.Server.Features.Monitoring;
using ApprovalFlow.Server.Runtime;
using ApprovalFlow.Server.Web;
using Htmx;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ApprovalFlow.Server.Pages.Monitor;

/// <summary>One node in the monitor's table and on its diagram, with its figures in words.</summary>
/// <param name="Figures">The node's figures (<c>GET .../statistics</c>).</param>
/// <param name="Name">Its name (its id when it has none).</param>
/// <param name="Median">The median time spent there in words, or <see langword="null"/> without completions.</param>
/// <param name="P90">The p90 time in words, or <see langword="null"/>.</param>
/// <param name="Heat">Its heat-map level by p90: 1 (shortest) to 5 (longest), 0 without completions.</param>
public sealed record MonitorNode(NodeStatistics Figures, string Name, string? Median, string? P90, int Heat);

/// <summary>An open incident of the version.</summary>
/// <param name="Id">The incident (API id, for retry).</param>
/// <param name="InstanceId">Its instance.</param>
/// <param name="BusinessKey">The instance's business key, or <see langword="null"/>.</param>
/// <param name="NodeName">Where the token stopped.</param>
/// <param name="Message">What went wrong.</param>
/// <param name="When">When it was raised, in the user's calendar.</param>
public sealed record MonitorIncident(Guid Id, Guid InstanceId, string? BusinessKey, string NodeName, string Message, string When);

/// <summary>
/// The monitor of one definition version <c>/definitions/{key}/versions/{version}/monitor</c> for admins and
/// process owners: its diagram with the tokens waiting at each node, open incidents marked on their nodes,
/// median and p90 time spent at each node and a heat map of p90 (<see cref="VersionStatistics"/>, the
/// figures of <c>GET /api/definitions/{key}/versions/{version}/statistics</c>); a sortable table of the
/// nodes (the keyboard's way to the same figures) whose links select a node and list the instances waiting
/// there (htmx swaps the panel; without JavaScript the page reloads); the version's open incidents with
/// retry (the incident API's handler). Sort, direction and the selected node live in the URL.
/// </summary>
[Authorize(Policy = Policies.ProcessOwner)]
public sealed class MonitorModel(
    ApprovalFlowDbContext db, VersionStatistics statistics, InstanceRunner runner, ICurrentUser user, DisplayFormat format, DurationText durations, IStringLocalizer<MonitorTexts> texts,
    Features.Audit.AuditTrail audit)
    : PageModel
{
    /// <summary>Waiting instances listed per page: 20.</summary>
    public const int PageSize = 20;

    /// <summary>Heat-map levels: 5.</summary>
    public const int HeatLevels = 5;

    /// <summary>The columns the table sorts by; <c>order</c> (the diagram's document order) by default.</summary>
    public static IReadOnlyList<string> Sorts { get; } = ["order", "name", "waiting", "incidents", "completed", "median", "p90"];

    /// <summary>The definition key.</summary>
    public string Key { get; private set; } = string.Empty;

    /// <summary>The version number.</summary>
    public int Version { get; private set; }

    /// <summary>The version's figures.</summary>
    public VersionStatisticsResponse Statistics { get; private set; } = null!;

    /// <summary>The process's name (its key when it has none).</summary>
    public string ProcessName { get; private set; } = string.Empty;

    /// <summary>Whether the BPMN file has diagram interchange (shapes to draw).</summary>
    public bool HasDrawing { get; private set; }

    /// <summary>The nodes, sorted as asked.</summary>
    public IReadOnlyList<MonitorNode> Nodes { get; private set; } = [];

    /// <summary>The upper bound of each heat level (index 0 is level 1) in words; empty when no node has figures.</summary>
    public IReadOnlyList<string> HeatBounds { get; private set; } = [];

    /// <summary>The chosen sort (one of <see cref="Sorts"/>).</summary>
    public string Sort { get; private set; } = "order";

    /// <summary>Whether the sort is descending.</summary>
    public bool Descending { get; private set; }

    /// <summary>The selected node, or <see langword="null"/>.</summary>
    public MonitorNode? Selected { get; private set; }

    /// <summary>The instances waiting at <see cref="Selected"/>, or <see langword="null"/> when none is selected.</summary>
    public WaitingInstancePage? Waiting { get; private set; }

    /// <summary>The page of <see cref="Waiting"/> (1-based).</summary>
    public int WaitingPage { get; private set; } = 1;

    /// <summary>The version's open incidents, newest first.</summary>
    public IReadOnlyList<MonitorIncident> Incidents { get; private set; } = [];

    /// <summary>What the last retry did, as a resource key of <see cref="MonitorTexts"/>, or <see langword="null"/>.</summary>
    public string? Notice { get; private set; }

    /// <summary>
    /// Shows the monitor; <paramref name="node"/> selects a node (an htmx request for <c>#waiting-panel</c>
    /// gets only the panel), <paramref name="sort"/> and <paramref name="dir"/> (<c>asc</c>, <c>desc</c>) sort
    /// the table, <paramref name="p"/> pages the waiting instances. 404 for a version that does not exist.
    /// </summary>
    public async Task<IActionResult> OnGetAsync(string key, int version, string? node, string? sort, string? dir, int? p, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(key, version, node, sort, dir, p, cancellationToken))
        {
            return NotFound();
        }

        Notice = TempData[nameof(Notice)] as string;
        return Request.IsHtmx(out var htmx) && htmx?.Target == "waiting-panel" && !Request.IsHtmxHistoryRestoreRequest() ? Partial("_WaitingPanel", this) : Page();
    }

    /// <summary>The version's BPMN XML for the island (<c>application/xml</c>); 404 for an unknown version.</summary>
    public async Task<IActionResult> OnGetXmlAsync(string key, int version, CancellationToken cancellationToken)
    {
        var xml = await db.Definitions.AsNoTracking().Where(d => d.Key == key && d.Version == version).Select(d => d.BpmnXml).SingleOrDefaultAsync(cancellationToken);
        if (xml is null)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "private, max-age=3600";
        return Content(xml, "application/xml");
    }

    /// <summary>
    /// Retries one of the version's open incidents through the incident API's handler, then shows the
    /// incidents again: the panel for htmx, else the page (the result as a notice either way).
    /// </summary>
    public async Task<IActionResult> OnPostRetryAsync(string key, int version, Guid incidentId, CancellationToken cancellationToken)
    {
        var belongs = await db.Incidents.AnyAsync(
            i => i.Id == incidentId && db.Instances.Any(p => p.Id == i.InstanceId && p.DefinitionKey == key && p.DefinitionVersion == version), cancellationToken);
        if (!belongs)
        {
            return NotFound();
        }

        var result = (await IncidentsApi.RetryAsync(incidentId, null, db, runner, user, audit, cancellationToken)).Result;
        var notice = result is Ok<IncidentResponse> ? "NoticeRetried" : "NoticeRetryRefused";
        if (!Request.IsHtmx())
        {
            TempData[nameof(Notice)] = notice;
            return RedirectToPage(new { key, version });
        }

        if (!await LoadAsync(key, version, null, null, null, null, cancellationToken))
        {
            return NotFound();
        }

        Notice = notice;
        return Partial("_IncidentsPanel", this);
    }

    /// <summary>The page's URL with the current sort, <paramref name="node"/> selected and waiting page <paramref name="page"/>.</summary>
    public string PageLink(string? node, int page = 1, string? sort = null, bool? descending = null)
    {
        var query = new List<KeyValuePair<string, string?>>();
        sort ??= Sort;
        if (sort != "order")
        {
            query.Add(new("sort", sort));
        }

        if (descending ?? Descending)
        {
            query.Add(new("dir", "desc"));
        }

        if (node is not null)
        {
            query.Add(new("node", node));
        }

        if (page > 1)
        {
            query.Add(new("p", page.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return $"/definitions/{Uri.EscapeDataString(Key)}/versions/{Version}/monitor" + QueryString.Create(query);
    }

    /// <summary>The tooltip of a node: its name, waiting tokens, incidents and times.</summary>
    public string Summary(MonitorNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var lines = new List<string> { node.Name, texts["WaitingCount", format.Number(node.Figures.Waiting)] };
        if (node.Figures.OpenIncidents > 0)
        {
            lines.Add(texts["IncidentCount", format.Number(node.Figures.OpenIncidents)]);
        }

        lines.Add(node.Median is null ? texts["NoTimes"] : texts["Times", node.Median, node.P90!, format.Number(node.Figures.Completed)]);
        return string.Join('\n', lines);
    }

    private async Task<bool> LoadAsync(string key, int version, string? node, string? sort, string? dir, int? p, CancellationToken cancellationToken)
    {
        var definition = await statistics.FindVersionAsync(key, version, cancellationToken);
        if (definition is null)
        {
            return false;
        }

        Key = key;
        Version = version;
        ProcessName = definition.Name ?? definition.Key;
        HasDrawing = await db.Definitions.AsNoTracking().Where(d => d.Id == definition.Id).Select(d => d.BpmnXml.Contains("BPMNPlane")).SingleAsync(cancellationToken);
        Statistics = await statistics.DescribeAsync(definition, cancellationToken);
        Sort = sort is not null && Sorts.Contains(sort) ? sort : "order";
        Descending = dir == "desc";

        var longest = Statistics.Nodes.Max(n => n.P90Seconds) ?? 0;
        HeatBounds = longest > 0 ? [.. Enumerable.Range(1, HeatLevels).Select(level => durations.Format(longest * level / HeatLevels))] : [];
        var nodes = Statistics.Nodes.Select(n => new MonitorNode(
            n, n.Name ?? n.NodeId,
            n.MedianSeconds is { } median ? durations.Format(median) : null,
            n.P90Seconds is { } p90 ? durations.Format(p90) : null,
            n.P90Seconds is { } slow && longest > 0 ? Math.Clamp((int)Math.Ceiling(slow / longest * HeatLevels), 1, HeatLevels) : 0)).ToList();
        Nodes = Sorted(nodes);

        Selected = node is null ? null : nodes.Find(n => n.Figures.NodeId == node);
        if (Selected is not null)
        {
            (WaitingPage, var size) = Paging.Clamp(p ?? 1, PageSize);
            Waiting = await statistics.WaitingAsync(definition, Selected.Figures.NodeId, WaitingPage, size, cancellationToken);
        }

        var names = nodes.ToDictionary(n => n.Figures.NodeId, n => n.Name, StringComparer.Ordinal);
        var open = await db.Incidents.AsNoTracking()
            .Where(i => i.ResolvedAt == null)
            .Join(db.Instances.Where(i => i.DefinitionId == definition.Id), i => i.InstanceId, i => i.Id, (incident, instance) => new { incident, instance.BusinessKey })
            .OrderByDescending(x => x.incident.CreatedAt).ThenByDescending(x => x.incident.Id).Take(200)
            .ToListAsync(cancellationToken);
        Incidents = [.. open.Select(x => new MonitorIncident(
            x.incident.Id, x.incident.InstanceId, x.BusinessKey, names.GetValueOrDefault(x.incident.NodeId) ?? x.incident.NodeId, x.incident.Message, format.DateTime(x.incident.CreatedAt)))];
        return true;
    }

    private List<MonitorNode> Sorted(List<MonitorNode> nodes)
    {
        if (Sort == "order")
        {
            return Descending ? [.. Enumerable.Reverse(nodes)] : nodes;
        }

        Func<MonitorNode, IComparable> by = Sort switch
        {
            "name" => n => n.Name,
            "waiting" => n => n.Figures.Waiting,
            "incidents" => n => n.Figures.OpenIncidents,
            "completed" => n => n.Figures.Completed,
            "median" => n => n.Figures.MedianSeconds ?? -1,
            _ => n => n.Figures.P90Seconds ?? -1,
        };
        var comparer = Comparer<IComparable>.Create((x, y) => x is string a && y is string b ? StringComparer.CurrentCulture.Compare(a, b) : x.CompareTo(y));
        return Descending ? [.. nodes.OrderByDescending(by, comparer)] : [.. nodes.OrderBy(by, comparer)];
    }
}
