using ApprovalFlow.Server.Features.Planning;
using ApprovalFlow.Server.Features.Planning.Cycles;
using ApprovalFlow.Server.Features.Planning.Data;
using ApprovalFlow.Server.Features.Planning.Export;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ApprovalFlow.Server.Pages.Planning.Export;

/// <summary>
/// What the plan page and the trace page share: finding the cycle of the route's business key and checking the
/// reader (<see cref="PlanningAccess.CanReadAsync"/>, the API's rule): an unknown cycle is a 404 page, a cycle the user
/// does not take part in a 403 page.
/// </summary>
/// <param name="cycles">The cycles.</param>
/// <param name="reader">Reads the plan.</param>
/// <param name="access">Who reads the cycle.</param>
public abstract class PlanPageModel(PlanCycles cycles, PlanReader reader, PlanningAccess access) : PageModel
{
    /// <summary>The plan as it stands.</summary>
    public PlanContent Plan { get; private set; } = null!;

    /// <summary>The cycle.</summary>
    public PlanCycleRecord Cycle => Plan.Cycle;

    /// <summary>Loads <see cref="Plan"/>, or answers 404 (no such cycle) or 403 (not in the cycle).</summary>
    /// <param name="businessKey">The cycle's business key.</param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    /// <returns><see langword="null"/> when loaded, else the result to return.</returns>
    protected async Task<IActionResult?> LoadAsync(string businessKey, CancellationToken cancellationToken)
    {
        if (await cycles.FindAsync(businessKey, cancellationToken) is not { } cycle)
        {
            return NotFound();
        }

        if (!await access.CanReadAsync(cycle, cancellationToken))
        {
            return Forbid();
        }

        Plan = await reader.ReadAsync(cycle, cancellationToken);
        return null;
    }
}
