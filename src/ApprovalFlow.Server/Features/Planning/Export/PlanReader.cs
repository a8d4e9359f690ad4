using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Planning.Data;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Features.Planning.Export;

/// <summary>
/// Reads the plan of a cycle as it stands (<see cref="PlanContent"/>) in a few queries: the current items are
/// those neither merged into another (<see cref="PlanItemRecord.MergedIntoId"/>, status
/// <see cref="PlanItemStatus.Merged"/>) nor withdrawn; a consolidated item stands for its originals, whose
/// origins and links it carries. Scoped.
/// </summary>
/// <param name="db">The database.</param>
public sealed class PlanReader(ApprovalFlowDbContext db)
{
    /// <summary>The plan of <paramref name="cycle"/> now.</summary>
    /// <param name="cycle">The cycle.</param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    /// <returns>The plan, with every current item numbered by theme and kind.</returns>
    public async Task<PlanContent> ReadAsync(PlanCycleRecord cycle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        var items = await db.PlanItems.AsNoTracking().Where(i => i.CycleId == cycle.Id).ToListAsync(cancellationToken);
        var itemIds = db.PlanItems.Where(i => i.CycleId == cycle.Id).Select(i => i.Id);
        var links = await db.PlanItemLinks.AsNoTracking().Where(l => itemIds.Contains(l.ToItemId)).ToListAsync(cancellationToken);
        var itemSessions = await db.PlanItemSessions.AsNoTracking().Where(s => itemIds.Contains(s.ItemId)).ToListAsync(cancellationToken);
        var sessions = await db.Sessions.AsNoTracking().Where(s => s.CycleId == cycle.Id)
            .Select(s => new { s.Id, s.WorkingGroupId, s.Date, s.Agenda }).ToDictionaryAsync(s => s.Id, cancellationToken);
        var attendees = await db.SessionAttendees.AsNoTracking()
            .Where(a => db.Sessions.Any(s => s.Id == a.SessionId && s.CycleId == cycle.Id))
            .Select(a => new { a.SessionId, a.StakeholderGroup }).Distinct().ToListAsync(cancellationToken);
        var groupNames = await db.Groups.AsNoTracking().ToDictionaryAsync(g => g.Id, g => g.Name, StringComparer.Ordinal, cancellationToken);

        var byId = items.ToDictionary(i => i.Id);
        var originalsOf = items.Where(i => i.MergedIntoId is { } target && byId.ContainsKey(target)).ToLookup(i => i.MergedIntoId!.Value);
        var sessionsOf = itemSessions.ToLookup(s => s.ItemId, s => s.SessionId);
        var groupsOf = attendees.ToLookup(a => a.SessionId, a => a.StakeholderGroup);
        var upstreamOf = links.ToLookup(l => l.ToItemId, l => l.FromItemId);
        var current = items.Where(IsCurrent).ToList();

        // Numbers first (plan order), then links resolve to numbers.
        var numbered = new List<(PlanItemRecord Item, string Number, int Theme, PlanItemKind Kind)>();
        var themes = cycle.Themes.Concat(current.Select(i => i.Theme).Distinct(StringComparer.Ordinal)
            .Where(t => cycle.Themes.All(c => c.Id != t)).Order(StringComparer.Ordinal)
            .Select(t => new PlanCycleTheme(t, t, t))).ToList();
        for (var t = 0; t < themes.Count; t++)
        {
            foreach (var kind in Enum.GetValues<PlanItemKind>())
            {
                var n = 0;
                foreach (var item in current.Where(i => i.Theme == themes[t].Id && i.Kind == kind)
                    .OrderBy(i => LevelOrder(i.Level)).ThenBy(i => i.WorkingGroupId, StringComparer.Ordinal)
                    .ThenBy(i => i.Title, StringComparer.Ordinal).ThenBy(i => i.Id))
                {
                    numbered.Add((item, $"{t + 1}.{(int)kind + 1}.{++n}", t, kind));
                }
            }
        }

        var numberOf = numbered.ToDictionary(n => n.Item.Id, n => n.Number);
        PlanOrigins OriginsOf(PlanItemRecord item)
        {
            var family = Family(item, originalsOf).ToList();
            var sessionIds = family.SelectMany(i => sessionsOf[i.Id]).Distinct().Where(sessions.ContainsKey).ToList();
            var sessionOrigins = sessionIds.Select(id => sessions[id]).OrderBy(s => s.Date).ThenBy(s => s.Id)
                .Select(s => new PlanSessionOrigin(s.Id, s.WorkingGroupId, s.Date, s.Agenda)).ToList();
            return new PlanOrigins(
                sessionOrigins,
                [.. family.Select(i => i.WorkingGroupId).OfType<string>().Concat(sessionOrigins.Select(s => s.WorkingGroupId)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
                [.. InGlossaryOrder(sessionIds.SelectMany(id => groupsOf[id]), PlanningVocabulary.StakeholderGroups)],
                [.. InGlossaryOrder(family.SelectMany(i => i.Sources), PlanningVocabulary.InformationSources)],
                [.. family.Skip(1).Select(i => i.Id)]);
        }

        var entries = numbered.Select(n =>
        {
            var upstream = Family(n.Item, originalsOf).SelectMany(i => upstreamOf[i.Id]).Select(id => Representative(id, byId))
                .Where(id => id != n.Item.Id && numberOf.ContainsKey(id)).Distinct()
                .OrderBy(id => numberOf[id], NumberComparer.Instance).ToList();
            return (n.Theme, n.Kind, Entry: new PlanEntry(n.Item, n.Number, OriginsOf(n.Item), [.. upstream.Select(id => numberOf[id])], upstream));
        }).ToList();

        var superseded = items.Where(i => !IsCurrent(i))
            .OrderBy(i => themes.FindIndex(t => t.Id == i.Theme) is var t and >= 0 ? t : int.MaxValue).ThenBy(i => i.Kind)
            .ThenBy(i => i.Title, StringComparer.Ordinal).ThenBy(i => i.Id)
            .Select(i => new PlanSupersededItem(i, OriginsOf(i), i.MergedIntoId is null ? null : numberOf.GetValueOrDefault(Representative(i.Id, byId))))
            .ToList();
        var sections = themes.Select((theme, t) => new PlanThemeSection(
            t + 1, theme,
            [.. Enum.GetValues<PlanItemKind>().Select(kind => new PlanKindSection(kind, [.. entries.Where(e => e.Theme == t && e.Kind == kind).Select(e => e.Entry)]))]))
            .ToList();
        return new PlanContent(cycle, sections, groupNames, superseded);
    }

    /// <summary>Whether <paramref name="item"/> is in the plan as it stands: not merged into another and not withdrawn.</summary>
    /// <param name="item">An item.</param>
    /// <returns><see langword="true"/> for a current item.</returns>
    public static bool IsCurrent(PlanItemRecord item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.MergedIntoId is null && item.Status is not (PlanItemStatus.Merged or PlanItemStatus.Withdrawn);
    }

    /// <summary>The item and its originals, recursively (the item first).</summary>
    private static IEnumerable<PlanItemRecord> Family(PlanItemRecord item, ILookup<Guid, PlanItemRecord> originalsOf)
    {
        var seen = new HashSet<Guid>();
        var pending = new Stack<PlanItemRecord>([item]);
        while (pending.TryPop(out var next))
        {
            if (!seen.Add(next.Id))
            {
                continue;
            }

            yield return next;
            foreach (var original in originalsOf[next.Id].OrderByDescending(i => i.Id))
            {
                pending.Push(original);
            }
        }
    }

    /// <summary>The current item that stands for <paramref name="id"/>: itself, or the item it was merged into, followed to the end.</summary>
    private static Guid Representative(Guid id, Dictionary<Guid, PlanItemRecord> byId)
    {
        var seen = new HashSet<Guid>();
        while (byId.TryGetValue(id, out var item) && item.MergedIntoId is { } target && byId.ContainsKey(target) && seen.Add(id))
        {
            id = target;
        }

        return id;
    }

    private static int LevelOrder(string level) => PlanningVocabulary.LevelOrder(level) is var order and >= 0 ? order : int.MaxValue;

    private static IEnumerable<string> InGlossaryOrder(IEnumerable<string> codes, IReadOnlyList<PlanningTerm> glossary) =>
        codes.Distinct(StringComparer.Ordinal)
            .OrderBy(c => glossary.Select(g => g.Id).ToList().IndexOf(c) is var i and >= 0 ? i : int.MaxValue)
            .ThenBy(c => c, StringComparer.Ordinal);

    /// <summary>Orders plan numbers such as <c>1.2.10</c> part by part.</summary>
    private sealed class NumberComparer : IComparer<string>
    {
        public static readonly NumberComparer Instance = new();

        public int Compare(string? x, string? y)
        {
            var a = (x ?? string.Empty).Split('.');
            var b = (y ?? string.Empty).Split('.');
            for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
            {
                var c = int.Parse(a[i], System.Globalization.CultureInfo.InvariantCulture).CompareTo(int.Parse(b[i], System.Globalization.CultureInfo.InvariantCulture));
                if (c != 0)
                {
                    return c;
                }
            }

            return a.Length.CompareTo(b.Length);
        }
    }
}
