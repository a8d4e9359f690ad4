using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Definitions;
using ApprovalFlow.Server.Features.Planning.Data;
using ApprovalFlow.Server.Features.Tasks;
using ApprovalFlow.Server.Runtime;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Pages.Planning.Consolidation;

/// <summary>
/// The <c>ConsolidateAndPrioritize</c> task the workspace was opened for (scoped): whether the user holds it open, what
/// it still needs (<see cref="Features.Planning.Consolidation.ConsolidationTaskPage"/>'s rule) and completing it through
/// the API's handler, so the workspace completes the task as <c>POST /api/tasks/{id}/complete</c> does.
/// </summary>
/// <param name="db">The database.</param>
/// <param name="user">The signed-in user.</param>
/// <param name="cycles">Finds a task's cycle.</param>
/// <param name="runner">Runs the engine.</param>
/// <param name="forms">Task forms (for the API's complete handler).</param>
/// <param name="pages">Task pages: the task's page rule.</param>
public sealed class ConsolidationTask(
    ApprovalFlowDbContext db, ICurrentUser user, Features.Planning.Cycles.PlanCycles cycles, InstanceRunner runner, TaskForms forms, TaskPages pages)
{
    /// <summary>The open task <paramref name="id"/> of <paramref name="cycle"/> when the user holds it and it opens a task page, else <see langword="null"/>.</summary>
    /// <param name="id">The task id (<c>?task=</c>).</param>
    /// <param name="cycle">The workspace's cycle.</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    public async Task<UserTaskRecord?> HeldAsync(Guid id, PlanCycleRecord cycle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        var task = await db.Tasks.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        return task is { Status: UserTaskStatus.Open } && task.Assignee == user.Id && pages.Find(task.FormKey) is not null
            && (await cycles.ForTaskAsync(task, cancellationToken))?.Id == cycle.Id
            ? task
            : null;
    }

    /// <summary>What <paramref name="task"/> still needs: <c>duplicates</c> (suggestions undecided), <c>scores</c> (items unscored); empty when it may complete.</summary>
    /// <param name="task">A task opening the consolidation page.</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    public async Task<IReadOnlyList<string>> GapsAsync(UserTaskRecord task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        return pages.Find(task.FormKey) is { } page ? [.. (await page.MissingAsync(task, cancellationToken)).Keys] : [];
    }

    /// <summary>Completes <paramref name="task"/> as the user; <see langword="false"/> when it was refused (something is missing, or it is no longer theirs).</summary>
    /// <param name="task">The held task.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    public async Task<bool> CompleteAsync(UserTaskRecord task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        return (await TasksApi.CompleteAsync(task.Id, new CompleteTaskRequest(null), db, runner, forms, pages, user, cancellationToken)).Result is Ok<TaskResponse>;
    }
}
