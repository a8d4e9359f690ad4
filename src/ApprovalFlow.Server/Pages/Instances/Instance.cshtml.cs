using System.Text.Json;
using ApprovalFlow.Engine.State;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Incidents;
using ApprovalFlow.Server.Features.Instances;
using ApprovalFlow.Server.Runtime;
using ApprovalFlow.Server.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ApprovalFlow.Server.Pages.Instances;

/// <summary>A link to another instance of the same call tree.</summary>
/// <param name="Id">The instance.</param>
/// <param name="Name">Its process's name and subject.</param>
public sealed record InstanceLink(Guid Id, string Name);

/// <summary>A child instance (a call activity's, e.g. one working group) as its parent's page lists it.</summary>
/// <param name="Id">The child instance.</param>
/// <param name="Name">What it works on (the working group's name), else its process's name.</param>
/// <param name="Status">API status: <c>active</c>, <c>completed</c> or <c>cancelled</c>.</param>
/// <param name="Stage">The names of the nodes its tokens are at, or <see langword="null"/> when it has ended.</param>
/// <param name="OpenTasks">Its open user tasks.</param>
/// <param name="OpenIncidents">Its open incidents.</param>
public sealed record ChildInstanceRow(Guid Id, string Name, string Status, string? Stage, int OpenTasks, int OpenIncidents);

/// <summary>An open incident.</summary>
/// <param name="Id">The incident (API id, for retry).</param>
/// <param name="NodeName">Where the token stopped.</param>
/// <param name="Message">What went wrong.</param>
/// <param name="When">When it was raised, in the user's calendar.</param>
public sealed record IncidentRow(Guid Id, string NodeName, string Message, string When);

