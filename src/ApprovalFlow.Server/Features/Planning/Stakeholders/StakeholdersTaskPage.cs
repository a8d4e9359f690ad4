using System.Text.Json;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Planning.Cycles;
using ApprovalFlow.Server.Features.Tasks;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Features.Planning.Stakeholders;

/// <summary>
/// The page of <c>IdentifyStakeholders</c> (<c>camunda:formKey="page:stakeholders"</c>, one task per theme): the theme's
/// coordinators register the theme's stakeholders at <c>/tasks/{id}/stakeholders</c>.
/// </summary>
/// <remarks>
/// The rule for completing (<see cref="MissingAsync"/>): every one of the six stakeholder groups of the glossary is
/// considered for the theme by registering at least one stakeholder of that group who speaks to the theme, so the
/// working groups can invite every kind of voice (citizens, civil society, elites, the city council, municipal staff,
/// provincial agencies). The theme is the task's multi-instance item (<c>theme.id</c>). No variables are given to the
/// process: the register is the record.
/// </remarks>
/// <param name="db">The database.</param>
/// <param name="cycles">Finds the task's cycle.</param>
public sealed class StakeholdersTaskPage(ApprovalFlowDbContext db, PlanCycles cycles) : ITaskPage
{
    /// <inheritdoc />
    public string Name => "stakeholders";

    /// <inheritdoc />
    public string PathFor(UserTaskRecord task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return $"/tasks/{task.Id}/stakeholders";
    }

    /// <summary>The theme id of an <c>IdentifyStakeholders</c> task: its item's <c>id</c> (or the item itself when it is a text), or <see langword="null"/>.</summary>
    /// <param name="task">The task.</param>
    public static string? ThemeOf(UserTaskRecord task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.Item switch
        {
            { ValueKind: JsonValueKind.Object } item when item.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String => id.GetString(),
            { ValueKind: JsonValueKind.String } text => text.GetString(),
            _ => null,
        };
    }

    /// <summary>The stakeholder groups (code ids, glossary order) with no stakeholder of the task's theme yet; all six when the task has no cycle or theme.</summary>
    /// <param name="task">The task.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public async Task<IReadOnlyList<string>> MissingGroupsAsync(UserTaskRecord task, CancellationToken cancellationToken)
    {
        var all = PlanningVocabulary.StakeholderGroups.Select(g => g.Id).ToList();
        if (ThemeOf(task) is not { } theme || await cycles.ForTaskAsync(task, cancellationToken) is not { } cycle)
        {
            return all;
        }

        var covered = await db.Stakeholders.AsNoTracking().Where(s => s.CycleId == cycle.Id && s.Themes.Contains(theme)).Select(s => s.StakeholderGroup).Distinct().ToListAsync(cancellationToken);
        return all.Except(covered, StringComparer.Ordinal).ToList();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, string[]>> MissingAsync(UserTaskRecord task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        var theme = ThemeOf(task) ?? "(none)";
        var missing = await MissingGroupsAsync(task, cancellationToken);
        return missing.ToDictionary(
            group => $"stakeholders.{group}",
            group => new[] { $"Register at least one stakeholder of the group '{group}' ({PlanningVocabulary.StakeholderGroups.Single(g => g.Id == group).Name}) for the theme '{theme}'." },
            StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, JsonElement>> VariablesAsync(UserTaskRecord task, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, JsonElement>>(new Dictionary<string, JsonElement>(StringComparer.Ordinal));
}
