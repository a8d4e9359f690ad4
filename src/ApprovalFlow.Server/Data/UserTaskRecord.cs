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

    /// <summary>
    /// The version of <see cref="FormKey"/> the task shows and is checked against: the latest deployed when the
    /// task was created; <see langword="null"/> when no form of that key was deployed then (the task has no form).
    /// </summary>
    public int? FormVersion { get; set; }

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

    /// <summary>The process key of the task's own instance (e.g. <c>working-group</c>), copied when the row is created so the inbox filters on it.</summary>
    public string? DefinitionKey { get; set; }

    /// <summary>
    /// The stage: the top-level node of the root instance the task belongs under (its own node's top-level
    /// container when the task is in the root instance, else the root's call activity whose child chain
    /// holds it), by node id; <see langword="null"/> on rows written before stages were recorded.
    /// </summary>
    public string? StageId { get; set; }

    /// <summary>The stage node's name in its definition, or <see langword="null"/>.</summary>
    public string? StageName { get; set; }

    /// <summary>The plan theme id (e.g. <c>urban-identity</c>) from the task's working group or theme item, or <see langword="null"/>.</summary>
    public string? Theme { get; set; }

    /// <summary>The working-group level (<c>headquarters</c>, <c>organization</c>, <c>region</c>) from the task's working group, or <see langword="null"/>.</summary>
    public string? Level { get; set; }

    /// <summary>The plan cycle's title (the <c>title</c> variable the task sees), or <see langword="null"/>.</summary>
    public string? CycleTitle { get; set; }

    /// <summary>The name of the task's working group (the <c>workingGroup</c> variable's <c>name</c>), or <see langword="null"/>.</summary>
    public string? WorkingGroup { get; set; }

    /// <summary>
    /// The search key: task name, plan cycle title, subject (working group or theme), theme name and process name,
    /// normalised by <see cref="Text.PersianText.SearchKey"/>; empty when the task has none of them.
    /// </summary>
    public string SearchKey { get; set; } = string.Empty;

    /// <summary>A shallow copy (the arrays are shared), e.g. for a unit of work that must not change this one.</summary>
    internal UserTaskRecord Copy() => (UserTaskRecord)MemberwiseClone();
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
