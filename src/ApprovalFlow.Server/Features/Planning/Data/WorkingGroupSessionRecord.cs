namespace ApprovalFlow.Server.Features.Planning.Data;

/// <summary>
/// One session (جلسه) of a working group with stakeholders: when and where, who attended, the agenda,
/// the minutes and which of the nine information sources it used.
/// </summary>
public sealed class WorkingGroupSessionRecord
{
    /// <summary>Session id (UUID v7).</summary>
    public Guid Id { get; set; }

    /// <summary>The cycle (<see cref="PlanCycleRecord.Id"/>).</summary>
    public Guid CycleId { get; set; }

    /// <summary>The working group's directory group id, e.g. <c>wg-hq-urban-identity</c>.</summary>
    public required string WorkingGroupId { get; set; }

    /// <summary>The session's date (Gregorian in storage; shown in Jalali).</summary>
    public DateOnly Date { get; set; }

    /// <summary>Where it was held, or <see langword="null"/> when online only.</summary>
    public string? Place { get; set; }

    /// <summary>Whether it was held online (or also online).</summary>
    public bool Online { get; set; }

    /// <summary>Subject or agenda.</summary>
    public required string Agenda { get; set; }

    /// <summary>The minutes (صورت‌جلسه); required before the working group's sessions task completes.</summary>
    public string? Minutes { get; set; }

    /// <summary>Information source codes used (<see cref="PlanningVocabulary.InformationSources"/>).</summary>
    public List<string> Sources { get; set; } = [];

    /// <summary>Who recorded it (user id).</summary>
    public required string CreatedBy { get; set; }

    /// <summary>When it was recorded (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When it was last changed (UTC).</summary>
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>One attendee of a <see cref="WorkingGroupSessionRecord"/>: a registered stakeholder or a named person, with the stakeholder group they represented.</summary>
public sealed class SessionAttendeeRecord
{
    /// <summary>Attendee row id (UUID v7).</summary>
    public Guid Id { get; set; }

    /// <summary>The session.</summary>
    public Guid SessionId { get; set; }

    /// <summary>The stakeholder of the register, or <see langword="null"/> for someone not registered.</summary>
    public Guid? StakeholderId { get; set; }

    /// <summary>Name as recorded in the minutes.</summary>
    public required string Name { get; set; }

    /// <summary>Stakeholder group code represented, e.g. <c>urban-elites</c>.</summary>
    public required string StakeholderGroup { get; set; }
}
