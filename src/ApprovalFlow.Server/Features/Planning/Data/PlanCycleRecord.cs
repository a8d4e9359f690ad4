namespace ApprovalFlow.Server.Features.Planning.Data;

/// <summary>
/// One mid-term plan cycle (برنامه میان‌مدت), e.g. 1405–1408: the plan whose content the pipeline's
/// root process instance moves through its stages (glossary: "plan cycle").
/// </summary>
public sealed class PlanCycleRecord
{
    /// <summary>Cycle id (UUID v7).</summary>
    public Guid Id { get; set; }

    /// <summary>The business key shared with the root process instance, e.g. <c>mtp-1405-1408</c>; unique.</summary>
    public required string BusinessKey { get; set; }

    /// <summary>Title shown to people, e.g. «برنامه میان‌مدت ۱۴۰۵–۱۴۰۸».</summary>
    public required string Title { get; set; }

    /// <summary>First Solar Hijri year the plan covers, e.g. 1405.</summary>
    public int FirstYear { get; set; }

    /// <summary>Last Solar Hijri year the plan covers, e.g. 1408 (four years after <see cref="FirstYear"/> minus one).</summary>
    public int LastYear { get; set; }

    /// <summary>The cycle's themes (محورها) in display order: the cycle's own setting, by default the glossary's six.</summary>
    public List<PlanCycleTheme> Themes { get; set; } = [];

    /// <summary>The root <c>mid-term-plan</c> instance, or <see langword="null"/> before it is started.</summary>
    public Guid? RootInstanceId { get; set; }

    /// <summary>Where the cycle is.</summary>
    public PlanCycleStatus Status { get; set; }

    /// <summary>Who created it (user id, or <c>system</c>).</summary>
    public required string CreatedBy { get; set; }

    /// <summary>When it was created (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the planning office withdrew it (UTC), or <see langword="null"/> when it was not withdrawn (<see cref="PlanCycleStatus.Withdrawn"/>).</summary>
    public DateTimeOffset? WithdrawnAt { get; set; }

    /// <summary>Who withdrew it (user id), or <see langword="null"/>.</summary>
    public string? WithdrawnBy { get; set; }

    /// <summary>The display name of <see cref="WithdrawnBy"/> when the cycle was withdrawn, or <see langword="null"/>.</summary>
    public string? WithdrawnByName { get; set; }

    /// <summary>Why it was withdrawn, as the planning office wrote it (at most <see cref="MaxWithdrawalReasonLength"/> characters), or <see langword="null"/>.</summary>
    public string? WithdrawalReason { get; set; }

    /// <summary>The longest withdrawal reason kept: 4,000 characters.</summary>
    public const int MaxWithdrawalReasonLength = 4000;
}

/// <summary>A theme of one cycle: its code id (e.g. <c>urban-identity</c>) and the Persian and English names shown.</summary>
/// <param name="Id">Code id, unique in the cycle.</param>
/// <param name="Name">Persian name, e.g. هویت شهری.</param>
/// <param name="EnglishName">English name, e.g. Urban identity.</param>
public sealed record PlanCycleTheme(string Id, string Name, string EnglishName);

/// <summary>Where a <see cref="PlanCycleRecord"/> is in the pipeline.</summary>
public enum PlanCycleStatus
{
    /// <summary>Stakeholders, sessions and findings are being prepared (stages 1–3).</summary>
    Preparing,

    /// <summary>Before the bodies (stages 4–7).</summary>
    InApproval,

    /// <summary>Approved by the city council.</summary>
    Approved,

    /// <summary>Stopped before approval.</summary>
    Cancelled,

    /// <summary>
    /// Withdrawn by the planning office with a reason (<c>POST /api/cycles/{businessKey}/withdraw</c>): the root instance's
    /// interrupting event subprocess <c>PlanCycleWithdrawal</c> closed every open task of the cycle and its working groups.
    /// </summary>
    Withdrawn,
}
