using ApprovalFlow.Bpmn.Model;
using ApprovalFlow.Engine.Migration;
using ApprovalFlow.Engine.State;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Migrations;
using Htmx;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Pages.Migrations;

/// <summary>
/// The new-migration page at <c>/migrations/new?key=&amp;from=&amp;to=</c> (process owners and admins):
/// versions, a node mapping with the defaults filled in, which instances, a dry run showing what happens
/// to each, and apply (only after a dry run that moves someone) leading to the progress page. Works
/// through <see cref="MigrationPlanner"/>, as <c>POST /api/migrations</c> does.
/// </summary>
[Authorize(Policy = Policies.ProcessOwner)]
public sealed class NewModel(ApprovalFlowDbContext db, MigrationPlanner planner, ICurrentUser user) : PageModel
{
    /// <summary>The definition key, or <see langword="null"/> before one is chosen.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Key { get; set; }

    /// <summary>The source version (0 before one is chosen).</summary>
    [BindProperty(SupportsGet = true)]
    public int From { get; set; }

    /// <summary>The target version (0 before one is chosen).</summary>
    [BindProperty(SupportsGet = true)]
    public int To { get; set; }

    /// <summary>The mapping chosen: source node id → target node id (empty: none chosen).</summary>
    [BindProperty]
    public Dictionary<string, string> Map { get; set; } = new(StringComparer.Ordinal);

    /// <summary><c>all</c> for every running instance of the source version, <c>list</c> for <see cref="Ids"/>.</summary>
    [BindProperty]
    public string Scope { get; set; } = "all";

    /// <summary>The instances picked when <see cref="Scope"/> is <c>list</c>.</summary>
    [BindProperty]
    public List<Guid> Ids { get; set; } = [];

    /// <summary>Executable definitions (key, name), by key.</summary>
    public IReadOnlyList<(string Key, string? Name)> Definitions { get; private set; } = [];

    /// <summary>The versions of <see cref="Key"/>, oldest first.</summary>
    public IReadOnlyList<int> Versions { get; private set; } = [];

    /// <summary>The plan for the chosen versions, or <see langword="null"/> while they are not both chosen and different.</summary>
    public MigrationPlan? Plan { get; private set; }

    /// <summary>The running instances of the source version (to pick from), oldest first.</summary>
    public IReadOnlyList<ProcessInstanceRecord> Running { get; private set; } = [];

    /// <summary>The source nodes with tokens in the running instances, in document order.</summary>
    public IReadOnlyList<FlowNode> ActiveNodes { get; private set; } = [];

    /// <summary>The dry run's result, or <see langword="null"/> before one.</summary>
    public MigrationPreviewResponse? Preview { get; private set; }

    /// <summary>Why the request could not be planned (a version, node or instance that does not exist), or <see langword="null"/>.</summary>
    public MigrationRequestException? RequestError { get; private set; }

    /// <summary>
    /// The id of the control <see cref="RequestError"/> is shown beside (the definition, a version, the mapping of its
    /// node, the instances), or <see langword="null"/> when there is none.
    /// </summary>
    public string? RequestErrorAt => RequestError switch
    {
        null => null,
        { Field: MigrationRequestFields.DefinitionKey } => "migration-key",
        { Field: MigrationRequestFields.FromVersion } when Versions.Count > 0 => "migration-from",
        { Field: MigrationRequestFields.ToVersion } when Versions.Count > 0 => "migration-to",
        { Field: MigrationRequestFields.Mapping, SourceNodeId: { } node } when ActiveNodes.Any(n => n.Id == node) => MapId(node),
        { Field: MigrationRequestFields.Mapping } when Plan is not null => "mapping-title",
        { Field: MigrationRequestFields.InstanceIds } when Plan is not null => "instances-title",
        _ => null,
    };

    /// <summary>The id of the target select of <paramref name="nodeId"/>'s mapping.</summary>
    public static string MapId(string nodeId) => "map-" + nodeId;

    /// <summary>Shows the form.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    /// <summary>Runs the dry run; an htmx request gets only the result.</summary>
    public async Task<IActionResult> OnPostDryRunAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (Plan is not null && RequestError is null)
        {
            try
            {
                Preview = await planner.PreviewAsync(await planner.PlanAsync(ToRequest(dryRun: true), cancellationToken), user.Id, cancellationToken);
            }
            catch (MigrationRequestException e)
            {
                RequestError = e;
            }
        }

