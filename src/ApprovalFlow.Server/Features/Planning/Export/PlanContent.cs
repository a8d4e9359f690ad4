using ApprovalFlow.Server.Features.Planning.Data;

namespace ApprovalFlow.Server.Features.Planning.Export;

/// <summary>
/// The plan of one cycle as it stands: its current items (neither merged into another nor withdrawn) by the
/// cycle's themes in order and by kind, each with its number in the plan and its origins. What every export
/// (Word, HTML, spreadsheet, StratML) and the trace report are made from. Immutable.
/// </summary>
/// <param name="Cycle">The cycle.</param>
/// <param name="Themes">One section per theme of the cycle in the cycle's order, then one per theme id the items use that the cycle does not list.</param>
/// <param name="GroupNames">Directory group names by id (working groups, units), for showing ids to people.</param>
/// <param name="Superseded">The items no longer in the plan (merged into another, or withdrawn), kept for the trace, in theme, kind and title order.</param>
public sealed record PlanContent(PlanCycleRecord Cycle, IReadOnlyList<PlanThemeSection> Themes, IReadOnlyDictionary<string, string> GroupNames, IReadOnlyList<PlanSupersededItem> Superseded)
{
    /// <summary>Every current item in plan order (theme, kind, then number).</summary>
    public IEnumerable<PlanEntry> Entries => Themes.SelectMany(t => t.Kinds.SelectMany(k => k.Entries));

    /// <summary>The name of directory group <paramref name="id"/>, or the id itself when the directory has no such group.</summary>
    /// <param name="id">A group id, e.g. <c>wg-hq-urban-identity</c>.</param>
    /// <returns>The Persian name, e.g. «کارگروه ستادی هویت شهری».</returns>
    public string GroupName(string id) => GroupNames.TryGetValue(id, out var name) ? name : id;
}

/// <summary>The items of one theme, by kind.</summary>
/// <param name="Number">The theme's number in the plan, from 1.</param>
/// <param name="Theme">The theme.</param>
/// <param name="Kinds">The four kinds in plan order (problem, strategy, executive policy, project), each possibly empty.</param>
public sealed record PlanThemeSection(int Number, PlanCycleTheme Theme, IReadOnlyList<PlanKindSection> Kinds)
{
    /// <summary>Whether the theme has no item at all.</summary>
    public bool IsEmpty => Kinds.All(k => k.Entries.Count == 0);
}

/// <summary>The items of one kind in one theme.</summary>
/// <param name="Kind">The kind.</param>
/// <param name="Entries">The items, ordered by level, working group and title.</param>
public sealed record PlanKindSection(PlanItemKind Kind, IReadOnlyList<PlanEntry> Entries)
{
    /// <summary>The kind's number under its theme: 1 (problems) to 4 (projects).</summary>
    public int Number => (int)Kind + 1;
}

/// <summary>One current item of the plan with its number and its origins.</summary>
/// <param name="Item">The item (not tracked).</param>
/// <param name="Number">Its number in the plan, <c>theme.kind.n</c> with Latin digits, e.g. <c>2.3.4</c> (shown with Persian digits).</param>
/// <param name="Origins">Where it came from, through merges.</param>
/// <param name="Upstream">Numbers of the current items it answers (a strategy's problems, a policy's strategies, a project's policies).</param>
/// <param name="UpstreamIds">Ids of those items, in the same order.</param>
public sealed record PlanEntry(PlanItemRecord Item, string Number, PlanOrigins Origins, IReadOnlyList<string> Upstream, IReadOnlyList<Guid> UpstreamIds);

/// <summary>
/// The origins of a plan item: for an item drafted by a working group its own; for a consolidated item the
/// union of its originals' (the items merged into it, recursively) and its own.
/// </summary>
/// <param name="Sessions">The sessions it came from, by date.</param>
/// <param name="WorkingGroups">Working group ids (the drafting groups and those of the sessions), ordered.</param>
/// <param name="StakeholderGroups">Stakeholder group codes of the sessions' attendees, in glossary order (unknown codes last).</param>
/// <param name="Sources">Information source codes the item (or an original) recorded, in glossary order (unknown codes last).</param>
/// <param name="Originals">Ids of the items merged into it, recursively (empty unless consolidated).</param>
public sealed record PlanOrigins(
    IReadOnlyList<PlanSessionOrigin> Sessions,
    IReadOnlyList<string> WorkingGroups,
    IReadOnlyList<string> StakeholderGroups,
    IReadOnlyList<string> Sources,
    IReadOnlyList<Guid> Originals);

/// <summary>A session an item came from.</summary>
/// <param name="Id">Session id.</param>
/// <param name="WorkingGroupId">Its working group.</param>
/// <param name="Date">Its date (Gregorian; shown in Jalali).</param>
/// <param name="Agenda">Its subject.</param>
public sealed record PlanSessionOrigin(Guid Id, string WorkingGroupId, DateOnly Date, string Agenda);

/// <summary>An item no longer in the plan: merged into another item or withdrawn.</summary>
/// <param name="Item">The item (not tracked).</param>
/// <param name="Origins">Its own origins (and those of items merged into it).</param>
/// <param name="MergedInto">The plan number of the current item that stands for it, or <see langword="null"/> (withdrawn, or merged into an item that is itself withdrawn).</param>
public sealed record PlanSupersededItem(PlanItemRecord Item, PlanOrigins Origins, string? MergedInto);
