using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Tasks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Pages.Tasks;

/// <summary>Finds a task for a page bound to it, as the task page does: 404 when there is none, 403 when the user may not see it.</summary>
public static class VisibleTasks
{
    /// <summary>The task <paramref name="id"/> when the user may see it (as <c>GET /api/tasks/{id}</c> decides), else the page's 403 or 404 result.</summary>
    /// <param name="page">The page (for its 403 and 404 results).</param>
    /// <param name="id">The task id.</param>
    /// <param name="db">The database.</param>
    /// <param name="user">The signed-in user.</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    public static async Task<(UserTaskRecord? Task, IActionResult? Refusal)> FindAsync(PageModel page, Guid id, ApprovalFlowDbContext db, ICurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(db);
        if ((await TasksApi.GetAsync(id, db, user, cancellationToken)).Result is not Ok<TaskResponse>)
        {
            return (null, await db.Tasks.AnyAsync(t => t.Id == id, cancellationToken) ? page.Forbid() : page.NotFound());
        }

        return (await db.Tasks.AsNoTracking().SingleAsync(t => t.Id == id, cancellationToken), null);
    }
}
