using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApprovalFlow.Server.Data.Configurations;

internal sealed class TimerStartFiringConfiguration : IEntityTypeConfiguration<TimerStartFiringRecord>
{
    public void Configure(EntityTypeBuilder<TimerStartFiringRecord> builder)
    {
        builder.ToTable("timer_start_firings");
        builder.HasKey(f => new { f.DefinitionId, f.StartEventId, f.DueAt });
        builder.Property(f => f.StartEventId).HasMaxLength(200);
        builder.HasOne<ProcessDefinitionRecord>().WithMany().HasForeignKey(f => f.DefinitionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ProcessInstanceRecord>().WithMany().HasForeignKey(f => f.InstanceId).OnDelete(DeleteBehavior.Cascade);
    }
}
