using System.Globalization;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Planning.Data;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Features.Planning.Consolidation;

/// <summary>
/// Duplicate suggestions over a cycle's plan items (scoped): pairs of live items of the same kind whose
/// search keys (<see cref="Text.PersianText.SearchKey"/> of title and description, so letter variants,
/// ZWNJ and digit forms are already folded) are similar by PostgreSQL <c>pg_trgm</c>. The join uses the
/// <c>%</c> operator with <c>pg_trgm.similarity_threshold</c> set for the query's transaction only, so
/// the GIN <c>gin_trgm_ops</c> index on <c>plan_items.search_key</c> finds each item's candidates.
/// Dismissed pairs and merged or withdrawn items are left out.
/// </summary>
/// <param name="db">The database.</param>
/// <param name="items">Describes the items of each pair.</param>
public sealed class DuplicateSuggestions(ApprovalFlowDbContext db, ConsolidationItems items)
{
    /// <summary>The threshold when the caller gives none: 0.6 (pg_trgm's own default is 0.3, which pairs merely related items).</summary>
    public const double DefaultThreshold = 0.6;

    /// <summary>The lowest threshold accepted: 0.3.</summary>
    public const double MinThreshold = 0.3;

    /// <summary>Narrows the suggestions: a pair is listed when one of its items matches every filter given.</summary>
    /// <param name="Theme">Theme id, or <see langword="null"/> for all.</param>
    /// <param name="Kind">Kind, or <see langword="null"/> for all.</param>
    /// <param name="Level">Level, or <see langword="null"/> for all.</param>
    /// <param name="Threshold">Similarity threshold, <see cref="MinThreshold"/> to 1.</param>
    public sealed record Filter(string? Theme = null, PlanItemKind? Kind = null, string? Level = null, double Threshold = DefaultThreshold);

    /// <summary>
    /// One page of the suggestions of <paramref name="cycleId"/>, ordered by the id of the item that matches the filters
    /// (the smaller id when both do, so without filters the first item's id), then similarity (highest first), then the other item's id.
    /// </summary>
    /// <param name="cycleId">The cycle.</param>
    /// <param name="filter">Filters and threshold.</param>
    /// <param name="page">Page, 1-based.</param>
    /// <param name="pageSize">Page size.</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    /// <returns>The page.</returns>
    public async Task<DuplicatePairPage> PageAsync(Guid cycleId, Filter filter, int page, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var rows = await PairsAsync(cycleId, filter, (page - 1) * pageSize, pageSize + 1, cancellationToken);
        var shown = rows.Take(pageSize).ToList();
        var described = await items.DescribeAsync([.. shown.SelectMany(r => new[] { r.FirstId, r.SecondId }).Distinct()], cancellationToken);
        return new DuplicatePairPage(
            [.. shown.Select(r => new DuplicatePair(described[r.FirstId], described[r.SecondId], Math.Round(r.Similarity, 4)))],
            page, pageSize, rows.Count > pageSize, filter.Threshold);
    }

    /// <summary>How many suggestions at <see cref="DefaultThreshold"/> <paramref name="cycleId"/> has left undecided, counting at most <paramref name="limit"/>.</summary>
    /// <param name="cycleId">The cycle.</param>
    /// <param name="limit">Stop counting here.</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    /// <returns>0 to <paramref name="limit"/>.</returns>
    public async Task<int> CountUndecidedAsync(Guid cycleId, int limit, CancellationToken cancellationToken) =>
        (await PairsAsync(cycleId, new Filter(), 0, limit, cancellationToken)).Count;

    private async Task<List<PairRow>> PairsAsync(Guid cycleId, Filter filter, int skip, int take, CancellationToken cancellationToken)
    {
        var threshold = Math.Clamp(filter.Threshold, MinThreshold, 1).ToString("0.###", CultureInfo.InvariantCulture);
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            // SET LOCAL: the threshold holds for this transaction only, not for the pooled connection.
            await db.Database.ExecuteSqlAsync($"SELECT set_config('pg_trgm.similarity_threshold', {threshold}, true)", cancellationToken);
            var rows = await Pairs(cycleId, filter, skip, take).ToListAsync(cancellationToken);
            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
            }

            return rows;
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// The SQL of the suggestions (the caller sets <c>pg_trgm.similarity_threshold</c> first; the <c>%</c> join reads it). Each
    /// item <c>a</c> that matches the filters, in id order, looks its partners <c>b</c> up in the trigram index, in both
    /// directions; a pair whose two items both match is kept once, from its smaller id. So a filtered page probes only the
    /// items of its filter, not every item of the cycle.
    /// </summary>
    internal IQueryable<PairRow> Pairs(Guid cycleId, Filter filter, int skip, int take)
    {
        var theme = filter.Theme ?? string.Empty;
        var kind = filter.Kind?.ToString() ?? string.Empty;
        var level = filter.Level ?? string.Empty;
        return db.Database.SqlQuery<PairRow>($"""
            SELECT least(a.id, b.id) AS first_id, greatest(a.id, b.id) AS second_id, similarity(a.search_key, b.search_key)::float8 AS similarity
            FROM approvalflow.plan_items a
            JOIN approvalflow.plan_items b ON b.search_key % a.search_key AND b.cycle_id = a.cycle_id AND b.kind = a.kind AND b.id <> a.id
            WHERE a.cycle_id = {cycleId} AND a.search_key <> ''
              AND a.status NOT IN ('Merged', 'Withdrawn') AND b.status NOT IN ('Merged', 'Withdrawn')
              AND ({kind} = '' OR a.kind = {kind})
              AND ({theme} = '' OR a.theme = {theme})
              AND ({level} = '' OR a.level = {level})
              AND (b.id > a.id OR NOT (({theme} = '' OR b.theme = {theme}) AND ({level} = '' OR b.level = {level})))
              AND NOT EXISTS (SELECT 1 FROM approvalflow.duplicate_dismissals d WHERE d.first_item_id = least(a.id, b.id) AND d.second_item_id = greatest(a.id, b.id))
            ORDER BY a.id, similarity DESC, b.id
            OFFSET {skip} LIMIT {take}
            """);
    }

    /// <summary>A suggested pair (first id smaller).</summary>
    internal sealed record PairRow(Guid FirstId, Guid SecondId, double Similarity);
}
