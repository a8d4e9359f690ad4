using System.Text.Json;
using ApprovalFlow.Engine.History;
using ApprovalFlow.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Features.Tasks;

/// <summary>One event of a task's own history, with people and groups by name.</summary>
/// <param name="Type">What happened.</param>
/// <param name="At">When (UTC).</param>
/// <param name="ActorName">Display name of who acted (the user id when the user no longer exists), or <see langword="null"/> for the process itself.</param>
/// <param name="FromName">For a hand-over: who held the task; for a give-back: who had claimed it.</param>
/// <param name="ToName">For a hand-over: who received the task.</param>
/// <param name="Note">For a hand-over: its note.</param>
/// <param name="Reminder">For a reminder: which one, e.g. <c>1/3</c>.</param>
/// <param name="GroupName">For an escalation: the group the task went to.</param>
/// <param name="FileName">For an attachment: the file's name.</param>
public sealed record TaskHistoryEntry(
    HistoryEventType Type, DateTimeOffset At, string? ActorName, string? FromName = null, string? ToName = null, string? Note = null,
    string? Reminder = null, string? GroupName = null, string? FileName = null);

/// <summary>
/// A task's own history for people, oldest first: created, claimed, given back, handed over, reminded,
/// escalated, commented, attachment added, completed, cancelled (<see cref="Shown"/>), with display names
/// instead of user ids and group names instead of group ids, read with a few batched queries. Scoped.
/// </summary>
public sealed class TaskTimeline(ApprovalFlowDbContext db)
{
    /// <summary>
    /// The event types shown, by name: names rather than <see cref="HistoryEventType"/> values, so an
    /// event type written by another part of the host (<c>TaskHandedOver</c>, data <c>{ from, to, note }</c>)
    /// is shown as soon as it exists.
    /// </summary>
    public static IReadOnlySet<string> Shown { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        nameof(HistoryEventType.TaskCreated), nameof(HistoryEventType.TaskClaimed), nameof(HistoryEventType.TaskUnclaimed), "TaskHandedOver",
        nameof(HistoryEventType.TaskReminded), nameof(HistoryEventType.TaskEscalated), nameof(HistoryEventType.TaskCommented),
        nameof(HistoryEventType.TaskAttachmentAdded), nameof(HistoryEventType.TaskCompleted), nameof(HistoryEventType.TaskCancelled),
    };

    /// <summary>The history of <paramref name="task"/> (whose visibility the caller has checked), oldest first.</summary>
    /// <param name="task">The task.</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    public async Task<IReadOnlyList<TaskHistoryEntry>> ReadAsync(UserTaskRecord task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        var taskId = task.Id.ToString();
        var rows = (await db.History.AsNoTracking()
                .Where(h => h.InstanceId == task.InstanceId && h.TaskId == taskId)
                .OrderBy(h => h.Sequence)
                .ToListAsync(cancellationToken))
            .Where(h => Shown.Contains(h.Type.ToString())).ToList();

        var userIds = rows.SelectMany(h => new[] { h.Actor, Text(h.Data, "from"), Text(h.Data, "to"), Text(h.Data, "assignee") }).OfType<string>().Distinct().ToArray();
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var groupIds = rows.Select(h => Text(h.Data, "group")).OfType<string>().Distinct().ToArray();
        var groups = await db.Groups.AsNoTracking().Where(g => groupIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id, g => g.Name, cancellationToken);

        string? Person(string? id) => id is null ? null : users.GetValueOrDefault(id, id);
        return [.. rows.Select(h => new TaskHistoryEntry(
            h.Type,
            h.At,
            Person(h.Actor),
            Person(Text(h.Data, "from") ?? Text(h.Data, "assignee")),
            Person(Text(h.Data, "to")),
            Text(h.Data, "note"),
            Text(h.Data, "reminder"),
            Text(h.Data, "group") is { } group ? groups.GetValueOrDefault(group, group) : null,
            Text(h.Data, "name")))];
    }

    private static string? Text(JsonElement? data, string property) =>
        data is { ValueKind: JsonValueKind.Object } json && json.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
