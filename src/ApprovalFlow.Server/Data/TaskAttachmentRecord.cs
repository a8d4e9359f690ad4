using ApprovalFlow.Server.Features.Tasks;

namespace ApprovalFlow.Server.Data;

/// <summary>
/// A file attached to a user task, content included (PostgreSQL <c>bytea</c>). Lists read the metadata
/// only; <see cref="AttachmentFileRecord.Content"/> is read when the file is downloaded.
/// </summary>
public sealed class TaskAttachmentRecord : AttachmentFileRecord
{
    /// <summary>The inbox row (<see cref="UserTaskRecord.Id"/>) it belongs to.</summary>
    public Guid TaskId { get; set; }
}
