using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApprovalFlow.Server.Data.Configurations;

internal sealed class TimerStartScheduleConfiguration : IEntityTypeConfiguration<TimerStartScheduleRecord>
{
    public void Configure(EntityTypeBuilder<TimerStartScheduleRecord> builder)
    {
        builder.ToTable("timer_start_schedules");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.DefinitionKey).HasMaxLength(200);
        builder.Property(s => s.StartEventId).HasMaxLength(200);
        builder.Property(s => s.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.Expression).HasMaxLength(1000);
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.HasOne<ProcessDefinitionRecord>().WithMany().HasForeignKey(s => s.DefinitionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.DefinitionKey, s.StartEventId }).IsUnique();
        builder.HasIndex(s => s.DefinitionId);
    }
}
