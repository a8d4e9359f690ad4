using ApprovalFlow.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApprovalFlow.Server.Features.ExternalTasks;

internal sealed class ExternalTaskConfiguration : IEntityTypeConfiguration<ExternalTaskRecord>
{
    public void Configure(EntityTypeBuilder<ExternalTaskRecord> builder)
    {
        builder.ToTable("external_tasks");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.JobId).HasMaxLength(50);
        builder.Property(t => t.ExecutionId).HasMaxLength(50);
        builder.Property(t => t.NodeId).HasMaxLength(200);
        builder.Property(t => t.Topic).HasMaxLength(200);
        builder.Property(t => t.DefinitionKey).HasMaxLength(200);
        builder.Property(t => t.BusinessKey).HasMaxLength(200);
        builder.Property(t => t.WorkerId).HasMaxLength(200);
        builder.Property(t => t.ErrorMessage).HasMaxLength(4000);
        builder.Property(t => t.RowVersion).IsRowVersion();
        builder.HasOne<ProcessInstanceRecord>().WithMany().HasForeignKey(t => t.InstanceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(t => new { t.InstanceId, t.JobId }).IsUnique();
        // fetchAndLock: the tasks of the asked topics whose time has come, oldest first (FOR UPDATE SKIP LOCKED).
        builder.HasIndex(t => new { t.Topic, t.AvailableAt });
        builder.HasIndex(t => t.WorkerId);
    }
}
