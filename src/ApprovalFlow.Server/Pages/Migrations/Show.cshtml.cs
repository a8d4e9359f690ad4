using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Migrations;
using Htmx;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ApprovalFlow.Server.Pages.Migrations;

/// <summary>
/// A migration's progress at <c>/migrations/{id}</c> (process owners and admins): counts and each
/// instance with its outcome, refreshed by htmx polling until the batch job is done.
/// </summary>
[Authorize(Policy = Policies.ProcessOwner)]
public sealed class ShowModel(MigrationPlanner planner, ApprovalFlowDbContext db) : PageModel
{
    /// <summary>The migration shown.</summary>
    public MigrationResponse Migration { get; private set; } = null!;

    /// <summary>The process's name in the target version, else its key.</summary>
    public string ProcessName { get; private set; } = string.Empty;

    /// <summary>The titles (variable <c>title</c>) of the migration's instances that have one, by instance id.</summary>
    public IReadOnlyDictionary<Guid, string> Titles { get; private set; } = new Dictionary<Guid, string>();

    /// <summary>How the progress table names instance <paramref name="id"/>.</summary>
    public InstanceLabel LabelOf(Guid id, string? businessKey) => new(id, businessKey, Titles.GetValueOrDefault(id));

    /// <summary>
    /// Why <paramref name="instance"/> stayed on its version, in the user's language: the engine's problem with its node, or
    /// the text of the job's reason code; the server's own (English) text only for a reason without a known code.
    /// </summary>
    public string? ReasonOf(MigrationInstanceResponse instance, IStringLocalizer<MigrationTexts> texts)
    {
        if (instance.Problem is { } problem && texts["Problem_" + problem.Kind, problem.Node.Name ?? problem.Node.NodeId] is { ResourceNotFound: false } known)
        {
            return known.Value;
        }

        return instance.ReasonCode is { } code && texts["Reason_" + code] is { ResourceNotFound: false } text ? text.Value : instance.Reason;
    }

    /// <summary>Shows the migration; an htmx poll gets only the progress block; 404 when it does not exist.</summary>
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await planner.GetAsync(id, cancellationToken) is not { } migration)
        {
            return NotFound();
        }

        Migration = migration;
        ProcessName = await db.Definitions.AsNoTracking().Where(d => d.Key == migration.DefinitionKey && d.Version == migration.ToVersion)
            .Select(d => d.Name).FirstOrDefaultAsync(cancellationToken) ?? migration.DefinitionKey;
        var ids = migration.Instances.Select(i => i.InstanceId).ToList();
        var instances = await db.Instances.AsNoTracking().Where(i => ids.Contains(i.Id)).ToListAsync(cancellationToken);
        Titles = instances.Select(i => (i.Id, Title: InstanceLabel.TitleOf(i.State.Variables))).Where(t => t.Title is not null).ToDictionary(t => t.Id, t => t.Title!);
        Response.Headers.Vary = "HX-Request";
        return Request.IsHtmx() && !Request.IsHtmxHistoryRestoreRequest() ? Partial("_Progress", this) : Page();
    }
}
