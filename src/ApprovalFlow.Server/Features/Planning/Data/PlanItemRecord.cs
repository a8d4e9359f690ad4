namespace ApprovalFlow.Server.Features.Planning.Data;

/// <summary>
/// A plan item (glossary: problem, strategy, executive policy or project) drafted by a working group
/// or made by consolidation, with its trace: working group, theme, level, sessions and information sources.
/// </summary>
public sealed class PlanItemRecord
{
    /// <summary>Item id (UUID v7).</summary>
    public Guid Id { get; set; }

    /// <summary>The cycle (<see cref="PlanCycleRecord.Id"/>).</summary>
    public Guid CycleId { get; set; }

    /// <summary>Problem, strategy, executive policy or project.</summary>
    public PlanItemKind Kind { get; set; }

    /// <summary>Title.</summary>
    public required string Title { get; set; }

    /// <summary>Description, or <see langword="null"/>.</summary>
    public string? Description { get; set; }

    /// <summary><see cref="Text.PersianText.SearchKey"/> of title and description, for duplicate suggestions (trigram index).</summary>
    public string SearchKey { get; set; } = string.Empty;

    /// <summary>Theme id of the cycle.</summary>
    public required string Theme { get; set; }

    /// <summary>Level: <c>headquarters</c>, <c>organization</c> or <c>region</c> (<see cref="PlanningVocabulary.Levels"/>).</summary>
    public required string Level { get; set; }

    /// <summary>The unit's directory group id (e.g. <c>unit-region-3</c>), or <see langword="null"/>.</summary>
    public string? Unit { get; set; }

    /// <summary>The working group that drafted it (directory group id); <see langword="null"/> for a consolidated item.</summary>
    public string? WorkingGroupId { get; set; }

    /// <summary>Information source codes it came from.</summary>
    public List<string> Sources { get; set; } = [];

    /// <summary>Where the item is.</summary>
    public PlanItemStatus Status { get; set; }

    /// <summary>The consolidated item this one was merged into, or <see langword="null"/>.</summary>
    public Guid? MergedIntoId { get; set; }

    /// <summary>Whether the secretariat made it by merging others (its origins are the merged items').</summary>
    public bool IsConsolidated { get; set; }

    /// <summary>Project only: responsible unit (directory group id or name).</summary>
    public string? ResponsibleUnit { get; set; }

    /// <summary>Project only: first Solar Hijri year.</summary>
    public int? StartYear { get; set; }

    /// <summary>Project only: last Solar Hijri year.</summary>
    public int? EndYear { get; set; }

    /// <summary>Project only: rough cost in rials.</summary>
    public long? CostRials { get; set; }

    /// <summary>How the working group agreed on it, or <see langword="null"/> before it did.</summary>
    public AgreementMode? Agreement { get; set; }

    /// <summary>Votes for (when <see cref="Agreement"/> is <see cref="AgreementMode.Vote"/>).</summary>
    public int? VotesFor { get; set; }

    /// <summary>Votes against.</summary>
    public int? VotesAgainst { get; set; }

    /// <summary>Abstentions.</summary>
    public int? VotesAbstain { get; set; }

    /// <summary>Who created it (user id).</summary>
    public required string CreatedBy { get; set; }

    /// <summary>When it was created (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When it was last changed (UTC).</summary>
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>The four kinds of plan item, in the order the plan presents them.</summary>
public enum PlanItemKind
{
    /// <summary>Problem or mess (مسئله / آشفتگی).</summary>
    Problem,

    /// <summary>Strategy (راهبرد); answers one or more problems.</summary>
    Strategy,

    /// <summary>Executive policy (سیاست اجرایی); serves a strategy.</summary>
    ExecutivePolicy,

    /// <summary>Project (پروژه); carries out an executive policy.</summary>
    Project,
}

/// <summary>Where a <see cref="PlanItemRecord"/> is.</summary>
public enum PlanItemStatus
{
    /// <summary>Being drafted by its working group.</summary>
    Draft,

    /// <summary>Agreed by its working group.</summary>
    Agreed,

    /// <summary>Merged into a consolidated item (kept for the trace).</summary>
    Merged,

    /// <summary>Sent back by a body: its working group revises it.</summary>
    Reopened,

    /// <summary>In the plan the city council approved.</summary>
    Approved,

    /// <summary>Dropped by the working group or the secretariat (kept for the trace).</summary>
    Withdrawn,
}

/// <summary>How a working group agreed on an item.</summary>
public enum AgreementMode
{
    /// <summary>By consensus of the members.</summary>
    Consensus,

    /// <summary>By a vote (for, against, abstain recorded).</summary>
    Vote,
}

/// <summary>A link between plan items: a strategy answers a problem, an executive policy serves a strategy, a project carries out a policy.</summary>
public sealed class PlanItemLinkRecord
{
    /// <summary>The upstream item (problem, strategy or executive policy).</summary>
    public Guid FromItemId { get; set; }

    /// <summary>The downstream item (strategy, executive policy or project: the kind after the upstream one's).</summary>
    public Guid ToItemId { get; set; }
}

/// <summary>A session a plan item came from.</summary>
public sealed class PlanItemSessionRecord
{
    /// <summary>The item.</summary>
    public Guid ItemId { get; set; }

    /// <summary>The session.</summary>
    public Guid SessionId { get; set; }
}
