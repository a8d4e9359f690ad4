using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Planning.Cycles;
using ApprovalFlow.Server.Features.Planning.Data;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Features.Planning.Sessions;

/// <summary>
/// Working-group sessions of a plan cycle for the API and the task pages alike: list (everyone signed in),
/// record, change and delete (members of the working group, <see cref="PlanningAccess.CanEditWorkingGroupAsync"/>). Scoped; not thread-safe.
/// </summary>
/// <param name="db">The database.</param>
/// <param name="cycles">Finds the cycle of a business key.</param>
/// <param name="workingGroups">Finds working groups.</param>
/// <param name="access">Who edits a working group's part of the plan.</param>
/// <param name="user">The signed-in user.</param>
/// <param name="time">The clock.</param>
public sealed class PlanSessions(ApprovalFlowDbContext db, PlanCycles cycles, WorkingGroupDirectory workingGroups, PlanningAccess access, ICurrentUser user, TimeProvider time)
{
    /// <summary>Longest agenda: 2,000 characters.</summary>
    public const int MaxAgenda = 2000;

    /// <summary>Longest minutes: 50,000 characters.</summary>
    public const int MaxMinutes = 50_000;

    /// <summary>Longest place: 300 characters.</summary>
    public const int MaxPlace = 300;

    /// <summary>The sessions of cycle <paramref name="businessKey"/>, by date then recording, optionally of one working group only.</summary>
    /// <param name="businessKey">The cycle's business key.</param>
    /// <param name="workingGroup">A working group id to keep only its sessions, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    public async Task<PlanOutcome<IReadOnlyList<SessionResponse>>> ListAsync(string businessKey, string? workingGroup, CancellationToken cancellationToken)
    {
        if (await cycles.FindAsync(businessKey, cancellationToken) is not { } cycle)
        {
            return new PlanOutcome<IReadOnlyList<SessionResponse>>.NotFound(CycleNotFound(businessKey));
        }

        var query = db.Sessions.AsNoTracking().Where(s => s.CycleId == cycle.Id);
        if (!string.IsNullOrEmpty(workingGroup))
        {
            query = query.Where(s => s.WorkingGroupId == workingGroup);
        }

        return new PlanOutcome<IReadOnlyList<SessionResponse>>.Done(await ResponsesAsync(query, cancellationToken));
    }

    /// <summary>The sessions of <paramref name="workingGroup"/> in cycle <paramref name="cycleId"/>, by date.</summary>
    /// <param name="cycleId">The cycle.</param>
    /// <param name="workingGroup">The working group id.</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    public Task<IReadOnlyList<SessionResponse>> OfGroupAsync(Guid cycleId, string workingGroup, CancellationToken cancellationToken) =>
        ResponsesAsync(db.Sessions.AsNoTracking().Where(s => s.CycleId == cycleId && s.WorkingGroupId == workingGroup), cancellationToken);

    /// <summary>Session <paramref name="id"/> of cycle <paramref name="businessKey"/>.</summary>
    /// <param name="businessKey">The cycle's business key.</param>
    /// <param name="id">The session.</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    public async Task<PlanOutcome<SessionResponse>> GetAsync(string businessKey, Guid id, CancellationToken cancellationToken)
    {
        if (await cycles.FindAsync(businessKey, cancellationToken) is not { } cycle)
        {
            return new PlanOutcome<SessionResponse>.NotFound(CycleNotFound(businessKey));
        }

        var found = await ResponsesAsync(db.Sessions.AsNoTracking().Where(s => s.CycleId == cycle.Id && s.Id == id), cancellationToken);
        return found.Count == 1 ? new PlanOutcome<SessionResponse>.Done(found[0]) : new PlanOutcome<SessionResponse>.NotFound(SessionNotFound(businessKey, id));
    }

    /// <summary>Records a session of <see cref="SessionRequest.WorkingGroup"/> in cycle <paramref name="businessKey"/>.</summary>
    /// <param name="businessKey">The cycle's business key.</param>
    /// <param name="request">The session.</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    public async Task<PlanOutcome<SessionResponse>> CreateAsync(string businessKey, SessionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await cycles.FindAsync(businessKey, cancellationToken) is not { } cycle)
        {
            return new PlanOutcome<SessionResponse>.NotFound(CycleNotFound(businessKey));
        }

