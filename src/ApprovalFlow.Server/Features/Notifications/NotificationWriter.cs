using System.Text.Json;
using ApprovalFlow.Engine;
using ApprovalFlow.Engine.History;
using ApprovalFlow.Engine.Intents;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Runtime.Outbox;
using ApprovalFlow.Server.Web;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Features.Notifications;

/// <summary>
/// Adds notification rows, one per person, to the unit of work of the engine step or reminder job that
/// causes them, with an outbox row each that hands them to <see cref="NotificationJob"/> after commit:
/// a step that rolls back leaves no notification and sends nothing. A person without an address gets a
/// <see cref="NotificationStatus.Skipped"/> row saying so and no outbox row. Not thread-safe; one per unit of work.
/// </summary>
/// <param name="db">The unit of work.</param>
/// <param name="now">The step's or job's "now" (UTC).</param>
/// <param name="people">The people already read in this unit of work, or <see langword="null"/> for a fresh <see cref="MailPeople"/>.</param>
internal sealed class NotificationWriter(ApprovalFlowDbContext db, DateTimeOffset now, MailPeople? people = null)
{
    private readonly MailPeople _people = people ?? new MailPeople(db);

    /// <summary>How many outbox rows were added (the dispatcher needs waking when positive).</summary>
    public int Queued { get; private set; }

    /// <summary>Writes the mails of one engine step: its new tasks (<see cref="TasksCreatedAsync"/>) and its decisions (<see cref="DecisionsAsync"/>).</summary>
    /// <param name="instance">The instance row of the step.</param>
    /// <param name="processName">The definition's name or key.</param>
    /// <param name="step">The step.</param>
    /// <param name="taskRows">The inbox rows the step created, completed or cancelled, by engine task id.</param>
    /// <param name="cancellationToken">Cancels the database reads.</param>
    public async Task StepAsync(ProcessInstanceRecord instance, string processName, StepResult.Applied step, IReadOnlyDictionary<string, UserTaskRecord> taskRows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        List<UserTaskRecord> created = [.. step.Intents.OfType<CreateUserTaskIntent>().Select(c => taskRows[c.Task.Id])];
        await TasksCreatedAsync(instance, processName, created, cancellationToken);
        var completed = step.History
            .Where(h => h.Type == HistoryEventType.TaskCompleted && h.TaskId is not null && taskRows.ContainsKey(h.TaskId))
            .Select(h => (taskRows[h.TaskId!], h.Data)).ToList();
        if (completed.Count > 0)
        {
            await DecisionsAsync(instance, processName, completed, created, cancellationToken);
        }
    }

    /// <summary>Writes the mails of tasks a step created: to the assignee, or to each member of the candidate groups and each candidate user, once per person per task.</summary>
    /// <param name="instance">The instance row of the step.</param>
    /// <param name="processName">The definition's name or key.</param>
    /// <param name="tasks">The inbox rows the step added; only those still open (not withdrawn in the same step) are mailed.</param>
    /// <param name="cancellationToken">Cancels the database reads.</param>
    public async Task TasksCreatedAsync(ProcessInstanceRecord instance, string processName, IReadOnlyCollection<UserTaskRecord> tasks, CancellationToken cancellationToken)
    {
        var open = tasks.Where(t => t.Status == UserTaskStatus.Open).ToList();
        if (open.Count == 0)
        {
            return;
        }

        var cycle = await CycleTitleAsync(instance, cancellationToken);
        var audiences = await AudiencesAsync(open, cancellationToken);
        var people = await PeopleAsync(audiences.Values.SelectMany(a => a), cancellationToken);
        foreach (var task in open)
        {
            var item = new TaskMailItem(task.Id, task.Name ?? task.NodeId, processName, cycle, WorkingGroup(task.Item, instance.State.Variables), task.DueAt);
            Add(task.Assignee is null ? NotificationKinds.TaskOffered : NotificationKinds.TaskAssigned, audiences[task.Id], people, item, instance.Id, task.Id);
        }
    }

    /// <summary>Writes the mails of reminder <paramref name="reminder"/> (e.g. <c>2/4</c>) of an open task: to its assignee or candidates.</summary>
    public async Task RemindedAsync(UserTaskRecord task, string reminder, CancellationToken cancellationToken)
    {
        var (process, cycle, workingGroup) = await DescribeAsync(task, cancellationToken);
        var audience = (await AudiencesAsync([task], cancellationToken))[task.Id];
        var people = await PeopleAsync(audience, cancellationToken);
        Add(NotificationKinds.TaskReminder, audience, people, new TaskMailItem(task.Id, task.Name ?? task.NodeId, process, cycle, workingGroup, task.DueAt, Reminder: reminder), task.InstanceId, task.Id);
    }

