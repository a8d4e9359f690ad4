using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Planning.Data;
using ApprovalFlow.Server.Text;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Features.Planning.Consolidation;

/// <summary>What a consolidation command gives: the value, or why it was refused (a sentence for the problem details' <c>detail</c>).</summary>
/// <typeparam name="T">The value's type.</typeparam>
/// <param name="Value">The value, when done.</param>
/// <param name="Refusal">Why it was refused, or <see langword="null"/> when done.</param>
/// <param name="Conflict">Whether the refusal is a conflict with another change (409) rather than bad input (400).</param>
public sealed record ConsolidationOutcome<T>(T? Value, string? Refusal = null, bool Conflict = false);

/// <summary>
/// The planning office's merge, split and dismiss of duplicate suggestions (scoped). A merge makes a new
/// consolidated item (<see cref="PlanItemRecord.IsConsolidated"/>) that carries the union of the originals'
/// sessions, sources and links; the originals stay, with <see cref="PlanItemStatus.Merged"/> and
/// <see cref="PlanItemRecord.MergedIntoId"/>, so nothing is lost and the trace runs through them. A split
/// removes the consolidated item and gives the originals back their status.
/// </summary>
/// <param name="db">The database.</param>
/// <param name="user">Who acts.</param>
/// <param name="time">The clock.</param>
/// <param name="items">Describes the results.</param>
public sealed class ItemMerger(ApprovalFlowDbContext db, ICurrentUser user, TimeProvider time, ConsolidationItems items)
{
    /// <summary>Merges <see cref="MergeItemsRequest.ItemIds"/> of <paramref name="cycle"/> into a new consolidated item.</summary>
    /// <param name="cycle">The cycle.</param>
    /// <param name="request">The items and the consolidated item's texts.</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    /// <returns>The consolidated item, or why not (fewer than two items, items of another cycle, merged or withdrawn items, kinds that differ, an unknown theme or level).</returns>
    public async Task<ConsolidationOutcome<ConsolidationItem>> MergeAsync(PlanCycleRecord cycle, MergeItemsRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        ArgumentNullException.ThrowIfNull(request);
        var ids = (request.ItemIds ?? []).Distinct().ToList();
        if (ids.Count < 2)
        {
            return new ConsolidationOutcome<ConsolidationItem>(default, "A merge needs at least two different items (itemIds).");
        }

        var found = await db.PlanItems.Where(i => ids.Contains(i.Id) && i.CycleId == cycle.Id).ToListAsync(cancellationToken);
        if (ids.Except(found.Select(f => f.Id)).ToList() is { Count: > 0 } unknown)
        {
            return new ConsolidationOutcome<ConsolidationItem>(default, $"Cycle '{cycle.BusinessKey}' has no items {string.Join(", ", unknown)}.");
        }

        var originals = ids.Select(id => found.Single(f => f.Id == id)).ToList();
        if (originals.Where(o => !ConsolidationItems.LiveStatuses.Contains(o.Status)).ToList() is { Count: > 0 } dead)
        {
            return new ConsolidationOutcome<ConsolidationItem>(
                default,
                $"Items {string.Join(", ", dead.Select(d => $"{d.Id} ({d.Status.ToString().ToLowerInvariant()})"))} are merged or withdrawn already; merge the item they went into instead.");
        }

        if (originals.Select(o => o.Kind).Distinct().Count() > 1)
        {
            return new ConsolidationOutcome<ConsolidationItem>(
                default,
                $"Only items of one kind merge; these are {string.Join(", ", originals.Select(o => ConsolidationItems.KindName(o.Kind)).Distinct())}.");
        }

        var first = originals[0];
        var theme = request.Theme ?? first.Theme;
        var level = request.Level ?? first.Level;
        if (!cycle.Themes.Exists(t => t.Id == theme))
        {
            return new ConsolidationOutcome<ConsolidationItem>(default, $"'{theme}' is no theme of cycle '{cycle.BusinessKey}' (themes: {string.Join(", ", cycle.Themes.Select(t => t.Id))}).");
        }

        if (PlanningVocabulary.LevelOrder(level) < 0)
        {
            return new ConsolidationOutcome<ConsolidationItem>(default, $"'{level}' is no level (levels: {string.Join(", ", PlanningVocabulary.Levels)}).");
        }

        var title = string.IsNullOrWhiteSpace(request.Title) ? first.Title : request.Title.Trim();
        var description = request.Description is null ? first.Description : request.Description.Trim() is { Length: > 0 } d ? d : null;
        var now = time.GetUtcNow();
        var consolidated = new PlanItemRecord
        {
            Id = Guid.CreateVersion7(now),
            CycleId = cycle.Id,
            Kind = first.Kind,
            Title = title,
            Description = description,
            SearchKey = PersianText.SearchKey(title, description),
            Theme = theme,
            Level = level,
            Unit = originals.Select(o => o.Unit).Distinct().Count() == 1 ? first.Unit : null,
            Sources = [.. originals.SelectMany(o => o.Sources).Distinct()],
            Status = PlanItemStatus.Agreed,
            IsConsolidated = true,
            ResponsibleUnit = originals.Select(o => o.ResponsibleUnit).FirstOrDefault(u => u is not null),
            StartYear = originals.Min(o => o.StartYear),
            EndYear = originals.Max(o => o.EndYear),
            CostRials = originals.Select(o => o.CostRials).FirstOrDefault(c => c is not null),
            CreatedBy = user.Id,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.PlanItems.Add(consolidated);
        foreach (var original in originals)
        {
            db.PlanItemMerges.Add(new PlanItemMergeRecord { ConsolidatedItemId = consolidated.Id, OriginalItemId = original.Id, OriginalStatus = original.Status, MergedBy = user.Id, MergedAt = now });
            original.MergedIntoId = consolidated.Id;
            original.Status = PlanItemStatus.Merged;
            original.UpdatedAt = now;
        }

        var sessions = await db.PlanItemSessions.AsNoTracking().Where(s => ids.Contains(s.ItemId)).Select(s => s.SessionId).Distinct().ToListAsync(cancellationToken);
        db.PlanItemSessions.AddRange(sessions.Select(s => new PlanItemSessionRecord { ItemId = consolidated.Id, SessionId = s }));
        var links = await db.PlanItemLinks.AsNoTracking().Where(l => ids.Contains(l.FromItemId) || ids.Contains(l.ToItemId)).ToListAsync(cancellationToken);
        db.PlanItemLinks.AddRange(links
            .Select(l => new { From = ids.Contains(l.FromItemId) ? consolidated.Id : l.FromItemId, To = ids.Contains(l.ToItemId) ? consolidated.Id : l.ToItemId })
            .Where(l => l.From != l.To).Distinct()
            .Select(l => new PlanItemLinkRecord { FromItemId = l.From, ToItemId = l.To }));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return new ConsolidationOutcome<ConsolidationItem>(null, "One of the items was merged by someone else meanwhile; reload the suggestions.", Conflict: true);
        }

        return new ConsolidationOutcome<ConsolidationItem>((await items.DescribeAsync([consolidated.Id], cancellationToken))[consolidated.Id]);
    }

