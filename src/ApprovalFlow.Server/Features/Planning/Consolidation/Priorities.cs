using System.Globalization;
using System.Text.RegularExpressions;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Planning.Data;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Features.Planning.Consolidation;

/// <summary>What <see cref="Priorities.PutAsync"/> gives: the new prioritisation, or why it was refused.</summary>
/// <param name="Value">The prioritisation, when saved.</param>
/// <param name="Refusal">Why not, or <see langword="null"/>.</param>
/// <param name="RefusedComparison">The AHP result when the refusal is its consistency ratio above 0.1.</param>
public sealed record PrioritiesOutcome(PrioritiesResponse? Value, string? Refusal = null, AhpResult? RefusedComparison = null);

/// <summary>
/// Criteria, weights, scores and ranked lists of a cycle (scoped). A cycle gets <see cref="Defaults"/> on
/// first use; the planning office edits them, sets the weights directly or by an AHP comparison
/// (<see cref="Ahp"/>, refused above CR 0.1), and scores each live item 1–5 per criterion. An item's total
/// is the weighted sum of its scores.
/// </summary>
/// <param name="db">The database.</param>
/// <param name="user">Who acts.</param>
/// <param name="time">The clock.</param>
public sealed partial class Priorities(ApprovalFlowDbContext db, ICurrentUser user, TimeProvider time)
{
    /// <summary>The criteria a cycle starts with (code, Persian name, English name, weight), summing to 1.</summary>
    public static IReadOnlyList<(string Code, string Name, string EnglishName, double Weight)> Defaults { get; } =
    [
        ("upstream-alignment", "هم‌راستایی با اسناد فرادست", "Alignment with upstream documents", 0.25),
        ("urgency", "فوریت", "Urgency", 0.25),
        ("citizen-demand", "مطالبه شهروندان", "Citizen demand", 0.20),
        ("feasibility", "امکان‌پذیری", "Feasibility", 0.15),
        ("cost", "هزینه (کم‌هزینه‌تر، امتیاز بیشتر)", "Cost (cheaper scores higher)", 0.15),
    ];