    /// <summary>Writes the mails of an escalated task: to the members of <paramref name="group"/>, naming who was late.</summary>
    public async Task EscalatedAsync(UserTaskRecord task, string group, CancellationToken cancellationToken)
    {
        var (process, cycle, workingGroup) = await DescribeAsync(task, cancellationToken);
        var audience = await MembersAsync([group], cancellationToken);
        string holder;
        if (task.Assignee is { } assignee)
        {
            holder = await db.Users.AsNoTracking().Where(u => u.Id == assignee).Select(u => u.DisplayName ?? u.Email).SingleOrDefaultAsync(cancellationToken) ?? assignee;
        }
        else
        {
            var groups = task.CandidateGroups.Where(g => g != group).ToList();
            holder = string.Join("، ", await db.Groups.AsNoTracking().Where(g => groups.Contains(g.Id)).OrderBy(g => g.Id).Select(g => g.Name).ToListAsync(cancellationToken));
        }

        var people = await PeopleAsync(audience, cancellationToken);
        Add(NotificationKinds.TaskEscalated, audience, people, new TaskMailItem(task.Id, task.Name ?? task.NodeId, process, cycle, workingGroup, task.DueAt, Holder: holder), task.InstanceId, task.Id);
    }

    /// <summary>
    /// Writes the mails of the decisions a step recorded (<see cref="PlanningMail"/>): to the planning office and,
    /// on revise, to the members of the candidate groups of the tasks the step created (the work that returns);
    /// the final approval also mails every participant of the cycle (<see cref="NotificationKinds.PlanApproved"/>).
    /// </summary>
    /// <param name="instance">The instance row of the step.</param>
    /// <param name="processName">The definition's name or key.</param>
    /// <param name="completed">The step's completed tasks with the variables they were completed with.</param>
    /// <param name="created">The inbox rows the step added.</param>
    /// <param name="cancellationToken">Cancels the database reads.</param>
    public async Task DecisionsAsync(
        ProcessInstanceRecord instance, string processName, IReadOnlyList<(UserTaskRecord Task, IReadOnlyDictionary<string, JsonElement>? Variables)> completed,
        IReadOnlyCollection<UserTaskRecord> created, CancellationToken cancellationToken)
    {
        foreach (var (task, variables) in completed)
        {
            var decision = variables?.GetValueOrDefault(PlanningMail.DecisionVariable) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;
            if (decision is not ("approve" or "revise"))
            {
                continue;
            }

            var returns = decision == "revise" ? created.Where(t => t.Status == UserTaskStatus.Open).ToList() : [];
            var audience = await MembersAsync([PlanningMail.PlanningOfficeGroup, .. returns.SelectMany(t => t.CandidateGroups)], cancellationToken);
            var decidedBy = task.CompletedBy is { } actor
                ? await db.Users.AsNoTracking().Where(u => u.Id == actor).Select(u => u.DisplayName ?? u.Email).SingleOrDefaultAsync(cancellationToken)
                : null;
            var comment = variables!.GetValueOrDefault(PlanningMail.CommentVariable) is { ValueKind: JsonValueKind.String } text ? text.GetString() : null;
            var data = new DecisionMailData(task.Id, task.Name ?? task.NodeId, processName, await CycleTitleAsync(instance, cancellationToken), WorkingGroup(task.Item, instance.State.Variables),
                decision, comment, decidedBy, [.. returns.Select(t => t.Name ?? t.NodeId)], task.EndedAt ?? now, ResolutionDate(variables!));
            var element = JsonSerializer.SerializeToElement(data, NotificationJson.Options);
            Add(NotificationKinds.Decision, audience, await PeopleAsync(audience, cancellationToken), element, instance.Id, task.Id);
            if (decision == "approve" && task.NodeId == PlanningMail.FinalApprovalNode)
            {
                var participants = await ParticipantsAsync(instance.RootInstanceId, cancellationToken);
                Add(NotificationKinds.PlanApproved, participants, await PeopleAsync(participants, cancellationToken), element, instance.Id, task.Id);
            }
        }
    }