/// <summary>
/// The instance page <c>/instances/{id}</c>: what the instance is (process and version, business key,
/// status, who started it and when, plan cycle), its diagram, its parent and children (the working
/// groups), open incidents (with retry for admins and process owners, the incident API's rule) and a
/// readable timeline (<see cref="InstanceTimeline"/>; <c>?events=all</c> adds the engine-internal
/// events). Visibility is <c>GET /api/instances/{id}</c>'s (<see cref="InstanceAccess"/>): an instance the
/// user may not see is a 403 page, an unknown id a 404 page.
/// </summary>
public sealed class InstanceModel(
    ApprovalFlowDbContext db, ICurrentUser user, DefinitionCatalog catalog, InstanceRunner runner, DisplayFormat format, IStringLocalizer<InstanceTexts> texts,
    Features.Audit.AuditTrail audit)
    : PageModel
{
    /// <summary>The instance.</summary>
    public ProcessInstanceRecord Instance { get; private set; } = null!;

    /// <summary>The process's name (its key when it has none).</summary>
    public string ProcessName { get; private set; } = string.Empty;

    /// <summary>The plan cycle's title (the <c>title</c> variable of the instance or its root), or <see langword="null"/>.</summary>
    public string? CycleTitle { get; private set; }

    /// <summary>What the instance works on (the <c>workingGroup</c> variable's name), or <see langword="null"/>.</summary>
    public string? Subject { get; private set; }

    /// <summary>Display name of who started it, or <see langword="null"/> (a call activity or the system).</summary>
    public string? StartedByName { get; private set; }

    /// <summary>The calling instance, or <see langword="null"/> for a top-level one.</summary>
    public InstanceLink? Parent { get; private set; }

    /// <summary>The top instance of the call tree when it is not the parent or the instance itself, else <see langword="null"/>.</summary>
    public InstanceLink? Root { get; private set; }

    /// <summary>The child instances the user may see, in start order.</summary>
    public IReadOnlyList<ChildInstanceRow> Children { get; private set; } = [];

    /// <summary>Open incidents, newest first.</summary>
    public IReadOnlyList<IncidentRow> Incidents { get; private set; } = [];

    /// <summary>The timeline lines shown (all of them with <see cref="AllEvents"/>).</summary>
    public IReadOnlyList<TimelineItem> Timeline { get; private set; } = [];

    /// <summary>Whether the engine-internal events are shown (<c>?events=all</c>).</summary>
    public bool AllEvents { get; private set; }

    /// <summary>How many engine-internal events the readable timeline leaves out.</summary>
    public int InternalEventCount { get; private set; }

    /// <summary>Whether the user may retry incidents (admins and process owners, as <c>POST /api/incidents/{id}/retry</c>).</summary>
    public bool CanRetry => user.SeesEverything;

    /// <summary>What just happened, as a resource key of <see cref="InstanceTexts"/>, or <see langword="null"/>.</summary>
    public string? Notice { get; private set; }

    /// <summary>Shows the instance; <paramref name="events"/> <c>all</c> shows every history event.</summary>
    public async Task<IActionResult> OnGetAsync(Guid id, string? events, CancellationToken cancellationToken)
    {
        Notice = TempData[nameof(Notice)] as string;
        AllEvents = string.Equals(events, "all", StringComparison.OrdinalIgnoreCase);
        var visible = await InstanceAccess.VisibleAsync(db, user, cancellationToken);
        var record = await visible.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (record is null)
        {
            return await db.Instances.AnyAsync(i => i.Id == id, cancellationToken) ? Forbid() : NotFound();
        }

        Instance = record;
        var definition = await catalog.GetAsync(record.DefinitionId, cancellationToken);
        ProcessName = definition.Name ?? definition.Key;
        Subject = ItemName(record.State.Variables.GetValueOrDefault("workingGroup"));
        StartedByName = record.StartedBy is null ? null : await db.Users.AsNoTracking().Where(u => u.Id == record.StartedBy).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken);
        await LoadRelativesAsync(record, visible, cancellationToken);
        await LoadIncidentsAsync(record, definition, cancellationToken);

        var history = await InstanceHistory.ReadAsync(db, catalog, record.Id, record.DefinitionId, cancellationToken);
        var subjects = (await db.Tasks.AsNoTracking().Where(t => t.InstanceId == record.Id && t.Item != null).Select(t => new { t.Id, t.Item }).ToListAsync(cancellationToken))
            .Select(t => (Id: t.Id.ToString(), Name: ItemName(t.Item))).Where(t => t.Name is not null)
            .ToDictionary(t => t.Id, t => t.Name!, StringComparer.OrdinalIgnoreCase);
        var timeline = InstanceTimeline.Build(history, subjects, texts, format);
        InternalEventCount = timeline.Count(t => t.IsInternal);
        Timeline = AllEvents ? timeline : [.. timeline.Where(t => !t.IsInternal)];
        return Page();
    }

    /// <summary>The BPMN XML of the version the instance runs, for the diagram island (<c>application/xml</c>; the page's access rules).</summary>
    public async Task<IActionResult> OnGetXmlAsync(Guid id, CancellationToken cancellationToken)
    {
        var definitionId = await (await InstanceAccess.VisibleAsync(db, user, cancellationToken))
            .Where(i => i.Id == id).Select(i => (Guid?)i.DefinitionId).SingleOrDefaultAsync(cancellationToken);
        if (definitionId is null)
        {
            return await db.Instances.AnyAsync(i => i.Id == id, cancellationToken) ? Forbid() : NotFound();
        }

        var xml = await db.Definitions.AsNoTracking().Where(d => d.Id == definitionId).Select(d => d.BpmnXml).SingleAsync(cancellationToken);
        Response.Headers.CacheControl = "private, max-age=3600";
        return Content(xml, "application/xml");
    }

    /// <summary>Retries one of the instance's open incidents through the incident API's handler (admins and process owners), then shows the page.</summary>
    public async Task<IActionResult> OnPostRetryAsync(Guid id, Guid incidentId, CancellationToken cancellationToken)
    {
        if (!CanRetry)
        {
            return Forbid();
        }

        if (!await db.Incidents.AnyAsync(i => i.Id == incidentId && i.InstanceId == id, cancellationToken))
        {
            return NotFound();
        }

        var result = (await IncidentsApi.RetryAsync(incidentId, null, db, runner, user, audit, cancellationToken)).Result;
        TempData[nameof(Notice)] = result is Ok<IncidentResponse> ? "NoticeRetried" : "NoticeRetryRefused";
        return RedirectToPage(new { id });
    }

    private async Task LoadRelativesAsync(ProcessInstanceRecord record, IQueryable<ProcessInstanceRecord> visible, CancellationToken cancellationToken)
    {
        var relativeIds = new[] { record.ParentInstanceId, record.RootInstanceId == record.Id ? null : (Guid?)record.RootInstanceId }.OfType<Guid>().Distinct().ToArray();
        var relatives = await db.Instances.AsNoTracking().Where(i => relativeIds.Contains(i.Id)).ToListAsync(cancellationToken);
        CycleTitle = Text(record.State.Variables, "title") ?? relatives.Select(r => Text(r.State.Variables, "title")).FirstOrDefault(t => t is not null);
        Parent = await LinkAsync(relatives.Find(r => r.Id == record.ParentInstanceId), cancellationToken);
        Root = record.RootInstanceId == record.ParentInstanceId ? null : await LinkAsync(relatives.Find(r => r.Id == record.RootInstanceId), cancellationToken);

        var children = await visible.AsNoTracking().Where(i => i.ParentInstanceId == record.Id).OrderBy(i => i.StartedAt).ThenBy(i => i.Id).ToListAsync(cancellationToken);
        var childIds = children.Select(c => c.Id).ToArray();
        var openTasks = await db.Tasks.AsNoTracking().Where(t => childIds.Contains(t.InstanceId) && t.Status == UserTaskStatus.Open)
            .GroupBy(t => t.InstanceId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var rows = new List<ChildInstanceRow>(children.Count);
        foreach (var child in children)
        {
            var definition = await catalog.GetAsync(child.DefinitionId, cancellationToken);
            var names = InstancesApi.NodeNames(definition);
            var stage = child.Status == InstanceStatus.Active
                ? string.Join(texts["StageSeparator"].Value, InstanceResponse.From(child, names).ActiveNodes.Select(n => n.Name ?? n.NodeId))
                : null;
            rows.Add(new ChildInstanceRow(
                child.Id,
                ItemName(child.State.Variables.GetValueOrDefault("workingGroup")) ?? definition.Name ?? definition.Key,
                InstanceResponse.StatusText(child.Status),
                string.IsNullOrEmpty(stage) ? null : stage,
                openTasks.GetValueOrDefault(child.Id),
                child.State.Incidents.Count));
        }

        Children = rows;
    }

    private async Task LoadIncidentsAsync(ProcessInstanceRecord record, DeployedDefinition definition, CancellationToken cancellationToken)
    {
        var names = InstancesApi.NodeNames(definition);
        var open = await db.Incidents.AsNoTracking().Where(i => i.InstanceId == record.Id && i.ResolvedAt == null).OrderByDescending(i => i.CreatedAt).ToListAsync(cancellationToken);
        Incidents = [.. open.Select(i => new IncidentRow(i.Id, names(i.NodeId) ?? i.NodeId, i.Message, format.DateTime(i.CreatedAt)))];
    }

    private async Task<InstanceLink?> LinkAsync(ProcessInstanceRecord? relative, CancellationToken cancellationToken)
    {
        if (relative is null)
        {
            return null;
        }

        var definition = await catalog.GetAsync(relative.DefinitionId, cancellationToken);
        var name = definition.Name ?? definition.Key;
        var subject = ItemName(relative.State.Variables.GetValueOrDefault("workingGroup"));
        return new InstanceLink(relative.Id, subject is null ? name : $"{name} — {subject}");
    }

    private static string? Text(Dictionary<string, JsonElement> variables, string name) =>
        variables.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? ItemName(JsonElement? item) =>
        item is { ValueKind: JsonValueKind.Object } value && value.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String
            ? name.GetString()
            : null;
}
