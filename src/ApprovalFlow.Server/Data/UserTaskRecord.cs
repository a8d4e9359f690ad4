using System.Text.Json;

namespace ApprovalFlow.Server.Data;

/// <summary>An inbox row for a user task (open, completed or cancelled).</summary>
public sealed class UserTaskRecord
{
    /// <summary>Task id used by the API (UUID v7).</summary>
    public Guid Id { get; set; }

    /// <summary>The instance the task belongs to.</summary>
    public Guid InstanceId { get; set; }

    /// <summary>The top instance of the call tree.</summary>
    public Guid RootInstanceId { get; set; }

    /// <summary>The engine's instance-local task id (e.g. <c>t7</c>).</summary>
    public required string EngineTaskId { get; set; }

    /// <summary>The user task node id.</summary>
    public required string NodeId { get; set; }

    /// <summary>The node name, or <see langword="null"/>.</summary>
    public string? Name { get; set; }

    /// <summary>The user it is assigned to (user id), or <see langword="null"/>.</summary>
    public string? Assignee { get; set; }

    /// <summary>Candidate group ids (GIN-indexed).</summary>
    public string[] CandidateGroups { get; set; } = [];

    /// <summary>Candidate user ids.</summary>
    public string[] CandidateUsers { get; set; } = [];

    /// <summary>Due instant (UTC), or <see langword="null"/>.</summary>
    public DateTimeOffset? DueAt { get; set; }

    /// <summary>Follow-up instant (UTC), or <see langword="null"/>.</summary>
    public DateTimeOffset? FollowUpAt { get; set; }

    /// <summary>Priority (higher first); 50 by default.</summary>
    public int Priority { get; set; }

    /// <summary>The form key, or <see langword="null"/>.</summary>
    public string? FormKey { get; set; }

    /// <summary>The multi-instance item the task works on (e.g. the working group), or <see langword="null"/>.</summary>
    public JsonElement? Item { get; set; }

    /// <summary>Creation time (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Open, completed or cancelled.</summary>
    public UserTaskStatus Status { get; set; }

    /// <summary>When it was completed or cancelled (UTC).</summary>
    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>Who completed it, or <see langword="null"/>.</summary>
    public string? CompletedBy { get; set; }

    /// <summary>
    /// The Hangfire jobs of its reminders (empty until the outbox schedules them, or without a due date),
    /// so closing the task deletes them; kept afterwards as a record of what was scheduled.
    /// </summary>
    public string[] ReminderJobIds { get; set; } = [];
}

/// <summary>Status of an inbox row.</summary>
public enum UserTaskStatus
{
    /// <summary>Waiting for someone.</summary>
    Open,

    /// <summary>Completed by a user.</summary>
    Completed,

    /// <summary>Cancelled by the process (boundary event, completion condition, cancel).</summary>
    Cancelled,
}