        var group = await workingGroups.FindAsync(request.WorkingGroup, cancellationToken);
        if (group is not null && !await access.CanEditWorkingGroupAsync(group, cancellationToken))
        {
            return new PlanOutcome<SessionResponse>.Forbidden(PlanningAccess.NotAMember(group));
        }

        var (errors, attendees) = await CheckAsync(cycle, request, group, cancellationToken);
        if (errors.Count > 0)
        {
            return new PlanOutcome<SessionResponse>.Invalid(errors);
        }

        var now = time.GetUtcNow();
        var session = new WorkingGroupSessionRecord
        {
            Id = Guid.CreateVersion7(now),
            CycleId = cycle.Id,
            WorkingGroupId = group!.Id,
            Agenda = string.Empty,
            CreatedBy = user.Id,
            CreatedAt = now,
        };
        Apply(session, request, now);
        db.Sessions.Add(session);
        AddAttendees(session.Id, attendees, now);
        await db.SaveChangesAsync(cancellationToken);
        return await GetAsync(businessKey, session.Id, cancellationToken);
    }

    /// <summary>Changes session <paramref name="id"/> to <paramref name="request"/> (attendees replaced); its working group cannot change.</summary>
    /// <param name="businessKey">The cycle's business key.</param>
    /// <param name="id">The session.</param>
    /// <param name="request">Its new state.</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    public async Task<PlanOutcome<SessionResponse>> UpdateAsync(string businessKey, Guid id, SessionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await cycles.FindAsync(businessKey, cancellationToken) is not { } cycle)
        {
            return new PlanOutcome<SessionResponse>.NotFound(CycleNotFound(businessKey));
        }

        if (await db.Sessions.SingleOrDefaultAsync(s => s.CycleId == cycle.Id && s.Id == id, cancellationToken) is not { } session)
        {
            return new PlanOutcome<SessionResponse>.NotFound(SessionNotFound(businessKey, id));
        }

        var group = await workingGroups.FindAsync(session.WorkingGroupId, cancellationToken);
        if (group is null || !await access.CanEditWorkingGroupAsync(group, cancellationToken))
        {
            return new PlanOutcome<SessionResponse>.Forbidden(group is null ? $"The working group '{session.WorkingGroupId}' is no longer in the directory." : PlanningAccess.NotAMember(group));
        }

        var (errors, attendees) = await CheckAsync(cycle, request with { WorkingGroup = request.WorkingGroup ?? session.WorkingGroupId }, group, cancellationToken);
        if (request.WorkingGroup is { } other && other != session.WorkingGroupId)
        {
            errors["workingGroup"] = new FieldError("working-group-fixed", $"A session stays with its working group '{session.WorkingGroupId}'; record a new session for '{other}' instead.");
        }

        if (errors.Count > 0)
        {
            return new PlanOutcome<SessionResponse>.Invalid(errors);
        }

        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        Apply(session, request, now);
        await db.SessionAttendees.Where(a => a.SessionId == id).ExecuteDeleteAsync(cancellationToken);
        AddAttendees(id, attendees, now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return await GetAsync(businessKey, id, cancellationToken);
    }

    /// <summary>Deletes session <paramref name="id"/> with its attendees and attachments; refused (conflict) while plan items name it as their origin.</summary>
    /// <param name="businessKey">The cycle's business key.</param>
    /// <param name="id">The session.</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    public async Task<PlanOutcome<Guid>> DeleteAsync(string businessKey, Guid id, CancellationToken cancellationToken)
    {
        if (await cycles.FindAsync(businessKey, cancellationToken) is not { } cycle)
        {
            return new PlanOutcome<Guid>.NotFound(CycleNotFound(businessKey));
        }

        if (await db.Sessions.SingleOrDefaultAsync(s => s.CycleId == cycle.Id && s.Id == id, cancellationToken) is not { } session)
        {
            return new PlanOutcome<Guid>.NotFound(SessionNotFound(businessKey, id));
        }

        var group = await workingGroups.FindAsync(session.WorkingGroupId, cancellationToken);
        if (group is null || !await access.CanEditWorkingGroupAsync(group, cancellationToken))
        {
            return new PlanOutcome<Guid>.Forbidden(group is null ? $"The working group '{session.WorkingGroupId}' is no longer in the directory." : PlanningAccess.NotAMember(group));
        }

        var items = await db.PlanItemSessions.Where(l => l.SessionId == id).Join(db.PlanItems, l => l.ItemId, i => i.Id, (_, i) => i.Title).ToListAsync(cancellationToken);
        if (items.Count > 0)
        {
            return new PlanOutcome<Guid>.Conflict($"Session '{id}' is the origin of {items.Count} plan item(s) ('{string.Join("', '", items.Take(3))}'); remove it from their origins first.");
        }

        db.Sessions.Remove(session);
        await db.SaveChangesAsync(cancellationToken);
        return new PlanOutcome<Guid>.Done(id);
    }

    /// <summary>The problem detail of an unknown cycle.</summary>
    internal static string CycleNotFound(string businessKey) =>
        $"There is no plan cycle with business key '{businessKey}' (nor a root process instance to make one from).";

    private static string SessionNotFound(string businessKey, Guid id) => $"Cycle '{businessKey}' has no session '{id}'.";

    private async Task<(Dictionary<string, FieldError> Errors, List<SessionAttendeeRecord> Attendees)> CheckAsync(
        PlanCycleRecord cycle, SessionRequest request, WorkingGroupInfo? group, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, FieldError>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(request.WorkingGroup))
        {
            errors["workingGroup"] = new FieldError("required", "Name the working group (its directory group id, e.g. 'wg-hq-urban-identity').");
        }
        else if (group is null)
        {
            errors["workingGroup"] = new FieldError("unknown-working-group", $"'{request.WorkingGroup}' is not a working group of the directory.");
        }

        if (request.Date is null)
        {
            errors["date"] = new FieldError("required", "Give the session's date (ISO 8601, e.g. '2026-04-20').");
        }

        if (string.IsNullOrWhiteSpace(request.Place) && !request.Online)
        {
            errors["place"] = new FieldError("place-or-online", "Give the place of the session, or say it was held online.");
        }
        else if (request.Place?.Trim().Length > MaxPlace)
        {
            errors["place"] = new FieldError("too-long", $"The place may have at most {MaxPlace} characters.");
        }

        if (string.IsNullOrWhiteSpace(request.Agenda))
        {
            errors["agenda"] = new FieldError("required", "Give the session's subject or agenda.");
        }
        else if (request.Agenda.Trim().Length > MaxAgenda)
        {
            errors["agenda"] = new FieldError("too-long", $"The agenda may have at most {MaxAgenda} characters.");
        }

        if (request.Minutes?.Trim().Length > MaxMinutes)
        {
            errors["minutes"] = new FieldError("too-long", $"The minutes may have at most {MaxMinutes} characters.");
        }

        var sources = request.Sources ?? [];
        for (var i = 0; i < sources.Count; i++)
        {
            if (!PlanningVocabulary.InformationSources.Any(s => s.Id == sources[i]))
            {
                errors[$"sources[{i}]"] = new FieldError("unknown-source",
                    $"'{sources[i]}' is not an information source; known: {string.Join(", ", PlanningVocabulary.InformationSources.Select(s => s.Id))}.");
            }
        }

        var requested = request.Attendees ?? [];
        var ids = requested.Where(a => a.StakeholderId is not null).Select(a => a.StakeholderId!.Value).ToList();
        var register = await db.Stakeholders.AsNoTracking().Where(s => s.CycleId == cycle.Id && ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
        var attendees = new List<SessionAttendeeRecord>();
        for (var i = 0; i < requested.Count; i++)
        {
            var attendee = requested[i];
            StakeholderRecord? known = null;
            if (attendee.StakeholderId is { } id && !register.TryGetValue(id, out known))
            {
                errors[$"attendees[{i}].stakeholderId"] = new FieldError("unknown-stakeholder", $"Stakeholder '{id}' is not in the register of cycle '{cycle.BusinessKey}'.");
                continue;
            }

            var name = string.IsNullOrWhiteSpace(attendee.Name) ? known?.Name : attendee.Name.Trim();
            var stakeholderGroup = string.IsNullOrWhiteSpace(attendee.StakeholderGroup) ? known?.StakeholderGroup : attendee.StakeholderGroup;
            if (name is null)
            {
                errors[$"attendees[{i}].name"] = new FieldError("required", "Give the attendee's name, or a stakeholder of the register.");
            }
            else if (name.Length > 300)
            {
                errors[$"attendees[{i}].name"] = new FieldError("too-long", "A name may have at most 300 characters.");
            }

            if (stakeholderGroup is null)
            {
                errors[$"attendees[{i}].stakeholderGroup"] = new FieldError("required", "Give the stakeholder group the attendee represented.");
            }
            else if (!PlanningVocabulary.StakeholderGroups.Any(g => g.Id == stakeholderGroup))
            {
                errors[$"attendees[{i}].stakeholderGroup"] = new FieldError("unknown-stakeholder-group",
                    $"'{stakeholderGroup}' is not a stakeholder group; known: {string.Join(", ", PlanningVocabulary.StakeholderGroups.Select(g => g.Id))}.");
            }

            if (name is not null && stakeholderGroup is not null)
            {
                attendees.Add(new SessionAttendeeRecord { Name = name, StakeholderGroup = stakeholderGroup, StakeholderId = attendee.StakeholderId });
            }
        }

        return (errors, attendees);
    }

    private static void Apply(WorkingGroupSessionRecord session, SessionRequest request, DateTimeOffset now)
    {
        session.Date = request.Date!.Value;
        session.Place = string.IsNullOrWhiteSpace(request.Place) ? null : request.Place.Trim();
        session.Online = request.Online;
        session.Agenda = request.Agenda!.Trim();
        session.Minutes = string.IsNullOrWhiteSpace(request.Minutes) ? null : request.Minutes.Trim();
        session.Sources = [.. PlanningVocabulary.InformationSources.Select(s => s.Id).Where(id => request.Sources?.Contains(id) == true)];
        session.UpdatedAt = now;
    }

    private void AddAttendees(Guid sessionId, List<SessionAttendeeRecord> attendees, DateTimeOffset now)
    {
        foreach (var attendee in attendees)
        {
            // One millisecond apart: UUID v7 orders by its millisecond timestamp, and the ids keep the recorded order.
            attendee.Id = Guid.CreateVersion7(now);
            attendee.SessionId = sessionId;
            now = now.AddMilliseconds(1);
        }

        db.SessionAttendees.AddRange(attendees);
    }

    private async Task<IReadOnlyList<SessionResponse>> ResponsesAsync(IQueryable<WorkingGroupSessionRecord> query, CancellationToken cancellationToken)
    {
        var sessions = await query.OrderBy(s => s.Date).ThenBy(s => s.Id).ToListAsync(cancellationToken);
        var ids = sessions.Select(s => s.Id).ToList();
        var attendees = (await db.SessionAttendees.AsNoTracking().Where(a => ids.Contains(a.SessionId)).OrderBy(a => a.Id).ToListAsync(cancellationToken))
            .ToLookup(a => a.SessionId);
        var files = (await db.SessionAttachments.AsNoTracking().Where(a => ids.Contains(a.SessionId)).OrderBy(a => a.UploadedAt).ThenBy(a => a.Id)
            .Select(a => new SessionAttachmentResponse(a.Id, a.SessionId, a.FileName, a.ContentType, a.Size, a.Sha256, a.UploadedBy, a.UploadedAt))
            .ToListAsync(cancellationToken)).ToLookup(a => a.SessionId);
        return [.. sessions.Select(s => new SessionResponse(
            s.Id, s.WorkingGroupId, s.Date, s.Place, s.Online, s.Agenda, s.Minutes, s.Sources,
            [.. attendees[s.Id].Select(a => new SessionAttendeeResponse(a.StakeholderId, a.Name, a.StakeholderGroup))],
            [.. files[s.Id]], s.CreatedBy, s.CreatedAt, s.UpdatedAt))];
    }
}
