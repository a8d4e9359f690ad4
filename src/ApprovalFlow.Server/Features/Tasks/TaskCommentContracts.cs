namespace ApprovalFlow.Server.Features.Tasks;

/// <summary>A comment on a task.</summary>
/// <param name="Id">Comment id.</param>
/// <param name="TaskId">The task.</param>
/// <param name="Author">User id of who wrote it.</param>
/// <param name="AuthorName">Display name of who wrote it, or <see langword="null"/> when the user no longer exists.</param>
/// <param name="At">When it was written (UTC).</param>
/// <param name="Text">The text as typed (plain text: escape it when showing it as HTML).</param>
public sealed record TaskCommentResponse(Guid Id, Guid TaskId, string Author, string? AuthorName, DateTimeOffset At, string Text);

/// <summary>Adds a comment to a task.</summary>
/// <param name="Text">Plain text, not blank, at most <see cref="TaskComments.MaxLength"/> characters; kept as typed.</param>
public sealed record AddTaskCommentRequest(string? Text);

/// <summary>Why a comment was refused.</summary>
public enum CommentRefusal
{
    /// <summary>No text, or only white space.</summary>
    Empty,

    /// <summary>Longer than <see cref="TaskComments.MaxLength"/> characters.</summary>
    TooLong,

    /// <summary>Text that cannot be stored (a NUL character, an unpaired surrogate).</summary>
    Invalid,
}

/// <summary>What adding a comment did: <see cref="Added"/>, <see cref="TaskNotFound"/> or <see cref="Refused"/>.</summary>
public abstract record CommentResult
{
    private CommentResult()
    {
    }

    /// <summary>The comment was stored and recorded in the task's history.</summary>
    /// <param name="Comment">The stored comment.</param>
    public sealed record Added(TaskCommentResponse Comment) : CommentResult;

    /// <summary>No such task, or the caller may not see it; nothing was stored.</summary>
    public sealed record TaskNotFound : CommentResult;

    /// <summary>The text was refused; nothing was stored.</summary>
    /// <param name="Reason">Why.</param>
    /// <param name="Detail">Why, in English, naming the field and the limit.</param>
    public sealed record Refused(CommentRefusal Reason, string Detail) : CommentResult;
}
