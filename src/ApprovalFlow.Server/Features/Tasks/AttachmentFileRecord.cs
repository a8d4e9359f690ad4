using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApprovalFlow.Server.Features.Tasks;

/// <summary>
/// What every stored attachment has (task attachments, session attachments): the file checked by
/// <see cref="AttachmentFiles.CheckAsync"/>, content included (PostgreSQL <c>bytea</c>), who uploaded it and when.
/// Lists read the metadata only.
/// </summary>
public abstract class AttachmentFileRecord
{
    /// <summary>Attachment id (UUID v7).</summary>
    public Guid Id { get; set; }

    /// <summary>The file name as cleaned by <see cref="AttachmentNames.Clean"/> (no folders, control or bidirectional characters); at most 255 characters.</summary>
    public string FileName { get; set; } = string.Empty;

    /// <summary>The media type of its kind (from the extension, confirmed by the content), e.g. <c>application/pdf</c>.</summary>
    public string ContentType { get; set; } = string.Empty;

    /// <summary>Size in bytes.</summary>
    public long Size { get; set; }

    /// <summary>SHA-256 of the content, 64 lower-case hexadecimal digits.</summary>
    public string Sha256 { get; set; } = string.Empty;

    /// <summary>The user id of who uploaded it.</summary>
    public string UploadedBy { get; set; } = string.Empty;

    /// <summary>When it was uploaded (UTC).</summary>
    public DateTimeOffset UploadedAt { get; set; }

    /// <summary>The file's bytes.</summary>
    public byte[] Content { get; set; } = [];

    /// <summary>Fills this record from an accepted file, uploaded by <paramref name="uploadedBy"/> at <paramref name="now"/>, with a new UUID v7 id.</summary>
    /// <param name="accepted">The checked file.</param>
    /// <param name="uploadedBy">The uploader's user id.</param>
    /// <param name="now">The upload time (UTC).</param>
    public void Fill(AttachmentCheck.Accepted accepted, string uploadedBy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(accepted);
        Id = Guid.CreateVersion7(now);
        FileName = accepted.FileName;
        ContentType = accepted.ContentType;
        Size = accepted.Content.LongLength;
        Sha256 = accepted.Sha256;
        UploadedBy = uploadedBy;
        UploadedAt = now;
        Content = accepted.Content;
    }

    /// <summary>Maps the columns every attachment table shares onto <paramref name="table"/>.</summary>
    /// <typeparam name="T">The attachment entity.</typeparam>
    /// <param name="builder">The entity's builder.</param>
    /// <param name="table">The table name.</param>
    internal static void Configure<T>(EntityTypeBuilder<T> builder, string table)
        where T : AttachmentFileRecord
    {
        builder.ToTable(table);
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.FileName).HasMaxLength(AttachmentNames.MaxLength);
        builder.Property(a => a.ContentType).HasMaxLength(100);
        builder.Property(a => a.Sha256).HasMaxLength(64).IsFixedLength();
        builder.Property(a => a.UploadedBy).HasMaxLength(450);
        builder.Property(a => a.Content).HasColumnType("bytea");
    }
}
