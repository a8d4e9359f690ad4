namespace ApprovalFlow.Server.Features.Tasks;

/// <summary>A file attached to a task (without its content: download it from <c>GET /api/tasks/{id}/attachments/{attachmentId}</c>).</summary>
/// <param name="Id">Attachment id.</param>
/// <param name="TaskId">The task.</param>
/// <param name="FileName">The file name as uploaded (cleaned of folders and control characters).</param>
/// <param name="ContentType">Its media type, e.g. <c>application/pdf</c>.</param>
/// <param name="Size">Size in bytes.</param>
/// <param name="Sha256">SHA-256 of the content, lower-case hexadecimal.</param>
/// <param name="UploadedBy">User id of who uploaded it.</param>
/// <param name="UploadedByName">Display name of who uploaded it, or <see langword="null"/> when the user no longer exists.</param>
/// <param name="UploadedAt">When it was uploaded (UTC).</param>
public sealed record TaskAttachmentResponse(
    Guid Id, Guid TaskId, string FileName, string ContentType, long Size, string Sha256, string UploadedBy, string? UploadedByName, DateTimeOffset UploadedAt);

/// <summary>Why an upload was refused.</summary>
public enum AttachmentRefusal
{
    /// <summary>The request carried no file in the field <c>file</c>.</summary>
    Missing,

    /// <summary>The file is empty.</summary>
    Empty,

    /// <summary>The file is larger than <see cref="AttachmentOptions.MaxBytes"/>.</summary>
    TooLarge,

    /// <summary>The file's extension is not one of <see cref="AttachmentOptions.AllowedTypes"/>.</summary>
    TypeNotAllowed,

    /// <summary>The content is not what the extension says (e.g. a renamed executable).</summary>
    ContentMismatch,
}

/// <summary>What an upload did: <see cref="Added"/>, <see cref="TaskNotFound"/> or <see cref="Refused"/>.</summary>
public abstract record AttachmentResult
{
    private AttachmentResult()
    {
    }

    /// <summary>The file was stored and recorded in the task's history.</summary>
    /// <param name="Attachment">The stored attachment.</param>
    public sealed record Added(TaskAttachmentResponse Attachment) : AttachmentResult;

    /// <summary>No such task, or the caller may not see it; nothing was stored.</summary>
    public sealed record TaskNotFound : AttachmentResult;

    /// <summary>The file was refused; nothing was stored.</summary>
    /// <param name="Reason">Why.</param>
    /// <param name="Detail">Why, in English, with the limit or the allowed types.</param>
    public sealed record Refused(AttachmentRefusal Reason, string Detail) : AttachmentResult;
}

/// <summary>A stored file to send.</summary>
/// <param name="FileName">Its name.</param>
/// <param name="ContentType">Its media type.</param>
/// <param name="Sha256">SHA-256 of the content (the entity tag).</param>
/// <param name="UploadedAt">When it was uploaded (the last-modified date).</param>
/// <param name="Content">The bytes.</param>
public sealed record AttachmentDownload(string FileName, string ContentType, string Sha256, DateTimeOffset UploadedAt, byte[] Content);