    /// <summary>The <see cref="PlanningMail.ResolutionDateVariable"/> of a decision, or <see langword="null"/> when absent or not an ISO 8601 date.</summary>
    private static DateOnly? ResolutionDate(IReadOnlyDictionary<string, JsonElement> variables) =>
        variables.GetValueOrDefault(PlanningMail.ResolutionDateVariable) is { ValueKind: JsonValueKind.String } value
        && DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date)
            ? date
            : null;

    /// <summary>Writes the mails of a withdrawn plan cycle (<see cref="NotificationKinds.CycleWithdrawn"/>): to every participant of the cycle, once each.</summary>
    /// <param name="rootInstanceId">The cycle's root instance.</param>
    /// <param name="data">What the template reads.</param>
    /// <param name="cancellationToken">Cancels the database reads.</param>
    public async Task CycleWithdrawnAsync(Guid rootInstanceId, CycleWithdrawnMailData data, CancellationToken cancellationToken)
    {
        var participants = await ParticipantsAsync(rootInstanceId, cancellationToken);
        Add(NotificationKinds.CycleWithdrawn, participants, await PeopleAsync(participants, cancellationToken), JsonSerializer.SerializeToElement(data, NotificationJson.Options), rootInstanceId, null);
    }

    /// <summary>Everyone who took part in the cycle: assignees, completers and candidate users of its tasks, and the members of their candidate groups.</summary>
    private async Task<List<string>> ParticipantsAsync(Guid rootInstanceId, CancellationToken cancellationToken)
    {
        var tasks = await db.Tasks.AsNoTracking().Where(t => t.RootInstanceId == rootInstanceId)
            .Select(t => new { t.Assignee, t.CompletedBy, t.CandidateUsers, t.CandidateGroups }).ToListAsync(cancellationToken);
        var groups = tasks.SelectMany(t => t.CandidateGroups).Distinct(StringComparer.Ordinal).ToList();
        return [.. tasks.SelectMany(t => t.CandidateUsers.Append(t.Assignee).Append(t.CompletedBy)).OfType<string>()
            .Concat(await MembersAsync(groups, cancellationToken)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    private void Add(string kind, IEnumerable<string> audience, Dictionary<string, MailPerson> people, TaskMailItem item, Guid instanceId, Guid taskId) =>
        Add(kind, audience, people, JsonSerializer.SerializeToElement(new TaskMailData([item]), NotificationJson.Options), instanceId, taskId);

    /// <summary>
    /// Writes the mails of a BPMN send task (<see cref="NotificationKinds.ProcessMail"/>, template <paramref name="template"/>):
    /// one per directory user of <paramref name="recipients"/> (with their preferences) and one per external address
    /// (no preferences: immediate, in Persian).
    /// </summary>
    /// <param name="instanceId">The instance of the send task, or <see langword="null"/> for a mail of no instance (a stakeholder's invitation of a cycle not started).</param>
    /// <param name="template">The template name (checked to exist by the caller).</param>
    /// <param name="recipients">Who receives it, each person once.</param>
    /// <param name="data">What the template reads.</param>
    /// <param name="cancellationToken">Cancels the database reads.</param>
    public async Task ProcessMailAsync(Guid? instanceId, string template, MailRecipients recipients, JsonElement data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        Add(NotificationKinds.ProcessMail, recipients.UserIds, await PeopleAsync(recipients.UserIds, cancellationToken), data, instanceId, null, template);
        foreach (var address in recipients.Addresses)
        {
            Queue(new NotificationRecord
            {
                Id = Guid.CreateVersion7(now), RecipientAddress = address, Kind = NotificationKinds.ProcessMail, Template = template, Language = UserLanguage.Persian,
                Data = data, InstanceId = instanceId, CreatedAt = now, Status = NotificationStatus.Pending, MessageId = string.Empty,
            });
        }
    }

    private void Add(string kind, IEnumerable<string> audience, Dictionary<string, MailPerson> people, JsonElement data, Guid? instanceId, Guid? taskId, string? template = null)
    {
        foreach (var userId in audience)
        {
            var person = people.GetValueOrDefault(userId);
            var delivery = kind == NotificationKinds.Digest ? NotificationDelivery.Immediate : person?.Kinds.GetValueOrDefault(kind) ?? NotificationDelivery.Immediate;
            var row = new NotificationRecord
            {
                Id = Guid.CreateVersion7(now),
                RecipientUserId = userId,
                RecipientAddress = person?.Address,
                Kind = kind,
                Template = template ?? kind,
                Language = person?.Language ?? UserLanguage.Persian,
                Data = data,
                MessageId = string.Empty,
                InstanceId = instanceId,
                TaskId = taskId,
                CreatedAt = now,
                Status = person?.Address is null || delivery != NotificationDelivery.Immediate ? NotificationStatus.Skipped : NotificationStatus.Pending,
                LastError = person?.Address is null ? $"User '{userId}' has no e-mail address."
                    : delivery == NotificationDelivery.Digest ? $"User '{userId}' receives {kind} in the daily digest only."
                    : delivery == NotificationDelivery.None ? $"User '{userId}' turned {kind} mails off."
                    : null,
            };
            Queue(row);
        }
    }

    /// <summary>Adds <paramref name="row"/> (its Message-Id derived from its id) and, when pending, the outbox row that sends it.</summary>
    private void Queue(NotificationRecord row)
    {
        row.MessageId = NotificationRecord.MessageIdFor(row.Id);
        db.Notifications.Add(row);
        if (row.Status == NotificationStatus.Pending)
        {
            db.Outbox.Add(new OutboxMessage
            {
                InstanceId = row.InstanceId ?? Guid.Empty, Kind = OutboxKinds.SendNotification, CreatedAt = now,
                Payload = JsonSerializer.SerializeToElement(new SendNotificationPayload(row.Id, NotificationKinds.IsFoldable(row.Kind))),
            });
            Queued++;
        }
    }

    /// <summary>Writes the daily digest of <paramref name="userId"/>: <paramref name="tasks"/>, their open and overdue tasks.</summary>
    public async Task DigestAsync(string userId, IReadOnlyList<TaskMailItem> tasks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var data = JsonSerializer.SerializeToElement(new TaskMailData(tasks), NotificationJson.Options);
        Add(NotificationKinds.Digest, [userId], await PeopleAsync([userId], cancellationToken), data, null, null);
    }

    /// <summary>Per task: who receives its mail, each person once (the assignee alone, else group members and candidate users).</summary>
    private async Task<Dictionary<Guid, List<string>>> AudiencesAsync(IReadOnlyList<UserTaskRecord> tasks, CancellationToken cancellationToken)
    {
        var groups = tasks.Where(t => t.Assignee is null).SelectMany(t => t.CandidateGroups).Distinct(StringComparer.Ordinal).ToList();
        var memberships = groups.Count == 0
            ? []
            : await db.Memberships.AsNoTracking().Where(m => groups.Contains(m.GroupId)).Select(m => new { m.GroupId, m.UserId }).ToListAsync(cancellationToken);
        return tasks.ToDictionary(t => t.Id, t => t.Assignee is { } assignee
            ? [assignee]
            : memberships.Where(m => t.CandidateGroups.Contains(m.GroupId)).Select(m => m.UserId).Concat(t.CandidateUsers).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList());
    }

    private async Task<List<string>> MembersAsync(IReadOnlyList<string> groups, CancellationToken cancellationToken) =>
        await db.Memberships.AsNoTracking().Where(m => groups.Contains(m.GroupId)).Select(m => m.UserId).Distinct().OrderBy(u => u).ToListAsync(cancellationToken);

    /// <summary>The address, mail language and deliveries of each user (<see cref="MailPeople"/>).</summary>
    private Task<Dictionary<string, MailPerson>> PeopleAsync(IEnumerable<string> userIds, CancellationToken cancellationToken) =>
        _people.GetAsync(userIds, cancellationToken);

    private async Task<(string Process, string? Cycle, string? WorkingGroup)> DescribeAsync(UserTaskRecord task, CancellationToken cancellationToken)
    {
        var instance = await db.Instances.AsNoTracking().SingleAsync(i => i.Id == task.InstanceId, cancellationToken);
        var process = await db.Definitions.AsNoTracking().Where(d => d.Id == instance.DefinitionId).Select(d => d.Name ?? d.Key).SingleAsync(cancellationToken);
        return (process, await CycleTitleAsync(instance, cancellationToken), WorkingGroup(task.Item, instance.State.Variables));
    }

    /// <summary>The plan cycle's title: the <c>title</c> variable of the instance or, for a called process, of the root instance.</summary>
    private async Task<string?> CycleTitleAsync(ProcessInstanceRecord instance, CancellationToken cancellationToken)
    {
        var own = Text(instance.State.Variables, "title");
        if (own is not null || instance.RootInstanceId == instance.Id)
        {
            return own;
        }

        var root = db.Instances.Local.FirstOrDefault(i => i.Id == instance.RootInstanceId)
            ?? await db.Instances.AsNoTracking().SingleOrDefaultAsync(i => i.Id == instance.RootInstanceId, cancellationToken);
        return root is null ? null : Text(root.State.Variables, "title");
    }

    private static string? WorkingGroup(JsonElement? item, Dictionary<string, JsonElement> variables) =>
        Name(item) ?? Name(variables.TryGetValue("workingGroup", out var group) ? group : null);

    private static string? Text(Dictionary<string, JsonElement> variables, string name) =>
        variables.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? Name(JsonElement? item) =>
        item is { ValueKind: JsonValueKind.Object } value && value.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString() : null;

}

/// <summary>The JSON options of notification data: camelCase, as the templates read it.</summary>
internal static class NotificationJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
