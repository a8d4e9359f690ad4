using ApprovalFlow.Server.Features.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApprovalFlow.Server.Data.Configurations;

internal sealed class TaskAttachmentConfiguration : IEntityTypeConfiguration<TaskAttachmentRecord>
{
    public void Configure(EntityTypeBuilder<TaskAttachmentRecord> builder)
    {
        builder.ToTable("task_attachments");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.FileName).HasMaxLength(AttachmentNames.MaxLength);
        builder.Property(a => a.ContentType).HasMaxLength(100);
        builder.Property(a => a.Sha256).HasMaxLength(64).IsFixedLength();
        builder.Property(a => a.UploadedBy).HasMaxLength(450);
        builder.Property(a => a.Content).HasColumnType("bytea");
        builder.HasOne<UserTaskRecord>().WithMany().HasForeignKey(a => a.TaskId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => new { a.TaskId, a.UploadedAt });
    }
}
