using ApprovalFlow.Server.Features.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApprovalFlow.Server.Data.Configurations;

internal sealed class TaskCommentConfiguration : IEntityTypeConfiguration<TaskCommentRecord>
{
    public void Configure(EntityTypeBuilder<TaskCommentRecord> builder)
    {
        builder.ToTable("task_comments");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Author).HasMaxLength(450);
        builder.Property(c => c.Text).HasMaxLength(TaskComments.MaxLength);
        builder.HasOne<UserTaskRecord>().WithMany().HasForeignKey(c => c.TaskId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => new { c.TaskId, c.At });
    }
}
