using ApprovalFlow.Server.Features.Planning;
using ApprovalFlow.Server.Features.Planning.Cycles;
using ApprovalFlow.Server.Features.Planning.Export;
using Microsoft.AspNetCore.Mvc;

namespace ApprovalFlow.Server.Pages.Planning.Export;

/// <summary>
/// The trace report <c>/cycles/{businessKey}/trace</c> (the page of <c>GET /api/cycles/{businessKey}/trace</c>):
/// how many current items each stakeholder group and each information source shaped, and for each item the
/// sessions, working groups, stakeholder groups and sources behind it. Everyone in the cycle reads it.
/// </summary>
public sealed class TraceModel(PlanCycles cycles, PlanReader reader, PlanningAccess access)
    : PlanPageModel(cycles, reader, access)
{
    /// <summary>The report.</summary>
    public PlanTraceResponse Trace { get; private set; } = null!;

    /// <summary>Shows the report.</summary>
    /// <param name="businessKey">The cycle's business key.</param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    /// <returns>The page, 404 or 403.</returns>
    public async Task<IActionResult> OnGetAsync(string businessKey, CancellationToken cancellationToken)
    {
        if (await LoadAsync(businessKey, cancellationToken) is { } refused)
        {
            return refused;
        }

        Trace = PlanTraceResponse.From(Plan);
        return Page();
    }
}