        Response.Headers.Vary = "HX-Request";
        if (Request.IsHtmx() && RequestError is not null)
        {
            // The error stands beside its field, outside the dry run's region: swap the whole work area.
            Response.Htmx(h => h.Retarget("#migration-work").Reswap("outerHTML").Reselect("#migration-work"));
            return Page();
        }

        return Request.IsHtmx() ? Partial("_DryRun", this) : Page();
    }

    /// <summary>Starts the migration and goes to its progress page.</summary>
    public async Task<IActionResult> OnPostApplyAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (Plan is null)
        {
            return Page();
        }

        try
        {
            var record = await planner.StartAsync(await planner.PlanAsync(ToRequest(dryRun: false), cancellationToken), user.Id, cancellationToken);
            return Redirect($"/migrations/{record.Id}");
        }
        catch (MigrationRequestException e)
        {
            RequestError = e;
            return Page();
        }
    }

    /// <summary>The target node chosen or defaulted for <paramref name="node"/>, or <see langword="null"/>.</summary>
    public string? TargetOf(FlowNode node) =>
        Map.TryGetValue(node.Id, out var chosen) && !string.IsNullOrEmpty(chosen) ? chosen : Plan?.Mapping.TargetOf(node.Id);

    /// <summary>The target nodes a token at <paramref name="node"/> may move to (compatible kind), by name.</summary>
    public IEnumerable<FlowNode> Choices(FlowNode node) =>
        Plan is null ? [] : Plan.Target.Process.Definition.Nodes.Values.Where(n => NodeMapping.Compatible(node, n)).OrderBy(n => n.Name ?? n.Id, StringComparer.CurrentCulture);

    /// <summary>How the dry run names instance <paramref name="id"/>: with its title when it is one of <see cref="Running"/>.</summary>
    public InstanceLabel LabelOf(Guid id, string? businessKey) =>
        Running.FirstOrDefault(i => i.Id == id) is { } instance ? InstanceLabel.Of(instance) : new(id, businessKey, null);

    /// <summary>A node's name in the source version, else its id.</summary>
    public string SourceName(string nodeId) => Name(Plan?.Source.Process.Definition, nodeId);

    /// <summary>A node's name in the target version, else its id.</summary>
    public string TargetName(string nodeId) => Name(Plan?.Target.Process.Definition, nodeId);

    private static string Name(ProcessDefinition? definition, string nodeId) =>
        definition is not null && definition.Nodes.TryGetValue(nodeId, out var node) && node.Name is { } name ? name : nodeId;

    private MigrationRequest ToRequest(bool dryRun) => new(
        Key, From, To,
        Map.Where(m => !string.IsNullOrEmpty(m.Value) && m.Value != Plan!.Mapping.TargetOf(m.Key)).ToDictionary(StringComparer.Ordinal),
        Scope == "list" ? Ids : null,
        dryRun);

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Definitions = (await db.Definitions.AsNoTracking().Where(d => d.IsExecutable).GroupBy(d => d.Key)
            .Select(g => new { g.Key, Name = g.OrderByDescending(d => d.Version).Select(d => d.Name).First() })
            .OrderBy(d => d.Key).ToListAsync(cancellationToken)).Select(d => (d.Key, d.Name)).ToList();
        if (string.IsNullOrEmpty(Key))
        {
            return;
        }

        Versions = await db.Definitions.AsNoTracking().Where(d => d.Key == Key && d.IsExecutable).OrderBy(d => d.Version).Select(d => d.Version).ToListAsync(cancellationToken);
        if (From <= 0 || To <= 0 || From == To)
        {
            return;
        }

        // A version that is not there (an old link, a version typed in the address) is the planner's coded error, shown beside its field.
        try
        {
            Plan = await planner.PlanAsync(new MigrationRequest(Key, From, To, null, null, DryRun: true), cancellationToken);
        }
        catch (MigrationRequestException e)
        {
            RequestError = e;
            return;
        }

        Running = Plan.Instances;
        var active = Running.SelectMany(i => i.State.Executions).Where(e => e.Kind != ExecutionKind.Root).Select(e => e.NodeId).ToHashSet(StringComparer.Ordinal);
        ActiveNodes = [.. Plan.Source.Process.Definition.Nodes.Values.Where(n => active.Contains(n.Id))];
    }
}
