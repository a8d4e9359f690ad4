using ApprovalFlow.Engine.History;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ApprovalFlow.Server.Features.Tasks;

/// <summary>
/// Files attached to tasks, for the API and the task page alike: everyone who can see a task
/// (<see cref="TaskAccess.CanSee"/>) lists, downloads and uploads its attachments. An upload is checked
/// against <see cref="AttachmentOptions"/> (size, allowed extension, and content matching the extension
/// by its magic bytes, <see cref="AttachmentType.Matches"/>), then stored in PostgreSQL with its SHA-256
/// and a <see cref="HistoryEventType.TaskAttachmentAdded"/> history row in one transaction. Scoped.
/// </summary>
public sealed class TaskAttachments(ApprovalFlowDbContext db, ICurrentUser user, TimeProvider time, IOptions<AttachmentOptions> options)
{
    /// <summary>The attachments of task <paramref name="taskId"/>, oldest first, or <see langword="null"/> when there is no such task or the caller may not see it.</summary>
    /// <param name="taskId">The task.</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    public async Task<IReadOnlyList<TaskAttachmentResponse>?> ListAsync(Guid taskId, CancellationToken cancellationToken)
    {
        if (await TaskComments.VisibleTaskAsync(db, user, taskId, cancellationToken) is null)
        {
            return null;
        }

        return await (from file in db.TaskAttachments.AsNoTracking()
                      where file.TaskId == taskId
                      join uploader in db.Users on file.UploadedBy equals uploader.Id into uploaders
                      from uploader in uploaders.DefaultIfEmpty()
                      orderby file.UploadedAt, file.Id
                      select new TaskAttachmentResponse(
                          file.Id, file.TaskId, file.FileName, file.ContentType, file.Size, file.Sha256, file.UploadedBy,
                          uploader == null ? null : uploader.DisplayName, file.UploadedAt))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The file <paramref name="attachmentId"/> of task <paramref name="taskId"/>, or <see langword="null"/> when either does not exist or the caller may not see the task.</summary>
    /// <param name="taskId">The task.</param>
    /// <param name="attachmentId">The attachment.</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    public async Task<AttachmentDownload?> FindAsync(Guid taskId, Guid attachmentId, CancellationToken cancellationToken) =>
        await TaskComments.VisibleTaskAsync(db, user, taskId, cancellationToken) is null
            ? null
            : await db.TaskAttachments.AsNoTracking().Where(a => a.Id == attachmentId && a.TaskId == taskId)
                .Select(a => new AttachmentDownload(a.FileName, a.ContentType, a.Sha256, a.UploadedAt, a.Content)).SingleOrDefaultAsync(cancellationToken);

    /// <summary>Checks and stores <paramref name="file"/> as an attachment of task <paramref name="taskId"/> uploaded by the caller.</summary>
    /// <param name="taskId">The task.</param>
    /// <param name="file">The uploaded file, or <see langword="null"/> when the request had none.</param>
    /// <param name="cancellationToken">Cancels reading the file and the database work.</param>
    public async Task<AttachmentResult> AddAsync(Guid taskId, IFormFile? file, CancellationToken cancellationToken)
    {
        if (await TaskComments.VisibleTaskAsync(db, user, taskId, cancellationToken) is not { } task)
        {
            return new AttachmentResult.TaskNotFound();
        }

        var check = await AttachmentFiles.CheckAsync(file, options.Value, cancellationToken);
        if (check is AttachmentCheck.Refused refused)
        {
            return new AttachmentResult.Refused(refused.Reason, refused.Detail);
        }

        var accepted = (AttachmentCheck.Accepted)check;

        var now = time.GetUtcNow();
        var record = new TaskAttachmentRecord { TaskId = taskId };
        record.Fill(accepted, user.Id, now);
        db.TaskAttachments.Add(record);
        db.History.Add(TaskEvents.For(task, now, HistoryEventType.TaskAttachmentAdded, user.Id, new
        {
            attachmentId = record.Id, name = record.FileName, size = record.Size, contentType = record.ContentType, sha256 = record.Sha256,
        }));
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(record).State = EntityState.Detached;
        var uploader = await db.Users.AsNoTracking().Where(u => u.Id == record.UploadedBy).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken);
        return new AttachmentResult.Added(new TaskAttachmentResponse(
            record.Id, taskId, record.FileName, record.ContentType, record.Size, record.Sha256, record.UploadedBy, uploader, now));
    }
}