    /// <summary>The criteria of <paramref name="cycle"/> in order, seeding <see cref="Defaults"/> when it has none.</summary>
    /// <param name="cycle">The cycle.</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    /// <returns>The criteria (tracked).</returns>
    public async Task<List<PriorityCriterionRecord>> CriteriaAsync(PlanCycleRecord cycle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        var criteria = await db.PriorityCriteria.Where(c => c.CycleId == cycle.Id).OrderBy(c => c.Position).ToListAsync(cancellationToken);
        if (criteria.Count > 0)
        {
            return criteria;
        }

        criteria = [.. Defaults.Select((d, i) => new PriorityCriterionRecord { Id = Guid.CreateVersion7(), CycleId = cycle.Id, Code = d.Code, Name = d.Name, EnglishName = d.EnglishName, Weight = d.Weight, Position = i })];
        db.PriorityCriteria.AddRange(criteria);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return criteria;
        }
        catch (DbUpdateException)
        {
            // Seeded by another request at the same moment: use theirs.
            foreach (var criterion in criteria)
            {
                db.Entry(criterion).State = EntityState.Detached;
            }

            return await db.PriorityCriteria.Where(c => c.CycleId == cycle.Id).OrderBy(c => c.Position).ToListAsync(cancellationToken);
        }
    }

    /// <summary>The prioritisation of <paramref name="cycle"/>.</summary>
    /// <param name="cycle">The cycle.</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    /// <returns>Criteria, comparison, scores and ranking.</returns>
    public async Task<PrioritiesResponse> GetAsync(PlanCycleRecord cycle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        var criteria = await CriteriaAsync(cycle, cancellationToken);
        var comparison = await db.PriorityComparisons.AsNoTracking().SingleOrDefaultAsync(c => c.CycleId == cycle.Id, cancellationToken);
        var items = await db.PlanItems.AsNoTracking()
            .Where(i => i.CycleId == cycle.Id && ConsolidationItems.LiveStatuses.Contains(i.Status))
            .Select(i => new { i.Id, i.Theme, i.Kind, i.Title, i.Level, i.IsConsolidated, i.SearchKey })
            .ToListAsync(cancellationToken);
        var itemIds = items.Select(i => i.Id).ToList();
        var scores = await db.PriorityScores.AsNoTracking().Where(s => itemIds.Contains(s.ItemId)).ToListAsync(cancellationToken);
        var codes = criteria.ToDictionary(c => c.Id, c => c.Code);
        var weights = criteria.ToDictionary(c => c.Id, c => c.Weight);
        var byItem = scores.GroupBy(s => s.ItemId).ToDictionary(g => g.Key, g => g.ToList());
        var themes = cycle.Themes.Select(t => t.Id).ToList();
        var ranking = items
            .GroupBy(i => (i.Theme, i.Kind))
            .OrderBy(g => themes.IndexOf(g.Key.Theme) is var t and >= 0 ? t : int.MaxValue).ThenBy(g => g.Key.Theme, StringComparer.Ordinal).ThenBy(g => g.Key.Kind)
            .Select(g => new RankedList(g.Key.Theme, ConsolidationItems.KindName(g.Key.Kind), [.. g
                .Select(i =>
                {
                    var own = byItem.GetValueOrDefault(i.Id, []);
                    return (Item: i, Total: own.Sum(s => weights.GetValueOrDefault(s.CriterionId) * s.Score), Full: criteria.TrueForAll(c => own.Exists(s => s.CriterionId == c.Id)));
                })
                .OrderByDescending(x => x.Total).ThenBy(x => x.Item.SearchKey, StringComparer.Ordinal).ThenBy(x => x.Item.Id.ToString(), StringComparer.Ordinal)
                .Select((x, rank) => new RankedItem(rank + 1, x.Item.Id, x.Item.Title, x.Item.Level, x.Item.IsConsolidated, Math.Round(x.Total, 4), x.Full))]))
            .ToList();
        return new PrioritiesResponse(
            [.. criteria.Select(c => new PriorityCriterion(c.Id, c.Code, c.Name, c.EnglishName, Math.Round(c.Weight, 6)))],
            comparison is null ? null : new PriorityComparison(comparison.Matrix, Math.Round(comparison.ConsistencyIndex, 6), Math.Round(comparison.ConsistencyRatio, 6), comparison.UpdatedAt),
            [.. scores.Where(s => codes.ContainsKey(s.CriterionId)).OrderBy(s => s.ItemId.ToString(), StringComparer.Ordinal).ThenBy(s => codes[s.CriterionId], StringComparer.Ordinal)
                .Select(s => new PriorityScore(s.ItemId, codes[s.CriterionId], s.Score))],
            ranking);
    }

    /// <summary>Applies <paramref name="request"/> to <paramref name="cycle"/> (all or nothing).</summary>
    /// <param name="cycle">The cycle.</param>
    /// <param name="request">What to change.</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    /// <returns>The new prioritisation, or why not: bad criteria, weights or scores, or an AHP comparison that is malformed or has CR &gt; 0.1.</returns>
    public async Task<PrioritiesOutcome> PutAsync(PlanCycleRecord cycle, PutPrioritiesRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        ArgumentNullException.ThrowIfNull(request);
        var criteria = await CriteriaAsync(cycle, cancellationToken);
        if (request.Criteria is { } inputs && ApplyCriteria(cycle, criteria, inputs) is { } criteriaProblem)
        {
            return new PrioritiesOutcome(null, criteriaProblem);
        }

        var stored = await db.PriorityComparisons.SingleOrDefaultAsync(c => c.CycleId == cycle.Id, cancellationToken);
        if (request.Comparison is { } matrix)
        {
            var rows = matrix.Select(r => (IReadOnlyList<double>)(r ?? [])).ToList();
            if (Ahp.Problem(rows, criteria.Count) is { } matrixProblem)
            {
                return new PrioritiesOutcome(null, $"The AHP comparison is not valid: {matrixProblem}");
            }

            var result = Ahp.Compute(rows);
            if (!result.IsAcceptable)
            {
                return new PrioritiesOutcome(
                    null,
                    string.Create(CultureInfo.InvariantCulture, $"The AHP comparison is too inconsistent: its consistency ratio CR = {result.ConsistencyRatio:0.000} is above {Ahp.MaxConsistencyRatio} (CI = {result.ConsistencyIndex:0.000}, RI = {result.RandomIndex}). Revise the comparisons that contradict each other; the weights were not changed."),
                    result);
            }

            for (var i = 0; i < criteria.Count; i++)
            {
                criteria[i].Weight = result.Weights[i];
            }

            stored ??= db.PriorityComparisons.Add(new PriorityComparisonRecord { CycleId = cycle.Id, UpdatedBy = user.Id }).Entity;
            stored.Matrix = [.. rows.Select(r => r.ToArray())];
            stored.ConsistencyIndex = result.ConsistencyIndex;
            stored.ConsistencyRatio = result.ConsistencyRatio;
            stored.UpdatedBy = user.Id;
            stored.UpdatedAt = time.GetUtcNow();
        }
        else if (request.Weights is not null || request.Criteria is not null)
        {
            if (SetWeights(criteria, request) is { } weightProblem)
            {
                return new PrioritiesOutcome(null, weightProblem);
            }

            if (stored is not null)
            {
                db.PriorityComparisons.Remove(stored);
            }
        }

        if (request.Scores is { } scores && await ApplyScoresAsync(cycle, criteria, scores, cancellationToken) is { } scoreProblem)
        {
            return new PrioritiesOutcome(null, scoreProblem);
        }

        await db.SaveChangesAsync(cancellationToken);
        return new PrioritiesOutcome(await GetAsync(cycle, cancellationToken));
    }

    private string? ApplyCriteria(PlanCycleRecord cycle, List<PriorityCriterionRecord> criteria, IReadOnlyList<PriorityCriterionInput> inputs)
    {
        if (inputs.Count is 0 or > 10)
        {
            return $"A cycle has 1 to 10 criteria; {inputs.Count} were given.";
        }

        if (inputs.FirstOrDefault(i => i?.Code is null || !CodePattern().IsMatch(i.Code)) is { } bad)
        {
            return $"Criterion code '{bad?.Code}' is not valid: use lower-case letters, digits and dashes (e.g. citizen-demand).";
        }

        if (inputs.GroupBy(i => i.Code, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            return $"Criterion '{twice.Key}' is given twice.";
        }

        if (inputs.FirstOrDefault(i => string.IsNullOrWhiteSpace(i.Name) && !criteria.Exists(c => c.Code == i.Code)) is { } unnamed)
        {
            return $"The new criterion '{unnamed.Code}' needs a name.";
        }

        foreach (var removed in criteria.Where(c => !inputs.Any(i => i.Code == c.Code)).ToList())
        {
            db.PriorityCriteria.Remove(removed);
            criteria.Remove(removed);
        }

        for (var position = 0; position < inputs.Count; position++)
        {
            var input = inputs[position];
            var criterion = criteria.Find(c => c.Code == input.Code);
            if (criterion is null)
            {
                criterion = new PriorityCriterionRecord { Id = Guid.CreateVersion7(), CycleId = cycle.Id, Code = input.Code, Name = input.Name!.Trim(), EnglishName = input.EnglishName?.Trim() ?? input.Name!.Trim() };
                db.PriorityCriteria.Add(criterion);
                criteria.Add(criterion);
            }

            criterion.Name = string.IsNullOrWhiteSpace(input.Name) ? criterion.Name : input.Name.Trim();
            criterion.EnglishName = string.IsNullOrWhiteSpace(input.EnglishName) ? criterion.EnglishName : input.EnglishName.Trim();
            criterion.Position = position;
        }

        criteria.Sort((a, b) => a.Position.CompareTo(b.Position));
        return null;
    }

    private static string? SetWeights(List<PriorityCriterionRecord> criteria, PutPrioritiesRequest request)
    {
        var given = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var input in request.Criteria ?? [])
        {
            if (input.Weight is { } w)
            {
                given[input.Code] = w;
            }
        }

        foreach (var (code, w) in request.Weights ?? new Dictionary<string, double>())
        {
            given[code] = w;
        }

        if (given.Keys.FirstOrDefault(code => !criteria.Exists(c => c.Code == code)) is { } unknown)
        {
            return $"There is no criterion '{unknown}' (criteria: {string.Join(", ", criteria.Select(c => c.Code))}).";
        }

        if (criteria.Where(c => !given.ContainsKey(c.Code)).Select(c => c.Code).ToList() is { Count: > 0 } missing)
        {
            return $"Give a weight for every criterion, or an AHP comparison; missing: {string.Join(", ", missing)}.";
        }

        if (given.FirstOrDefault(g => !double.IsFinite(g.Value) || g.Value < 0) is { Key: not null } negative)
        {
            return $"The weight of '{negative.Key}' is {negative.Value}; weights are 0 or more.";
        }

        var sum = given.Values.Sum();
        if (sum <= 0)
        {
            return "At least one weight must be above 0.";
        }

        foreach (var criterion in criteria)
        {
            criterion.Weight = given[criterion.Code] / sum;
        }

        return null;
    }

    private async Task<string?> ApplyScoresAsync(PlanCycleRecord cycle, List<PriorityCriterionRecord> criteria, IReadOnlyList<PriorityScoreInput> inputs, CancellationToken cancellationToken)
    {
        if (inputs.FirstOrDefault(i => i is null || !criteria.Exists(c => c.Code == i.Criterion)) is { } unknown)
        {
            return $"There is no criterion '{unknown?.Criterion}' (criteria: {string.Join(", ", criteria.Select(c => c.Code))}).";
        }

        if (inputs.FirstOrDefault(i => i.Score is < 1 or > 5) is { } outOfRange)
        {
            return $"Score {outOfRange.Score} of item {outOfRange.ItemId} on '{outOfRange.Criterion}' is outside 1 to 5.";
        }

        var itemIds = inputs.Select(i => i.ItemId).Distinct().ToList();
        var live = await db.PlanItems.Where(i => itemIds.Contains(i.Id) && i.CycleId == cycle.Id && ConsolidationItems.LiveStatuses.Contains(i.Status)).Select(i => i.Id).ToListAsync(cancellationToken);
        if (itemIds.Except(live).ToList() is { Count: > 0 } notLive)
        {
            return $"Items {string.Join(", ", notLive)} are not live items of cycle '{cycle.BusinessKey}' (unknown, merged or withdrawn).";
        }

        var existing = await db.PriorityScores.Where(s => itemIds.Contains(s.ItemId)).ToListAsync(cancellationToken);
        foreach (var input in inputs)
        {
            var criterionId = criteria.Single(c => c.Code == input.Criterion).Id;
            var score = existing.Find(s => s.ItemId == input.ItemId && s.CriterionId == criterionId);
            if (input.Score is not { } value)
            {
                if (score is not null)
                {
                    db.PriorityScores.Remove(score);
                    existing.Remove(score);
                }
            }
            else if (score is null)
            {
                score = new PriorityScoreRecord { ItemId = input.ItemId, CriterionId = criterionId, Score = value };
                db.PriorityScores.Add(score);
                existing.Add(score);
            }
            else
            {
                score.Score = value;
            }
        }

        return null;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,49}$")]
    private static partial Regex CodePattern();
}
