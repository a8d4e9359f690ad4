using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Planning.Cycles;
using ApprovalFlow.Server.Features.Tasks;
using ApprovalFlow.Server.Features.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ApprovalFlow.Server.Features.Planning.Sessions;

/// <summary>A session attachment refused or stored.</summary>
public abstract record SessionAttachmentResult
{
    private SessionAttachmentResult()
    {
    }

    /// <summary>Stored.</summary>
    /// <param name="Attachment">The stored file's metadata.</param>
    public sealed record Added(SessionAttachmentResponse Attachment) : SessionAttachmentResult;

    /// <summary>Refused by the limits of <see cref="AttachmentOptions"/>; nothing stored.</summary>
    /// <param name="Reason">Why.</param>
    /// <param name="Detail">Why, in English, with the limit or the accepted types.</param>
    public sealed record Refused(AttachmentRefusal Reason, string Detail) : SessionAttachmentResult;

    /// <summary>No such cycle or session, or the caller is not a member of its working group.</summary>
    /// <param name="Outcome">The not-found or forbidden outcome.</param>
    public sealed record NotAllowed(PlanOutcome<SessionResponse> Outcome) : SessionAttachmentResult;
}

/// <summary>
/// Files attached to working-group sessions (signed minutes, photos of the flip chart): the same limits and content
/// checks as task attachments (<see cref="AttachmentFiles.CheckAsync"/>), stored in PostgreSQL with their SHA-256. Members of the working group
/// upload; the cycle's participants download. Scoped.
/// </summary>
/// <param name="db">The database.</param>
/// <param name="cycles">Finds cycles.</param>
/// <param name="workingGroups">Finds working groups.</param>
/// <param name="access">Who edits a working group's part of the plan.</param>
/// <param name="user">The signed-in user.</param>
/// <param name="time">The clock.</param>
/// <param name="options">The attachment limits.</param>
public sealed class SessionAttachments(ApprovalFlowDbContext db, PlanCycles cycles, WorkingGroupDirectory workingGroups, PlanningAccess access, ICurrentUser user, TimeProvider time, IOptions<AttachmentOptions> options)
{
    /// <summary>The file <paramref name="attachmentId"/> of session <paramref name="sessionId"/> of cycle <paramref name="businessKey"/>, or <see langword="null"/>.</summary>
    /// <param name="businessKey">The cycle's business key.</param>
    /// <param name="sessionId">The session.</param>
    /// <param name="attachmentId">The attachment.</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    public async Task<AttachmentDownload?> FindAsync(string businessKey, Guid sessionId, Guid attachmentId, CancellationToken cancellationToken)
    {
        if (await cycles.FindAsync(businessKey, cancellationToken) is not { } cycle)
        {
            return null;
        }

        return await (from file in db.SessionAttachments.AsNoTracking()
                      join session in db.Sessions on file.SessionId equals session.Id
                      where file.Id == attachmentId && file.SessionId == sessionId && session.CycleId == cycle.Id
                      select new AttachmentDownload(file.FileName, file.ContentType, file.Sha256, file.UploadedAt, file.Content)).SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>Checks and stores <paramref name="file"/> as an attachment of session <paramref name="sessionId"/>.</summary>
    /// <param name="businessKey">The cycle's business key.</param>
    /// <param name="sessionId">The session.</param>
    /// <param name="file">The uploaded file, or <see langword="null"/> when the request had none.</param>
    /// <param name="cancellationToken">Cancels reading the file and the database work.</param>
    public async Task<SessionAttachmentResult> AddAsync(string businessKey, Guid sessionId, IFormFile? file, CancellationToken cancellationToken)
    {
        if (await cycles.FindAsync(businessKey, cancellationToken) is not { } cycle)
        {
            return new SessionAttachmentResult.NotAllowed(new PlanOutcome<SessionResponse>.NotFound(PlanSessions.CycleNotFound(businessKey)));
        }

        var groupId = await db.Sessions.Where(s => s.CycleId == cycle.Id && s.Id == sessionId).Select(s => s.WorkingGroupId).SingleOrDefaultAsync(cancellationToken);
        if (groupId is null)
        {
            return new SessionAttachmentResult.NotAllowed(new PlanOutcome<SessionResponse>.NotFound($"Cycle '{businessKey}' has no session '{sessionId}'."));
        }

        if (await workingGroups.FindAsync(groupId, cancellationToken) is not { } group || !await access.CanEditWorkingGroupAsync(group, cancellationToken))
        {
            return new SessionAttachmentResult.NotAllowed(new PlanOutcome<SessionResponse>.Forbidden($"Only members of the working group '{groupId}' may attach files to its sessions."));
        }

        var check = await AttachmentFiles.CheckAsync(file, options.Value, cancellationToken);
        if (check is AttachmentCheck.Refused refused)
        {
            return new SessionAttachmentResult.Refused(refused.Reason, refused.Detail);
        }

        var accepted = (AttachmentCheck.Accepted)check;
        var now = time.GetUtcNow();
        var record = new SessionAttachmentRecord { SessionId = sessionId };
        record.Fill(accepted, user.Id, now);
        db.SessionAttachments.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(record).State = EntityState.Detached;
        return new SessionAttachmentResult.Added(new SessionAttachmentResponse(record.Id, sessionId, record.FileName, record.ContentType, record.Size, record.Sha256, record.UploadedBy, now));
    }
}
