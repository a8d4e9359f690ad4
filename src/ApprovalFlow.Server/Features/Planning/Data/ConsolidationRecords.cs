namespace ApprovalFlow.Server.Features.Planning.Data;

/// <summary>
/// A duplicate suggestion the planning office dismissed (the two items are not the same): it is not
/// suggested again. The pair is stored once, the smaller id first.
/// </summary>
public sealed class DuplicateDismissalRecord
{
    /// <summary>The cycle (<see cref="PlanCycleRecord.Id"/>).</summary>
    public Guid CycleId { get; set; }

    /// <summary>The item of the pair with the smaller id.</summary>
    public Guid FirstItemId { get; set; }

    /// <summary>The item of the pair with the larger id.</summary>
    public Guid SecondItemId { get; set; }

    /// <summary>Who dismissed it (user id).</summary>
    public required string DismissedBy { get; set; }

    /// <summary>When (UTC).</summary>
    public DateTimeOffset DismissedAt { get; set; }
}

/// <summary>
/// One original of a merge: the consolidated item it went into and the status it had before, so that a
/// split gives it back exactly as it was.
/// </summary>
public sealed class PlanItemMergeRecord
{
    /// <summary>The consolidated item (<see cref="PlanItemRecord.IsConsolidated"/>).</summary>
    public Guid ConsolidatedItemId { get; set; }

    /// <summary>The original item (now <see cref="PlanItemStatus.Merged"/>).</summary>
    public Guid OriginalItemId { get; set; }

    /// <summary>The original's status before the merge.</summary>
    public PlanItemStatus OriginalStatus { get; set; }

    /// <summary>Who merged (user id).</summary>
    public required string MergedBy { get; set; }

    /// <summary>When (UTC).</summary>
    public DateTimeOffset MergedAt { get; set; }
}

/// <summary>A prioritisation criterion of one cycle (e.g. alignment with upstream documents) with its weight.</summary>
public sealed class PriorityCriterionRecord
{
    /// <summary>Criterion id (UUID v7).</summary>
    public Guid Id { get; set; }

    /// <summary>The cycle.</summary>
    public Guid CycleId { get; set; }

    /// <summary>Code id, unique in the cycle, e.g. <c>urgency</c>.</summary>
    public required string Code { get; set; }

    /// <summary>Persian name shown, e.g. فوریت.</summary>
    public required string Name { get; set; }

    /// <summary>English name shown.</summary>
    public required string EnglishName { get; set; }

    /// <summary>Weight, 0 to 1; the weights of a cycle sum to 1.</summary>
    public double Weight { get; set; }

    /// <summary>Display order (0 first); also the row and column of the AHP matrix.</summary>
    public int Position { get; set; }
}

/// <summary>The score (1 to 5) an item got on one criterion.</summary>
public sealed class PriorityScoreRecord
{
    /// <summary>The item.</summary>
    public Guid ItemId { get; set; }

    /// <summary>The criterion.</summary>
    public Guid CriterionId { get; set; }

    /// <summary>Score, 1 (lowest) to 5 (highest); for cost, 5 means the cheapest.</summary>
    public int Score { get; set; }
}

/// <summary>The AHP pairwise comparison of a cycle's criteria (Saaty), when the planning office used it to set the weights.</summary>
public sealed class PriorityComparisonRecord
{
    /// <summary>The cycle (one comparison per cycle).</summary>
    public Guid CycleId { get; set; }

    /// <summary>The reciprocal matrix in criterion order (<see cref="PriorityCriterionRecord.Position"/>): row i, column j says how much more important i is than j (1/9 to 9).</summary>
    public List<double[]> Matrix { get; set; } = [];

    /// <summary>Consistency index (λmax − n) / (n − 1).</summary>
    public double ConsistencyIndex { get; set; }

    /// <summary>Consistency ratio CI / RI (Saaty's random index); at most 0.1 when stored.</summary>
    public double ConsistencyRatio { get; set; }

    /// <summary>Who set it (user id).</summary>
    public required string UpdatedBy { get; set; }

    /// <summary>When (UTC).</summary>
    public DateTimeOffset UpdatedAt { get; set; }
}
