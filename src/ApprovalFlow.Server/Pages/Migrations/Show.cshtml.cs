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
        Response.Headers.Vary = "HX-Request";
        return Request.IsHtmx() && !Request.IsHtmxHistoryRestoreRequest() ? Partial("_Progress", this) : Page();
    }
}
