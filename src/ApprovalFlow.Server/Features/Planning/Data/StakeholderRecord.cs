namespace ApprovalFlow.Server.Features.Planning.Data;

/// <summary>
/// One entry of a cycle's stakeholder register (ذی‌نفعان و ذی‌نفوذان): a person or an organisation in
/// one of the six stakeholder groups of the glossary, with the contact used for invitations.
/// </summary>
public sealed class StakeholderRecord
{
    /// <summary>Stakeholder id (UUID v7).</summary>
    public Guid Id { get; set; }

    /// <summary>The cycle (<see cref="PlanCycleRecord.Id"/>).</summary>
    public Guid CycleId { get; set; }

    /// <summary>A person or an organisation.</summary>
    public StakeholderKind Kind { get; set; }

    /// <summary>Name of the person or organisation.</summary>
    public required string Name { get; set; }

    /// <summary>The organisation a person speaks for, or <see langword="null"/>.</summary>
    public string? Organization { get; set; }

    /// <summary>Stakeholder group code (<see cref="PlanningVocabulary.StakeholderGroups"/>), e.g. <c>citizens</c>.</summary>
    public required string StakeholderGroup { get; set; }

    /// <summary>E-mail for invitations, or <see langword="null"/>.</summary>
    public string? Email { get; set; }

    /// <summary>Telephone, or <see langword="null"/>.</summary>
    public string? Phone { get; set; }

    /// <summary>Theme ids of the cycle this stakeholder speaks to.</summary>
    public List<string> Themes { get; set; } = [];

    /// <summary>Free notes of the planning office.</summary>
    public string? Notes { get; set; }

    /// <summary>Who registered it (user id).</summary>
    public required string CreatedBy { get; set; }

    /// <summary>When it was registered (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>Whether a stakeholder is a person or an organisation.</summary>
public enum StakeholderKind
{
    /// <summary>A person (شخص).</summary>
    Person,

    /// <summary>An organisation (سازمان یا نهاد).</summary>
    Organization,
}
