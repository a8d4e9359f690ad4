namespace ApprovalFlow.Server.Features.Planning.Sessions;

/// <summary>A session to record or the new state of one (<c>POST</c> and <c>PUT /api/cycles/{businessKey}/sessions</c>).</summary>
/// <param name="WorkingGroup">The working group's directory group id, e.g. <c>wg-hq-urban-identity</c>; required.</param>
/// <param name="Date">The session's date (ISO 8601 calendar date, Gregorian); required.</param>
/// <param name="Place">Where it was held; required unless <paramref name="Online"/>.</param>
/// <param name="Online">Whether it was held online.</param>
/// <param name="Agenda">Subject or agenda; required, at most 2,000 characters.</param>
/// <param name="Minutes">The minutes, or <see langword="null"/> while they are not written (the RecordSessions task needs them).</param>
/// <param name="Sources">Information source codes used (<see cref="PlanningVocabulary.InformationSources"/>).</param>
/// <param name="Attendees">Who attended.</param>
public sealed record SessionRequest(
    string? WorkingGroup, DateOnly? Date, string? Place, bool Online, string? Agenda, string? Minutes,
    IReadOnlyList<string>? Sources, IReadOnlyList<SessionAttendeeRequest>? Attendees);

/// <summary>An attendee: a stakeholder of the cycle's register, or a name with the stakeholder group represented.</summary>
/// <param name="StakeholderId">The register's stakeholder id; then name and group default to the register's.</param>
/// <param name="Name">Name as in the minutes; required without <paramref name="StakeholderId"/>.</param>
/// <param name="StakeholderGroup">Stakeholder group code (<see cref="PlanningVocabulary.StakeholderGroups"/>); required without <paramref name="StakeholderId"/>.</param>
public sealed record SessionAttendeeRequest(Guid? StakeholderId, string? Name, string? StakeholderGroup);

/// <summary>A recorded session.</summary>
/// <param name="Id">Session id.</param>
/// <param name="WorkingGroup">The working group's id.</param>
/// <param name="Date">ISO date.</param>
/// <param name="Place">Place, or <see langword="null"/>.</param>
/// <param name="Online">Whether online.</param>
/// <param name="Agenda">Agenda.</param>
/// <param name="Minutes">Minutes, or <see langword="null"/>.</param>
/// <param name="Sources">Information source codes, in glossary order.</param>
/// <param name="Attendees">Attendees in the order recorded.</param>
/// <param name="Attachments">Attached files (metadata), oldest first.</param>
/// <param name="CreatedBy">Who recorded it (user id).</param>
/// <param name="CreatedAt">When (UTC).</param>
/// <param name="UpdatedAt">Last change (UTC).</param>
public sealed record SessionResponse(
    Guid Id, string WorkingGroup, DateOnly Date, string? Place, bool Online, string Agenda, string? Minutes, IReadOnlyList<string> Sources,
    IReadOnlyList<SessionAttendeeResponse> Attendees, IReadOnlyList<SessionAttachmentResponse> Attachments, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>An attendee of a session.</summary>
/// <param name="StakeholderId">The register's stakeholder, or <see langword="null"/>.</param>
/// <param name="Name">Name.</param>
/// <param name="StakeholderGroup">Stakeholder group code.</param>
public sealed record SessionAttendeeResponse(Guid? StakeholderId, string Name, string StakeholderGroup);

/// <summary>A file attached to a session.</summary>
/// <param name="Id">Attachment id.</param>
/// <param name="SessionId">The session.</param>
/// <param name="FileName">File name.</param>
/// <param name="ContentType">Media type.</param>
/// <param name="Size">Bytes.</param>
/// <param name="Sha256">SHA-256, lower-case hexadecimal.</param>
/// <param name="UploadedBy">Who uploaded it (user id).</param>
/// <param name="UploadedAt">When (UTC).</param>
public sealed record SessionAttachmentResponse(Guid Id, Guid SessionId, string FileName, string ContentType, long Size, string Sha256, string UploadedBy, DateTimeOffset UploadedAt);
