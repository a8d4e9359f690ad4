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
public sealed class SessionAttachmentRecord
{
    /// <summary>Attachment id (UUID v7).</summary>
    public Guid Id { get; set; }

    /// <summary>The session (<see cref="WorkingGroupSessionRecord.Id"/>).</summary>
    public Guid SessionId { get; set; }

    /// <summary>The file name as cleaned by <see cref="AttachmentNames.Clean"/>; at most 255 characters.</summary>
    public required string FileName { get; set; }

    /// <summary>The media type of its kind, e.g. <c>application/pdf</c>.</summary>
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

internal sealed class SessionAttachmentConfiguration : IEntityTypeConfiguration<SessionAttachmentRecord>
{
    public void Configure(EntityTypeBuilder<SessionAttachmentRecord> builder)
    {
        builder.ToTable("session_attachments");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.FileName).HasMaxLength(AttachmentNames.MaxLength);
        builder.Property(a => a.ContentType).HasMaxLength(100);
        builder.Property(a => a.Sha256).HasMaxLength(64).IsFixedLength();
        builder.Property(a => a.UploadedBy).HasMaxLength(450);
        builder.Property(a => a.Content).HasColumnType("bytea");
        builder.HasOne<WorkingGroupSessionRecord>().WithMany().HasForeignKey(a => a.SessionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => new { a.SessionId, a.UploadedAt });
    }
}
