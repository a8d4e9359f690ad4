using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Planning.Cycles;
using ApprovalFlow.Server.Features.Planning.Data;

namespace ApprovalFlow.Server.Features.Planning.Sessions;

/// <summary>A task of a working group's child instance with its plan cycle and working group.</summary>
/// <param name="Task">The task.</param>
/// <param name="Cycle">The plan cycle of its root instance.</param>
/// <param name="Group">The working group (the instance's <c>workingGroup</c> variable, read from the directory).</param>
public sealed record WorkingGroupTask(UserTaskRecord Task, PlanCycleRecord Cycle, WorkingGroupInfo Group);

/// <summary>
/// Something a working group's task page still needs before its task may complete: the field or record it is about
/// (e.g. <c>sessions[1].minutes</c>), a stable code the page translates, the session or item it names, and the English
/// message the API's problem details carry.
/// </summary>
/// <param name="Key">Field or record path.</param>
/// <param name="Code">What is missing, e.g. <c>no-minutes</c>.</param>
/// <param name="Subject">The title or agenda of the record it is about, or <see langword="null"/>.</param>
/// <param name="Message">English message.</param>
public sealed record PageGap(string Key, string Code, string? Subject, string Message);

/// <summary>Finds the cycle and working group of a working group's task (scoped).</summary>
/// <param name="cycles">Finds the cycle of a task.</param>
/// <param name="workingGroups">Reads the working group.</param>
public sealed class WorkingGroupTasks(PlanCycles cycles, WorkingGroupDirectory workingGroups)
{
    /// <summary>The cycle and working group of <paramref name="task"/>, or <see langword="null"/> when its root instance has no business key or its instance names no working group of the directory.</summary>
    /// <param name="task">A task of a <c>working-group</c> instance.</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    public async Task<WorkingGroupTask?> FindAsync(UserTaskRecord task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (await workingGroups.FindAsync(await workingGroups.IdOfTaskAsync(task, cancellationToken), cancellationToken) is not { } group)
        {
            return null;
        }

        return await cycles.ForTaskAsync(task, cancellationToken) is { } cycle ? new WorkingGroupTask(task, cycle, group) : null;
    }

    /// <summary>The gap of a task whose working group or cycle cannot be found.</summary>
    public static PageGap NoWorkingGroup { get; } = new("workingGroup", "no-working-group", null,
        "The task's instance names no working group of the directory (variable 'workingGroup'), or its root instance has no business key for a plan cycle.");

    /// <summary>The API's <c>errors</c> of <paramref name="gaps"/>: messages grouped by key.</summary>
    /// <param name="gaps">The gaps.</param>
    public static IReadOnlyDictionary<string, string[]> Missing(IEnumerable<PageGap> gaps) =>
        gaps.GroupBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(x => x.Message).ToArray(), StringComparer.Ordinal);
}
