using System.Globalization;
using System.Text.Json;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Planning.Cycles;
using ApprovalFlow.Server.Features.Tasks;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Features.Planning.Consolidation;

/// <summary>
/// The task page <c>page:consolidation</c> of <c>ConsolidateAndPrioritize</c>: the cycle's consolidation
/// workspace (<c>/tasks/{id}/consolidation</c> opens <c>/cycles/{businessKey}/consolidation</c>).
/// </summary>
/// <remarks>
/// <para>The task may complete when (<see cref="MissingAsync"/>): no duplicate suggestion at the default
/// threshold (<see cref="DuplicateSuggestions.DefaultThreshold"/>) is left undecided (each merged or
/// dismissed), and every live item of the cycle has a score on every criterion whose weight is above 0. The
/// weights are always valid when stored (they sum to 1; an AHP comparison above CR 0.1 is never stored).</para>
/// <para>It gives the process no variables (<see cref="VariablesAsync"/>): the former form's
/// <c>consolidated*</c>, <c>planDocument</c> and <c>consolidationNotes</c> were read by no later step or
/// gateway of <c>mid-term-plan</c>; the consolidated plan is the cycle's items.</para>
/// </remarks>
/// <param name="cycles">Finds the task's cycle.</param>
/// <param name="suggestions">The duplicate suggestions.</param>
/// <param name="priorities">The criteria.</param>
/// <param name="db">The database.</param>
public sealed class ConsolidationTaskPage(PlanCycles cycles, DuplicateSuggestions suggestions, Priorities priorities, ApprovalFlowDbContext db) : ITaskPage
{
    /// <summary>The page name: <c>consolidation</c>.</summary>
    public const string PageName = "consolidation";

    private const int CountLimit = 100;

    /// <inheritdoc />
    public string Name => PageName;

    /// <inheritdoc />
    public string PathFor(UserTaskRecord task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return $"/tasks/{task.Id}/{PageName}";
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, string[]>> MissingAsync(UserTaskRecord task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (await cycles.ForTaskAsync(task, cancellationToken) is not { } cycle)
        {
            return new Dictionary<string, string[]> { ["cycle"] = ["The task's process instance has no business key, so it has no plan cycle to consolidate."] };
        }

        var missing = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var undecided = await suggestions.CountUndecidedAsync(cycle.Id, CountLimit, cancellationToken);
        if (undecided > 0)
        {
            missing["duplicates"] = [string.Create(CultureInfo.InvariantCulture,
                $"{(undecided >= CountLimit ? $"{CountLimit} or more" : undecided)} duplicate suggestion(s) at similarity {DuplicateSuggestions.DefaultThreshold} or more are undecided: merge or dismiss each (GET /api/cycles/{cycle.BusinessKey}/duplicates).")];
        }

        var weighted = (await priorities.CriteriaAsync(cycle, cancellationToken)).Where(c => c.Weight > 0).Select(c => c.Id).ToList();
        var unscored = await db.PlanItems.AsNoTracking()
            .Where(i => i.CycleId == cycle.Id && ConsolidationItems.LiveStatuses.Contains(i.Status))
            .Where(i => db.PriorityScores.Count(s => s.ItemId == i.Id && weighted.Contains(s.CriterionId)) < weighted.Count)
            .OrderBy(i => i.Id).Select(i => i.Title).Take(CountLimit).ToListAsync(cancellationToken);
        if (unscored.Count > 0)
        {
            missing["scores"] = [string.Create(CultureInfo.InvariantCulture,
                $"{(unscored.Count >= CountLimit ? $"{CountLimit} or more" : unscored.Count)} item(s) lack a score on some criterion, e.g. «{unscored[0]}»: score every item 1–5 on every criterion (PUT /api/cycles/{cycle.BusinessKey}/priorities).")];
        }

        return missing;
    }

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, JsonElement>> VariablesAsync(UserTaskRecord task, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, JsonElement>>(new Dictionary<string, JsonElement>());
}
