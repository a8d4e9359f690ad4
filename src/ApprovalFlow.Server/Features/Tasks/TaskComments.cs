using ApprovalFlow.Engine.History;
using ApprovalFlow.Server.Api;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Features.Tasks;

/// <summary>
/// Comments on tasks, for the API and the task page alike: everyone who can see a task
/// (<see cref="TaskAccess.CanSee"/>) reads its comments, oldest first, and may add one; each added
/// comment is stored with a <see cref="HistoryEventType.TaskCommented"/> history row in one transaction.
/// Scoped.
/// </summary>
public sealed class TaskComments(ApprovalFlowDbContext db, ICurrentUser user, TimeProvider time)
{
    /// <summary>The longest comment accepted: 4000 characters (UTF-16 code units).</summary>
    public const int MaxLength = 4000;

    /// <summary>The comments of task <paramref name="taskId"/>, oldest first, or <see langword="null"/> when there is no such task or the caller may not see it.</summary>
    /// <param name="taskId">The task.</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    public async Task<IReadOnlyList<TaskCommentResponse>?> ListAsync(Guid taskId, CancellationToken cancellationToken)
    {
        if (await VisibleTaskAsync(db, user, taskId, cancellationToken) is null)
        {
            return null;
        }

        return await (from comment in db.TaskComments.AsNoTracking()
                      where comment.TaskId == taskId
                      join author in db.Users on comment.Author equals author.Id into authors
                      from author in authors.DefaultIfEmpty()
                      orderby comment.At, comment.Id
                      select new TaskCommentResponse(comment.Id, comment.TaskId, comment.Author, author == null ? null : author.DisplayName, comment.At, comment.Text))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Adds the caller's comment <paramref name="text"/> (kept exactly as typed) to task <paramref name="taskId"/>.</summary>
    /// <param name="taskId">The task.</param>
    /// <param name="text">The comment: not blank, at most <see cref="MaxLength"/> characters, no NUL or unpaired surrogate.</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    public async Task<CommentResult> AddAsync(Guid taskId, string? text, CancellationToken cancellationToken)
    {
        if (await VisibleTaskAsync(db, user, taskId, cancellationToken) is not { } task)
        {
            return new CommentResult.TaskNotFound();
        }

        if (Check(text) is { } refused)
        {
            return refused;
        }

        var now = time.GetUtcNow();
        var comment = new TaskCommentRecord { Id = Guid.CreateVersion7(now), TaskId = taskId, Author = user.Id, At = now, Text = text! };
        db.TaskComments.Add(comment);
        db.History.Add(TaskEvents.For(task, now, HistoryEventType.TaskCommented, user.Id, new { commentId = comment.Id, text = comment.Text }));
        await db.SaveChangesAsync(cancellationToken);
        var name = await db.Users.AsNoTracking().Where(u => u.Id == comment.Author).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken);
        return new CommentResult.Added(new TaskCommentResponse(comment.Id, taskId, comment.Author, name, now, comment.Text));
    }

    /// <summary>The task <paramref name="taskId"/> when it exists and <paramref name="caller"/> may see it, otherwise <see langword="null"/>.</summary>
    internal static async Task<UserTaskRecord?> VisibleTaskAsync(ApprovalFlowDbContext db, ICurrentUser caller, Guid taskId, CancellationToken cancellationToken)
    {
        var task = await db.Tasks.AsNoTracking().SingleOrDefaultAsync(t => t.Id == taskId, cancellationToken);
        return task is not null && (await TaskAccess.ForAsync(caller, task, cancellationToken)).CanSee(task) ? task : null;
    }

    private static CommentResult.Refused? Check(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new(CommentRefusal.Empty, "text is required and may not be blank.");
        }

        if (text.Length > MaxLength)
        {
            return new(CommentRefusal.TooLong, $"text is {text.Length} characters long; a comment may have at most {MaxLength}.");
        }

        return RequestRules.RequiredText(text, "text", MaxLength) is { } invalid ? new(CommentRefusal.Invalid, invalid) : null;
    }
}
