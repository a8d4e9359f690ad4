using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Planning.Cycles;
using ApprovalFlow.Server.Features.Tasks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Pages.Planning.Consolidation;

/// <summary>The task page of <c>ConsolidateAndPrioritize</c> (<c>page:consolidation</c>): opens the cycle's workspace with a link back to the task.</summary>
/// <param name="db">The database.</param>
/// <param name="user">The signed-in user.</param>
/// <param name="cycles">Finds the task's cycle.</param>
public sealed class TaskPageModel(ApprovalFlowDbContext db, ICurrentUser user, PlanCycles cycles) : PageModel
{
    /// <summary>Redirects to <c>/cycles/{businessKey}/consolidation?task={id}</c>; 404 for a task the user does not see or without a cycle.</summary>
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var task = await db.Tasks.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        var access = await TaskAccess.ForAsync(user, task, cancellationToken);
        if (task is null || !access.CanSee(task) || await cycles.ForTaskAsync(task, cancellationToken) is not { } cycle)
        {
            return NotFound();
        }

        return Redirect($"/cycles/{Uri.EscapeDataString(cycle.BusinessKey)}/consolidation?task={id}");
    }
}
