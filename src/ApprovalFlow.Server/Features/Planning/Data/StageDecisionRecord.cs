namespace ApprovalFlow.Server.Features.Planning.Data;

/// <summary>
/// A body's decision on the plan at its stage (committee, commission, supreme council, city council):
/// approve or send back, with its resolution and, on a revise, the items and working groups sent back.
/// </summary>
public sealed class StageDecisionRecord
{
    /// <summary>Decision id (UUID v7).</summary>
    public Guid Id { get; set; }

    /// <summary>The cycle (<see cref="PlanCycleRecord.Id"/>).</summary>
    public Guid CycleId { get; set; }

    /// <summary>The body (<see cref="PlanningVocabulary.Bodies"/>), e.g. <c>commission</c>.</summary>
    public required string Body { get; set; }

    /// <summary>Approve or revise.</summary>
    public StageDecision Decision { get; set; }

    /// <summary>The resolution number (شماره مصوبه), or <see langword="null"/>.</summary>
    public string? ResolutionNumber { get; set; }

    /// <summary>The resolution date (Gregorian in storage; shown in Jalali), or <see langword="null"/>.</summary>
    public DateOnly? ResolutionDate { get; set; }

    /// <summary>The body's comment on the whole plan.</summary>
    public string? Comment { get; set; }

    /// <summary>Working groups sent back as a whole (directory group ids).</summary>
    public List<string> ReopenedWorkingGroups { get; set; } = [];

    /// <summary>The user task that recorded it, or <see langword="null"/> when recorded through the API alone.</summary>
    public Guid? TaskId { get; set; }

    /// <summary>Who recorded it (user id).</summary>
    public required string DecidedBy { get; set; }

    /// <summary>When it was recorded (UTC).</summary>
    public DateTimeOffset DecidedAt { get; set; }
}

/// <summary>Approve or send back.</summary>
public enum StageDecision
{
    /// <summary>The body approves; the plan goes to the next stage.</summary>
    Approve,

    /// <summary>The body sends the plan (named items or working groups) back for revision.</summary>
    Revise,
}

/// <summary>A body's comment on one item in a <see cref="StageDecisionRecord"/>, and whether the item is sent back.</summary>
public sealed class StageDecisionItemRecord
{
    /// <summary>The decision.</summary>
    public Guid DecisionId { get; set; }

    /// <summary>The item.</summary>
    public Guid ItemId { get; set; }

    /// <summary>The comment, or <see langword="null"/>.</summary>
    public string? Comment { get; set; }

    /// <summary>Whether this item is sent back (reopened) by a revise.</summary>
    public bool Reopen { get; set; }
}
