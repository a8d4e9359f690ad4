namespace ApprovalFlow.Server.Data;

/// <summary>
/// A file attached to a user task, content included (PostgreSQL <c>bytea</c>). Lists read the metadata
/// only; <see cref="Content"/> is read when the file is downloaded.
/// </summary>
public sealed class TaskAttachmentRecord
{
    /// <summary>Attachment id (UUID v7).</summary>
    public Guid Id { get; set; }

    /// <summary>The inbox row (<see cref="UserTaskRecord.Id"/>) it belongs to.</summary>
    public Guid TaskId { get; set; }

    /// <summary>The file name as uploaded, without folders, control or bidirectional characters; at most 255 characters.</summary>
    public required string FileName { get; set; }

    /// <summary>The media type of its kind (from the extension, confirmed by the content), e.g. <c>application/pdf</c>.</summary>
    public required string ContentType { get; set; }

    /// <summary>Size in bytes.</summary>
    public long Size { get; set; }

    /// <summary>SHA-256 of the content, 64 lower-case hexadecimal digits.</summary>
    public required string Sha256 { get; set; }

    /// <summary>The user id of who uploaded it.</summary>
    public required string UploadedBy { get; set; }

    /// <summary>When it was uploaded (UTC).</summary>
    public DateTimeOffset UploadedAt { get; set; }

    /// <summary>The file's bytes.</summary>
    public required byte[] Content { get; set; }
}
