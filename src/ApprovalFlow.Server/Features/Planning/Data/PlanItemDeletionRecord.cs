namespace ApprovalFlow.Server.Features.Planning.Data;

/// <summary>
/// The trace of a plan item its working group deleted while it was still a draft (or reopened): who deleted which
/// item and when, with the item's kind, title and working group, kept after the item and its links are gone.
/// </summary>
public sealed class PlanItemDeletionRecord
{
    /// <summary>Row id (UUID v7).</summary>
    public Guid Id { get; set; }

    /// <summary>The cycle the item belonged to.</summary>
    public Guid CycleId { get; set; }

    /// <summary>The deleted item's id (no longer in <c>plan_items</c>).</summary>
    public Guid ItemId { get; set; }

    /// <summary>Its kind.</summary>
    public PlanItemKind Kind { get; set; }

    /// <summary>Its title when deleted.</summary>
    public required string Title { get; set; }

    /// <summary>Its working group's directory group id.</summary>
    public required string WorkingGroupId { get; set; }

    /// <summary>Who deleted it (user id).</summary>
    public required string DeletedBy { get; set; }

    /// <summary>When (UTC).</summary>
    public DateTimeOffset DeletedAt { get; set; }
}
