using System.Text.Json;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Tasks;

namespace ApprovalFlow.Server.Features.Planning.Sessions;

/// <summary>
/// What the working groups' task pages (<c>page:sessions</c>, <c>page:findings</c>, <c>page:agreement</c>) share:
/// the path <c>/tasks/{id}/{name}</c>, the task's cycle and working group, and completion refused while the page's
/// gaps remain. Gives the process no variables unless a page says otherwise.
/// </summary>
/// <param name="name">The page name (the part of <c>page:{name}</c>).</param>
/// <param name="tasks">Finds the task's cycle and working group.</param>
public abstract class WorkingGroupTaskPage(string name, WorkingGroupTasks tasks) : ITaskPage
{
    /// <summary>Finds the task's cycle and working group.</summary>
    protected WorkingGroupTasks Tasks { get; } = tasks;

    /// <inheritdoc />
    public string Name => name;

    /// <inheritdoc />
    public string PathFor(UserTaskRecord task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return $"/tasks/{task.Id}/{name}";
    }

    /// <summary>What the working group must still do, in the order the page lists it; <see cref="WorkingGroupTasks.NoWorkingGroup"/> when the task belongs to none.</summary>
    /// <param name="task">The task.</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    public async Task<IReadOnlyList<PageGap>> GapsAsync(UserTaskRecord task, CancellationToken cancellationToken) =>
        await Tasks.FindAsync(task, cancellationToken) is { } context ? await GapsOfAsync(task, context, cancellationToken) : [WorkingGroupTasks.NoWorkingGroup];

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, string[]>> MissingAsync(UserTaskRecord task, CancellationToken cancellationToken) =>
        WorkingGroupTasks.Missing(await GapsAsync(task, cancellationToken));

    /// <inheritdoc />
    public virtual Task<IReadOnlyDictionary<string, JsonElement>> VariablesAsync(UserTaskRecord task, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, JsonElement>>(new Dictionary<string, JsonElement>());

    /// <summary>What the working group <paramref name="context"/> must still do for <paramref name="task"/>.</summary>
    /// <param name="task">The task.</param>
    /// <param name="context">Its cycle and working group.</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    protected abstract Task<IReadOnlyList<PageGap>> GapsOfAsync(UserTaskRecord task, WorkingGroupTask context, CancellationToken cancellationToken);
}
