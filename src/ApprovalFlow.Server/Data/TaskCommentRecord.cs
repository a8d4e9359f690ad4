namespace ApprovalFlow.Server.Data;

/// <summary>A comment on a user task: plain text, stored exactly as typed (escaped when shown).</summary>
public sealed class TaskCommentRecord
{
    /// <summary>Comment id (UUID v7, so ids sort by creation).</summary>
    public Guid Id { get; set; }

    /// <summary>The inbox row (<see cref="UserTaskRecord.Id"/>) it belongs to.</summary>
    public Guid TaskId { get; set; }

    /// <summary>The user id of who wrote it.</summary>
    public required string Author { get; set; }

    /// <summary>When it was written (UTC).</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>The text as typed; at most <see cref="Features.Tasks.TaskComments.MaxLength"/> characters.</summary>
    public required string Text { get; set; }
}
