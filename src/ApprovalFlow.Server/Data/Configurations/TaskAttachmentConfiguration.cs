using ApprovalFlow.Server.Features.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApprovalFlow.Server.Data.Configurations;

internal sealed class TaskAttachmentConfiguration : IEntityTypeConfiguration<TaskAttachmentRecord>
{
    public void Configure(EntityTypeBuilder<TaskAttachmentRecord> builder)
    {
        AttachmentFileRecord.Configure(builder, "task_attachments");
        builder.HasOne<UserTaskRecord>().WithMany().HasForeignKey(a => a.TaskId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => new { a.TaskId, a.UploadedAt });
    }
}
