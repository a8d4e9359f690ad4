using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Migrations;
using Htmx;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ApprovalFlow.Server.Pages.Migrations;

/// <summary>
/// A migration's progress at <c>/migrations/{id}</c> (process owners and admins): counts and each
/// instance with its outcome, refreshed by htmx polling until the batch job is done.
/// </summary>
[Authorize(Policy = Policies.ProcessOwner)]
public sealed class ShowModel(MigrationPlanner planner) : PageModel
{
    /// <summary>The migration shown.</summary>
    public MigrationResponse Migration { get; private set; } = null!;

    /// <summary>Shows the migration; an htmx poll gets only the progress block; 404 when it does not exist.</summary>
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await planner.GetAsync(id, cancellationToken) is not { } migration)
        {
            return NotFound();
        }

        Migration = migration;
        Response.Headers.Vary = "HX-Request";
        return Request.IsHtmx() && !Request.IsHtmxHistoryRestoreRequest() ? Partial("_Progress", this) : Page();
    }
}
