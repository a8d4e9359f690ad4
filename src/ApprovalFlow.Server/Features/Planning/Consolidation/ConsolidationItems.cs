using System.Text.Json;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Planning.Data;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Features.Planning.Consolidation;

/// <summary>Reads plan items with their origins (working groups, sessions, sources, originals) for the consolidation workspace (scoped).</summary>
/// <param name="db">The database.</param>
public sealed class ConsolidationItems(ApprovalFlowDbContext db)
{
    /// <summary>The statuses of items that take part in consolidation: not merged into another, not withdrawn.</summary>
    public static readonly IReadOnlyList<PlanItemStatus> LiveStatuses = [PlanItemStatus.Draft, PlanItemStatus.Agreed, PlanItemStatus.Reopened, PlanItemStatus.Approved];

    /// <summary>The JSON name of an item kind, e.g. <c>executivePolicy</c>.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>Its camelCase name.</returns>
    public static string KindName(PlanItemKind kind) => JsonNamingPolicy.CamelCase.ConvertName(kind.ToString());

    /// <summary>The kind of a JSON name (<see cref="KindName"/>, case-insensitive), or <see langword="null"/> when it names none.</summary>
    /// <param name="name">E.g. <c>executivePolicy</c>.</param>
    /// <returns>The kind, or <see langword="null"/>.</returns>
    public static PlanItemKind? ParseKind(string? name) =>
        Enum.TryParse<PlanItemKind>(name, ignoreCase: true, out var kind) && Enum.IsDefined(kind) ? kind : null;

    /// <summary>The live items of <paramref name="cycle"/> (see <see cref="LiveStatuses"/>) with their origins, by theme order of the cycle, kind, level and title.</summary>
    /// <param name="cycle">The cycle.</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    /// <returns>The items.</returns>
    public async Task<IReadOnlyList<ConsolidationItem>> LiveAsync(PlanCycleRecord cycle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        var ids = await db.PlanItems.AsNoTracking().Where(i => i.CycleId == cycle.Id && LiveStatuses.Contains(i.Status)).Select(i => i.Id).ToListAsync(cancellationToken);
        var items = await DescribeAsync(ids, cancellationToken);
        var themes = cycle.Themes.Select(t => t.Id).ToList();
        return [.. items.Values
            .OrderBy(i => themes.IndexOf(i.Theme) is var t and >= 0 ? t : int.MaxValue).ThenBy(i => i.Theme, StringComparer.Ordinal)
            .ThenBy(i => ParseKind(i.Kind)).ThenBy(i => PlanningVocabulary.LevelOrder(i.Level)).ThenBy(i => i.Title, StringComparer.Ordinal).ThenBy(i => i.Id)];
    }

    /// <summary>The items <paramref name="ids"/> with their origins; a consolidated item's origins are its own plus every original's, recursively.</summary>
    /// <param name="ids">Item ids; unknown ones are left out.</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    /// <returns>The items by id.</returns>
    public async Task<IReadOnlyDictionary<Guid, ConsolidationItem>> DescribeAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var records = await db.PlanItems.AsNoTracking().Where(i => ids.Contains(i.Id)).ToListAsync(cancellationToken);

        // Originals of consolidated items, level by level (a consolidated item may itself be merged again).
        var originals = new Dictionary<Guid, List<Guid>>();
        var all = records.ToDictionary(r => r.Id);
        var frontier = records.Where(r => r.IsConsolidated).Select(r => r.Id).ToList();
        while (frontier.Count > 0)
        {
            var merges = await db.PlanItemMerges.AsNoTracking().Where(m => frontier.Contains(m.ConsolidatedItemId)).ToListAsync(cancellationToken);
            foreach (var merge in merges)
            {
                (originals.TryGetValue(merge.ConsolidatedItemId, out var list) ? list : originals[merge.ConsolidatedItemId] = []).Add(merge.OriginalItemId);
            }

            var missing = merges.Select(m => m.OriginalItemId).Where(id => !all.ContainsKey(id)).Distinct().ToList();
            foreach (var record in await db.PlanItems.AsNoTracking().Where(i => missing.Contains(i.Id)).ToListAsync(cancellationToken))
            {
                all[record.Id] = record;
            }

            frontier = [.. missing.Where(id => all.TryGetValue(id, out var r) && r.IsConsolidated)];
        }

        var allIds = all.Keys.ToList();
        var sessionLinks = await db.PlanItemSessions.AsNoTracking().Where(s => allIds.Contains(s.ItemId)).ToListAsync(cancellationToken);
        var sessionIds = sessionLinks.Select(s => s.SessionId).Distinct().ToList();
        var sessions = await db.Sessions.AsNoTracking().Where(s => sessionIds.Contains(s.Id))
            .Select(s => new SessionRef(s.Id, s.WorkingGroupId, s.Date, s.Agenda)).ToDictionaryAsync(s => s.Id, cancellationToken);
        var groupIds = all.Values.Select(r => r.WorkingGroupId).OfType<string>().Distinct().ToList();
        var groupNames = await db.Groups.AsNoTracking().Where(g => groupIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id, g => g.Name, cancellationToken);

        IEnumerable<PlanItemRecord> Tree(Guid id) =>
            new[] { all[id] }.Concat(originals.GetValueOrDefault(id, []).Where(all.ContainsKey).SelectMany(Tree));

        return records.ToDictionary(r => r.Id, r =>
        {
            var tree = Tree(r.Id).ToList();
            var treeIds = tree.Select(t => t.Id).ToHashSet();
            return new ConsolidationItem(
                r.Id, KindName(r.Kind), r.Title, r.Description, r.Theme, r.Level, r.Status.ToString().ToLowerInvariant(), r.IsConsolidated, r.MergedIntoId,
                [.. tree.Select(t => t.WorkingGroupId).OfType<string>().Distinct().Order(StringComparer.Ordinal).Select(g => new WorkingGroupRef(g, groupNames.GetValueOrDefault(g) ?? g))],
                [.. sessionLinks.Where(s => treeIds.Contains(s.ItemId)).Select(s => s.SessionId).Distinct().Where(sessions.ContainsKey).Select(s => sessions[s]).OrderBy(s => s.Date).ThenBy(s => s.Id)],
                [.. tree.SelectMany(t => t.Sources).Distinct().OrderBy(s => SourceOrder(s)).ThenBy(s => s, StringComparer.Ordinal)],
                [.. originals.GetValueOrDefault(r.Id, []).Order()]);
        });
    }

    private static int SourceOrder(string code) =>
        PlanningVocabulary.InformationSources.Select(s => s.Id).ToList().IndexOf(code) is var i and >= 0 ? i : int.MaxValue;
}
