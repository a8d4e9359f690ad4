using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApprovalFlow.Server.Data.Configurations;

internal sealed class TimerConfiguration : IEntityTypeConfiguration<TimerRecord>
{
    public void Configure(EntityTypeBuilder<TimerRecord> builder)
    {
        builder.ToTable("timers");
        builder.HasKey(t => new { t.InstanceId, t.TimerId });
        builder.Property(t => t.TimerId).HasMaxLength(50);
        builder.Property(t => t.NodeId).HasMaxLength(200);
        builder.Property(t => t.HangfireJobId).HasMaxLength(100);
        builder.HasOne<ProcessInstanceRecord>().WithMany().HasForeignKey(t => t.InstanceId).OnDelete(DeleteBehavior.Cascade);
        // The timer poller's claim and next-due queries: only timers not yet handed to Hangfire.
        builder.HasIndex(t => t.DueAt).HasFilter("hangfire_job_id IS NULL");
    }
}
