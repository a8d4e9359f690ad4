using ApprovalFlow.Server.Features.Planning.Data;
using ApprovalFlow.Server.Features.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApprovalFlow.Server.Features.Planning.Sessions;

/// <summary>
/// A file attached to a working-group session (e.g. the signed minutes), content included (PostgreSQL
/// <c>bytea</c>), checked like task attachments (<see cref="AttachmentOptions"/>, <see cref="AttachmentTypes"/>).
/// Lists read the metadata only.
/// </summary>
public sealed class SessionAttachmentRecord : AttachmentFileRecord
{
    /// <summary>The session (<see cref="WorkingGroupSessionRecord.Id"/>).</summary>
    public Guid SessionId { get; set; }
}

internal sealed class SessionAttachmentConfiguration : IEntityTypeConfiguration<SessionAttachmentRecord>
{
    public void Configure(EntityTypeBuilder<SessionAttachmentRecord> builder)
    {
        AttachmentFileRecord.Configure(builder, "session_attachments");
        builder.HasOne<WorkingGroupSessionRecord>().WithMany().HasForeignKey(a => a.SessionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => new { a.SessionId, a.UploadedAt });
    }
}
