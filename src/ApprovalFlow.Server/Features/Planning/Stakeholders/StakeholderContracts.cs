namespace ApprovalFlow.Server.Features.Planning.Stakeholders;

/// <summary>The body of <c>POST</c> and <c>PUT /api/cycles/{businessKey}/stakeholders</c>.</summary>
/// <param name="Name">Name of the person or organisation; required, at most 300 characters.</param>
/// <param name="StakeholderGroup">One of the six groups (<see cref="PlanningVocabulary.StakeholderGroups"/>), e.g. <c>citizens</c>; required.</param>
/// <param name="Themes">Theme ids of the cycle the stakeholder speaks to; at least one.</param>
/// <param name="Kind"><c>person</c> (default) or <c>organization</c>.</param>
/// <param name="Organization">The organisation a person speaks for.</param>
/// <param name="Email">E-mail for invitations; must be a valid address when given.</param>
/// <param name="Phone">Telephone.</param>
/// <param name="Notes">Notes of the planning office (how to engage them).</param>
public sealed record StakeholderRequest(
    string? Name, string? StakeholderGroup, IReadOnlyList<string>? Themes, string? Kind = null, string? Organization = null, string? Email = null, string? Phone = null, string? Notes = null);

/// <summary>The body of <c>POST /api/cycles/{businessKey}/stakeholders/{id}/invitations</c>.</summary>
/// <param name="WorkingGroupId">The working group whose sessions the stakeholder is invited to (a <c>working-group</c> directory group); required.</param>
/// <param name="SessionId">One session of that working group in the cycle, or <see langword="null"/> for its sessions in general.</param>
/// <param name="Message">A few words for the mail, or <see langword="null"/>.</param>
public sealed record InviteStakeholderRequest(string? WorkingGroupId, Guid? SessionId = null, string? Message = null);

/// <summary>A stakeholder of the register with its invitations and the sessions it attended.</summary>
/// <param name="Id">Stakeholder id.</param>
/// <param name="Kind"><c>person</c> or <c>organization</c>.</param>
/// <param name="Name">Name.</param>
/// <param name="Organization">Organisation a person speaks for, or <see langword="null"/>.</param>
/// <param name="StakeholderGroup">Stakeholder group code.</param>
/// <param name="Email">E-mail, or <see langword="null"/>.</param>
/// <param name="Phone">Telephone, or <see langword="null"/>.</param>
/// <param name="Themes">Theme ids.</param>
/// <param name="Notes">Notes, or <see langword="null"/>.</param>
/// <param name="Invitations">Invitations, newest first.</param>
/// <param name="Attendance">Sessions whose attendees name this stakeholder, newest first.</param>
/// <param name="CreatedBy">Who registered it (user id).</param>
/// <param name="CreatedAt">When (UTC).</param>
public sealed record StakeholderResponse(
    Guid Id, string Kind, string Name, string? Organization, string StakeholderGroup, string? Email, string? Phone, IReadOnlyList<string> Themes, string? Notes,
    IReadOnlyList<InvitationResponse> Invitations, IReadOnlyList<AttendanceResponse> Attendance, string CreatedBy, DateTimeOffset CreatedAt);

/// <summary>One invitation of a stakeholder.</summary>
/// <param name="Id">Invitation id.</param>
/// <param name="WorkingGroupId">The working group invited to.</param>
/// <param name="SessionId">The session, or <see langword="null"/>.</param>
/// <param name="InvitedBy">Who invited (user id).</param>
/// <param name="InvitedAt">When (UTC).</param>
/// <param name="MailStatus">The mail's status: <c>pending</c>, <c>sent</c>, <c>failed</c>, <c>skipped</c>, or <see langword="null"/> when no mail was written.</param>
public sealed record InvitationResponse(Guid Id, string WorkingGroupId, Guid? SessionId, string InvitedBy, DateTimeOffset InvitedAt, string? MailStatus);

/// <summary>A session a stakeholder attended (an attendee row of the session names it).</summary>
/// <param name="SessionId">The session.</param>
/// <param name="WorkingGroupId">Its working group.</param>
/// <param name="Date">Its date (ISO 8601).</param>
/// <param name="Agenda">Its agenda.</param>
public sealed record AttendanceResponse(Guid SessionId, string WorkingGroupId, DateOnly Date, string Agenda);

/// <summary>A problem of a <see cref="StakeholderRequest"/> or <see cref="InviteStakeholderRequest"/>.</summary>
/// <param name="Field">The JSON field, e.g. <c>email</c>, <c>themes[1]</c>.</param>
/// <param name="Code">A stable code the pages translate (<c>Error_{Code}</c> in their texts), e.g. <c>EmailInvalid</c>.</param>
/// <param name="Message">The English message for the API's problem details.</param>
public sealed record StakeholderProblem(string Field, string Code, string Message);
