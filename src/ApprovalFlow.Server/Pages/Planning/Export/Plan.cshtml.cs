using ApprovalFlow.Server.Features.Planning;
using ApprovalFlow.Server.Features.Planning.Cycles;
using ApprovalFlow.Server.Features.Planning.Export;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;

namespace ApprovalFlow.Server.Pages.Planning.Export;

/// <summary>
/// The printable plan <c>/cycles/{businessKey}/plan</c>: the plan as it stands, by theme (<see cref="PlanHtmlExport"/>,
/// the same markup as <c>export?format=html</c>), in the user's language, with print CSS and the links to the other
/// exports and the trace (<c>_PlanExportLinks</c>, not printed). Everyone in the cycle reads it.
/// </summary>
public sealed class PlanModel(PlanCycles cycles, PlanReader reader, PlanningAccess access, PlanHtmlExport html)
    : PlanPageModel(cycles, reader, access)
{
    /// <summary>The plan's markup (encoded texts).</summary>
    public IHtmlContent Markup { get; private set; } = HtmlString.Empty;

    /// <summary>Shows the plan.</summary>
    /// <param name="businessKey">The cycle's business key.</param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    /// <returns>The page, 404 or 403.</returns>
    public async Task<IActionResult> OnGetAsync(string businessKey, CancellationToken cancellationToken)
    {
        if (await LoadAsync(businessKey, cancellationToken) is { } refused)
        {
            return refused;
        }

        Markup = new HtmlString(html.Fragment(Plan));
        return Page();
    }
}
