namespace ApprovalFlow.Server.Features.Planning.Consolidation;

/// <summary>A prioritisation criterion of the cycle.</summary>
/// <param name="Id">Criterion id.</param>
/// <param name="Code">Code id, e.g. <c>urgency</c>.</param>
/// <param name="Name">Persian name.</param>
/// <param name="EnglishName">English name.</param>
/// <param name="Weight">Weight, 0 to 1; the weights sum to 1.</param>
public sealed record PriorityCriterion(Guid Id, string Code, string Name, string EnglishName, double Weight);

/// <summary>The AHP comparison the weights came from.</summary>
/// <param name="Matrix">The reciprocal matrix, rows and columns in criterion order.</param>
/// <param name="ConsistencyIndex">CI.</param>
/// <param name="ConsistencyRatio">CR (at most 0.1).</param>
/// <param name="UpdatedAt">When it was set (UTC).</param>
public sealed record PriorityComparison(IReadOnlyList<double[]> Matrix, double ConsistencyIndex, double ConsistencyRatio, DateTimeOffset UpdatedAt);

/// <summary>An item's score on a criterion.</summary>
/// <param name="ItemId">The item.</param>
/// <param name="Criterion">The criterion's code.</param>
/// <param name="Score">1 to 5.</param>
public sealed record PriorityScore(Guid ItemId, string Criterion, int Score);

/// <summary>An item in a ranked list.</summary>
/// <param name="Rank">1 for the first.</param>
/// <param name="ItemId">The item.</param>
/// <param name="Title">Its title.</param>
/// <param name="Level">Its level.</param>
/// <param name="IsConsolidated">Whether it is a consolidated item.</param>
/// <param name="Total">Weighted sum of its scores (1 to 5; a missing score counts 0), rounded to 4 decimals.</param>
/// <param name="FullyScored">Whether it has a score on every criterion.</param>
public sealed record RankedItem(int Rank, Guid ItemId, string Title, string Level, bool IsConsolidated, double Total, bool FullyScored);

/// <summary>The ranked live items of one theme and kind: highest total first; ties by normalised title, then id.</summary>
/// <param name="Theme">Theme id.</param>
/// <param name="Kind">Kind (<c>problem</c>, <c>strategy</c>, <c>executivePolicy</c>, <c>project</c>).</param>
/// <param name="Items">The items in rank order.</param>
public sealed record RankedList(string Theme, string Kind, IReadOnlyList<RankedItem> Items);

/// <summary>The prioritisation of a cycle: criteria and weights, the AHP comparison if any, the scores and the ranked lists.</summary>
/// <param name="Criteria">The criteria in order.</param>
/// <param name="Comparison">The AHP comparison the weights came from, or <see langword="null"/> when they were set directly.</param>
/// <param name="Scores">Every score of a live item.</param>
/// <param name="Ranking">Ranked lists by theme (cycle order) and kind.</param>
public sealed record PrioritiesResponse(IReadOnlyList<PriorityCriterion> Criteria, PriorityComparison? Comparison, IReadOnlyList<PriorityScore> Scores, IReadOnlyList<RankedList> Ranking);

/// <summary>A criterion as the planning office sets it.</summary>
/// <param name="Code">Code id (letters, digits, dashes); an existing code keeps its scores.</param>
/// <param name="Name">Persian name; required for a new code.</param>
/// <param name="EnglishName">English name; the Persian one when <see langword="null"/> for a new code.</param>
/// <param name="Weight">Weight (0 or more; the weights are scaled to sum 1); required unless a comparison is given.</param>
public sealed record PriorityCriterionInput(string Code, string? Name = null, string? EnglishName = null, double? Weight = null);

/// <summary>A score as the planning office sets it.</summary>
/// <param name="ItemId">A live item of the cycle.</param>
/// <param name="Criterion">A criterion's code.</param>
/// <param name="Score">1 to 5, or <see langword="null"/> to remove the score.</param>
public sealed record PriorityScoreInput(Guid ItemId, string Criterion, int? Score);

/// <summary>
/// Changes the prioritisation; every part given replaces what it names, parts left out stay. With
/// <paramref name="Comparison"/> the weights are the AHP weights (refused when CR &gt; 0.1); criteria
/// with weights but no comparison set the weights directly and drop the stored comparison.
/// </summary>
/// <param name="Criteria">The whole list of criteria in order, or <see langword="null"/> to keep them.</param>
/// <param name="Weights">Weights by criterion code (scaled to sum 1), or <see langword="null"/>.</param>
/// <param name="Comparison">AHP matrix in criterion order, or <see langword="null"/>.</param>
/// <param name="Scores">Scores to set or remove, or <see langword="null"/>.</param>
public sealed record PutPrioritiesRequest(
    IReadOnlyList<PriorityCriterionInput>? Criteria = null,
    IReadOnlyDictionary<string, double>? Weights = null,
    IReadOnlyList<double[]>? Comparison = null,
    IReadOnlyList<PriorityScoreInput>? Scores = null);
