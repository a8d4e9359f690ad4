using System.Text.Json;
using System.Text.Json.Nodes;
using ApprovalFlow.Engine.Calendar;
using ApprovalFlow.Server.Api;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Notifications;
using ApprovalFlow.Server.Features.Planning.Data;
using ApprovalFlow.Server.Runtime;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using NodaTime;

namespace ApprovalFlow.Server.Features.Planning.Stakeholders;

/// <summary>
/// A cycle's stakeholder register (ذی‌نفعان و ذی‌نفوذان): list, check, add, change, remove, and invite to a working
/// group's sessions through the notifications outbox (template <c>invitation</c>, never mailed directly). The
/// pages and <see cref="StakeholdersApi"/> share it. Scoped; not thread-safe.
/// </summary>
/// <param name="db">The database.</param>
/// <param name="recipients">Resolves the stakeholder's e-mail (a directory user's address mails that user, with their language).</param>
/// <param name="signal">Wakes the outbox after an invitation is committed.</param>
/// <param name="time">The clock.</param>
public sealed class StakeholderRegister(ApprovalFlowDbContext db, MailRecipientResolver recipients, OutboxSignal signal, TimeProvider time)
{
    /// <summary>The mail template of invitations: <c>invitation</c> (<c>workflows/templates/invitation.*.liquid</c>).</summary>
    public const string InvitationTemplate = "invitation";

    /// <summary>The register of <paramref name="cycle"/>, by group (glossary order) then name, with invitations and attendance.</summary>
    /// <param name="cycle">The cycle.</param>
    /// <param name="group">Only this stakeholder group, or <see langword="null"/>.</param>
    /// <param name="theme">Only stakeholders speaking to this theme, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public async Task<List<StakeholderResponse>> ListAsync(PlanCycleRecord cycle, string? group, string? theme, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        var query = db.Stakeholders.AsNoTracking().Where(s => s.CycleId == cycle.Id);
        if (group is not null)
        {
            query = query.Where(s => s.StakeholderGroup == group);
        }

        if (theme is not null)
        {
            query = query.Where(s => s.Themes.Contains(theme));
        }

