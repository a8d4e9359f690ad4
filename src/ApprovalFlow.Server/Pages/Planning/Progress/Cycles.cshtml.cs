using ApprovalFlow.Server.Features.Planning.Progress;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ApprovalFlow.Server.Pages.Planning.Progress;

/// <summary>
/// The plan cycles list, <c>/cycles</c>: the cycles the user takes part in (the planning office sees all), newest first,
/// with their years, status, current stage and start date, each linking to its home page (the progress dashboard).
/// </summary>
/// <param name="progress">Lists the readable cycles.</param>
public sealed class CyclesModel(PlanProgress progress) : PageModel
{
    /// <summary>The cycles shown.</summary>
    public IReadOnlyList<CycleSummary> Cycles { get; private set; } = [];

    /// <summary>Shows the list.</summary>
    /// <param name="cancellationToken">Cancels the queries.</param>
    public async Task OnGetAsync(CancellationToken cancellationToken) => Cycles = await progress.ListAsync(cancellationToken);
}