    /// <summary>Splits the consolidated item <paramref name="consolidatedItemId"/>: it is removed (with its scores and copied links) and its originals get back their status.</summary>
    /// <param name="cycle">The cycle.</param>
    /// <param name="consolidatedItemId">The consolidated item.</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    /// <returns>The originals as they are now, or why not (no such consolidated item; merged again into another).</returns>
    public async Task<ConsolidationOutcome<IReadOnlyList<ConsolidationItem>>> SplitAsync(PlanCycleRecord cycle, Guid consolidatedItemId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        var consolidated = await db.PlanItems.SingleOrDefaultAsync(i => i.Id == consolidatedItemId && i.CycleId == cycle.Id, cancellationToken);
        if (consolidated is not { IsConsolidated: true })
        {
            return new ConsolidationOutcome<IReadOnlyList<ConsolidationItem>>(default, $"Cycle '{cycle.BusinessKey}' has no consolidated item {consolidatedItemId}.");
        }

        if (consolidated.MergedIntoId is { } into)
        {
            return new ConsolidationOutcome<IReadOnlyList<ConsolidationItem>>(default, $"Item {consolidatedItemId} was merged again into {into}; split that one first.");
        }

        var merges = await db.PlanItemMerges.Where(m => m.ConsolidatedItemId == consolidatedItemId).ToListAsync(cancellationToken);
        var originalIds = merges.Select(m => m.OriginalItemId).ToList();
        var originals = await db.PlanItems.Where(i => originalIds.Contains(i.Id)).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        foreach (var original in originals)
        {
            original.Status = merges.Single(m => m.OriginalItemId == original.Id).OriginalStatus;
            original.MergedIntoId = null;
            original.UpdatedAt = now;
        }

        await db.SaveChangesAsync(cancellationToken);
        db.PlanItems.Remove(consolidated);
        await db.SaveChangesAsync(cancellationToken);
        var described = await items.DescribeAsync(originalIds, cancellationToken);
        return new ConsolidationOutcome<IReadOnlyList<ConsolidationItem>>([.. originalIds.Select(id => described[id])]);
    }

    /// <summary>Dismisses the suggestion of <paramref name="request"/>'s two items; dismissing it again changes nothing.</summary>
    /// <param name="cycle">The cycle.</param>
    /// <param name="request">The pair.</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    /// <returns><see langword="true"/>, or why not (the same item twice, items of another cycle).</returns>
    public async Task<ConsolidationOutcome<bool>> DismissAsync(PlanCycleRecord cycle, DismissPairRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        ArgumentNullException.ThrowIfNull(request);
        if (request.FirstItemId == request.SecondItemId)
        {
            return new ConsolidationOutcome<bool>(default, "A suggestion is a pair of two different items.");
        }

        var ids = new[] { request.FirstItemId, request.SecondItemId };
        var count = await db.PlanItems.CountAsync(i => ids.Contains(i.Id) && i.CycleId == cycle.Id, cancellationToken);
        if (count != 2)
        {
            return new ConsolidationOutcome<bool>(default, $"Cycle '{cycle.BusinessKey}' does not have both items {request.FirstItemId} and {request.SecondItemId}.");
        }

        // The SQL of the suggestions orders uuids as PostgreSQL does: bytewise, which is the order of their text.
        var (first, second) = string.CompareOrdinal(request.FirstItemId.ToString(), request.SecondItemId.ToString()) < 0
            ? (request.FirstItemId, request.SecondItemId) : (request.SecondItemId, request.FirstItemId);
        if (!await db.DuplicateDismissals.AnyAsync(d => d.FirstItemId == first && d.SecondItemId == second, cancellationToken))
        {
            db.DuplicateDismissals.Add(new DuplicateDismissalRecord { CycleId = cycle.Id, FirstItemId = first, SecondItemId = second, DismissedBy = user.Id, DismissedAt = time.GetUtcNow() });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Dismissed by someone else at the same moment: the same outcome.
            }
        }

        return new ConsolidationOutcome<bool>(true);
    }
}