        var rows = await query.ToListAsync(cancellationToken);
        var order = PlanningVocabulary.StakeholderGroups.Select(g => g.Id).ToList();
        return await ViewsAsync([.. rows.OrderBy(s => order.IndexOf(s.StakeholderGroup)).ThenBy(s => s.Name, StringComparer.Ordinal).ThenBy(s => s.Id)], cancellationToken);
    }

    /// <summary>One stakeholder of <paramref name="cycle"/> as the API shows it, or <see langword="null"/>.</summary>
    /// <param name="cycle">The cycle.</param>
    /// <param name="id">The stakeholder id.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public async Task<StakeholderResponse?> GetAsync(PlanCycleRecord cycle, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        var row = await db.Stakeholders.AsNoTracking().SingleOrDefaultAsync(s => s.CycleId == cycle.Id && s.Id == id, cancellationToken);
        return row is null ? null : (await ViewsAsync([row], cancellationToken))[0];
    }

    /// <summary>The stored stakeholder (tracked), or <see langword="null"/>.</summary>
    /// <param name="cycle">The cycle.</param>
    /// <param name="id">The stakeholder id.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public Task<StakeholderRecord?> FindAsync(PlanCycleRecord cycle, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        return db.Stakeholders.SingleOrDefaultAsync(s => s.CycleId == cycle.Id && s.Id == id, cancellationToken);
    }

    /// <summary>
    /// The problems of <paramref name="request"/> for <paramref name="cycle"/>: name required, group one of the six,
    /// at least one theme and each a theme of the cycle (once), e-mail a valid address, kind <c>person</c> or
    /// <c>organization</c>, texts within their lengths. Empty when it may be stored.
    /// </summary>
    /// <param name="cycle">The cycle (its themes).</param>
    /// <param name="request">What was sent.</param>
    public static List<StakeholderProblem> Check(PlanCycleRecord cycle, StakeholderRequest request)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        ArgumentNullException.ThrowIfNull(request);
        var problems = new List<StakeholderProblem>();
        if (string.IsNullOrWhiteSpace(request.Name))
        {
            problems.Add(new("name", "NameMissing", "name is required: the person's or organisation's name."));
        }

        Text(problems, request.Name, "name", 300);
        Text(problems, request.Organization, "organization", 300);
        Text(problems, request.Phone, "phone", 50);
        Text(problems, request.Notes, "notes", 4000);
        if (request.Kind is not (null or "person" or "organization"))
        {
            problems.Add(new("kind", "KindUnknown", $"kind must be person or organization, not '{request.Kind}'."));
        }

        if (string.IsNullOrWhiteSpace(request.StakeholderGroup))
        {
            problems.Add(new("stakeholderGroup", "GroupMissing", $"stakeholderGroup is required: one of {Groups}."));
        }
        else if (!PlanningVocabulary.StakeholderGroups.Any(g => g.Id == request.StakeholderGroup))
        {
            problems.Add(new("stakeholderGroup", "GroupUnknown", $"'{request.StakeholderGroup}' is not a stakeholder group: use one of {Groups}."));
        }

        var themes = request.Themes ?? [];
        if (themes.Count == 0)
        {
            problems.Add(new("themes", "ThemesMissing", $"Give at least one theme the stakeholder speaks to: {string.Join(", ", cycle.Themes.Select(t => t.Id))}."));
        }

        for (var i = 0; i < themes.Count; i++)
        {
            if (!cycle.Themes.Exists(t => t.Id == themes[i]))
            {
                problems.Add(new($"themes[{i}]", "ThemeUnknown", $"'{themes[i]}' is not a theme of cycle '{cycle.BusinessKey}': use one of {string.Join(", ", cycle.Themes.Select(t => t.Id))}."));
            }
            else if (themes.Take(i).Contains(themes[i], StringComparer.Ordinal))
            {
                problems.Add(new($"themes[{i}]", "ThemeTwice", $"Theme '{themes[i]}' is given twice."));
            }
        }

        if (!string.IsNullOrWhiteSpace(request.Email) && !IsAddress(request.Email.Trim()))
        {
            problems.Add(new("email", "EmailInvalid", $"'{request.Email}' is not an e-mail address such as name@example.org."));
        }

        return problems;
    }

    /// <summary>Adds a stakeholder checked by <see cref="Check"/> and saves it.</summary>
    /// <param name="cycle">The cycle.</param>
    /// <param name="request">A request without problems.</param>
    /// <param name="userId">Who registers it.</param>
    /// <param name="cancellationToken">Cancels the save.</param>
    /// <returns>The stored stakeholder.</returns>
    public async Task<StakeholderRecord> AddAsync(PlanCycleRecord cycle, StakeholderRequest request, string userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        ArgumentNullException.ThrowIfNull(request);
        var record = new StakeholderRecord
        {
            Id = Guid.CreateVersion7(),
            CycleId = cycle.Id,
            Name = request.Name!.Trim(),
            StakeholderGroup = request.StakeholderGroup!,
            CreatedBy = userId,
            CreatedAt = time.GetUtcNow(),
        };
        Apply(record, request);
        db.Stakeholders.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        return record;
    }

    /// <summary>Replaces the fields of <paramref name="record"/> with those of a request checked by <see cref="Check"/> and saves it.</summary>
    /// <param name="record">The tracked stakeholder.</param>
    /// <param name="request">A request without problems.</param>
    /// <param name="cancellationToken">Cancels the save.</param>
    public async Task UpdateAsync(StakeholderRecord record, StakeholderRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(request);
        record.Name = request.Name!.Trim();
        record.StakeholderGroup = request.StakeholderGroup!;
        Apply(record, request);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Removes <paramref name="record"/> with its invitations; sessions keep their attendee rows, without the link.</summary>
    /// <param name="record">The tracked stakeholder.</param>
    /// <param name="cancellationToken">Cancels the save.</param>
    public async Task DeleteAsync(StakeholderRecord record, CancellationToken cancellationToken)
    {
        db.Stakeholders.Remove(record);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Invites <paramref name="stakeholder"/> to the sessions of a working group (or one of its sessions): records the
    /// invitation and, in the same transaction, the <c>invitation</c> mail in the notifications outbox (values
    /// <c>session</c> the working group's name, <c>date</c> and <c>place</c> of the session, <c>message</c>, <c>title</c> the cycle's).
    /// </summary>
    /// <param name="cycle">The cycle.</param>
    /// <param name="stakeholder">The stakeholder; needs an e-mail.</param>
    /// <param name="request">Where to.</param>
    /// <param name="userId">Who invites.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The invitation, or the problems (nothing is stored then).</returns>
    public async Task<(StakeholderInvitationRecord? Invitation, List<StakeholderProblem> Problems)> InviteAsync(
        PlanCycleRecord cycle, StakeholderRecord stakeholder, InviteStakeholderRequest request, string userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        ArgumentNullException.ThrowIfNull(stakeholder);
        ArgumentNullException.ThrowIfNull(request);
        var problems = new List<StakeholderProblem>();
        if (string.IsNullOrWhiteSpace(stakeholder.Email))
        {
            problems.Add(new("email", "NoEmail", $"Stakeholder '{stakeholder.Name}' has no e-mail address to invite: add one first."));
        }

        var group = request.WorkingGroupId is null
            ? null
            : await db.Groups.AsNoTracking().SingleOrDefaultAsync(g => g.Id == request.WorkingGroupId && g.Kind == PlanningGroupKinds.WorkingGroup, cancellationToken);
        if (group is null)
        {
            problems.Add(new("workingGroupId", "WorkingGroupUnknown", $"'{request.WorkingGroupId}' is not a working group of the directory (GET /api/groups lists them)."));
        }

        WorkingGroupSessionRecord? session = null;
        if (request.SessionId is { } sessionId)
        {
            session = await db.Sessions.AsNoTracking()
                .SingleOrDefaultAsync(s => s.Id == sessionId && s.CycleId == cycle.Id && s.WorkingGroupId == request.WorkingGroupId, cancellationToken);
            if (session is null)
            {
                problems.Add(new("sessionId", "SessionUnknown", $"Session '{sessionId}' is not a session of working group '{request.WorkingGroupId}' in cycle '{cycle.BusinessKey}'."));
            }
        }

        Text(problems, request.Message, "message", 2000);

        if (problems.Count > 0)
        {
            return (null, problems);
        }

        MailRecipients to;
        try
        {
            to = await recipients.ResolveAsync(stakeholder.Email!.Trim(), new Dictionary<string, JsonElement>(), cancellationToken);
        }
        catch (SendTaskMailException e)
        {
            return (null, [new("email", "EmailInvalid", e.Message)]);
        }

        var now = time.GetUtcNow();
        var process = cycle.RootInstanceId is { } root
            ? await db.Instances.AsNoTracking().Where(i => i.Id == root).Join(db.Definitions, i => i.DefinitionId, d => d.Id, (i, d) => d.Name ?? d.Key).FirstOrDefaultAsync(cancellationToken)
            : null;
        var data = new JsonObject
        {
            ["process"] = process ?? string.Empty,
            ["businessKey"] = cycle.BusinessKey,
            ["title"] = cycle.Title,
            ["copy"] = false,
            ["session"] = group!.Name,
            ["date"] = session is null ? string.Empty : SolarHijriDate.FromLocalDate(LocalDate.FromDateOnly(session.Date)).ToString(),
            ["place"] = session?.Place ?? string.Empty,
            ["message"] = request.Message ?? session?.Agenda ?? string.Empty,
        };
        var writer = new NotificationWriter(db, now);
        await writer.ProcessMailAsync(cycle.RootInstanceId, InvitationTemplate, to, JsonSerializer.SerializeToElement(data, NotificationJson.Options), cancellationToken);
        var mail = db.ChangeTracker.Entries<NotificationRecord>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).OrderBy(n => n.Id).FirstOrDefault();
        var invitation = new StakeholderInvitationRecord
        {
            Id = Guid.CreateVersion7(now),
            StakeholderId = stakeholder.Id,
            WorkingGroupId = group.Id,
            SessionId = session?.Id,
            NotificationId = mail?.Id,
            InvitedBy = userId,
            InvitedAt = now,
        };
        db.StakeholderInvitations.Add(invitation);
        await db.SaveChangesAsync(cancellationToken);
        if (writer.Queued > 0)
        {
            signal.Notify();
        }

        return (invitation, []);
    }

    private static string Groups => string.Join(", ", PlanningVocabulary.StakeholderGroups.Select(g => g.Id));

    private static void Apply(StakeholderRecord record, StakeholderRequest request)
    {
        record.Kind = request.Kind == "organization" ? StakeholderKind.Organization : StakeholderKind.Person;
        record.Organization = Blank(request.Organization);
        record.Email = Blank(request.Email);
        record.Phone = Blank(request.Phone);
        record.Notes = Blank(request.Notes);
        record.Themes = [.. request.Themes ?? []];
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static void Text(List<StakeholderProblem> problems, string? value, string field, int maxLength)
    {
        if (value is null)
        {
            return;
        }

        if (value.Length > maxLength)
        {
            problems.Add(new(field, "TextTooLong", $"{field} is {value.Length} characters long; at most {maxLength} are allowed."));
        }
        else if (RequestRules.Key(value, field) is { } why)
        {
            problems.Add(new(field, "TextInvalid", why));
        }
    }

    /// <summary>Whether <paramref name="text"/> is one plain address (<c>local@domain</c>), as MimeKit reads it.</summary>
    private static bool IsAddress(string text) =>
        MailboxAddress.TryParse(text, out var mailbox) && mailbox.Address == text && text.IndexOf('@', StringComparison.Ordinal) is > 0 and var at && at < text.Length - 1 && !text.Contains(' ', StringComparison.Ordinal);

    private async Task<List<StakeholderResponse>> ViewsAsync(List<StakeholderRecord> rows, CancellationToken cancellationToken)
    {
        var ids = rows.ConvertAll(s => s.Id);
        var invitations = await db.StakeholderInvitations.AsNoTracking().Where(i => ids.Contains(i.StakeholderId))
            .GroupJoin(db.Notifications, i => i.NotificationId, n => n.Id, (i, n) => new { Invitation = i, Mail = n })
            .SelectMany(x => x.Mail.DefaultIfEmpty(), (x, n) => new { x.Invitation, Status = n == null ? (NotificationStatus?)null : n.Status })
            .ToListAsync(cancellationToken);
        var attended = await db.SessionAttendees.AsNoTracking().Where(a => a.StakeholderId != null && ids.Contains(a.StakeholderId.Value))
            .Join(db.Sessions, a => a.SessionId, s => s.Id, (a, s) => new { StakeholderId = a.StakeholderId!.Value, s.Id, s.WorkingGroupId, s.Date, s.Agenda })
            .ToListAsync(cancellationToken);
        return rows.ConvertAll(s => new StakeholderResponse(
            s.Id, s.Kind == StakeholderKind.Organization ? "organization" : "person", s.Name, s.Organization, s.StakeholderGroup, s.Email, s.Phone, s.Themes, s.Notes,
            [.. invitations.Where(i => i.Invitation.StakeholderId == s.Id).OrderByDescending(i => i.Invitation.InvitedAt)
                .Select(i => new InvitationResponse(i.Invitation.Id, i.Invitation.WorkingGroupId, i.Invitation.SessionId, i.Invitation.InvitedBy, i.Invitation.InvitedAt, i.Status?.ToString().ToLowerInvariant()))],
            [.. attended.Where(a => a.StakeholderId == s.Id).OrderByDescending(a => a.Date).Select(a => new AttendanceResponse(a.Id, a.WorkingGroupId, a.Date, a.Agenda)).DistinctBy(a => a.SessionId)],
            s.CreatedBy, s.CreatedAt));
    }
}
