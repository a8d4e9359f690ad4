using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApprovalFlow.Server.Data.Configurations;

internal sealed class HistoryEventConfiguration : IEntityTypeConfiguration<HistoryEventRecord>
{
    public void Configure(EntityTypeBuilder<HistoryEventRecord> builder)
    {
        builder.ToTable("history_events");
        builder.HasKey(h => h.Sequence);
        builder.Property(h => h.Sequence).UseIdentityAlwaysColumn();
        builder.Property(h => h.Type).HasConversion<string>().HasMaxLength(40);
        builder.Property(h => h.NodeId).HasMaxLength(200);
        builder.Property(h => h.ExecutionId).HasMaxLength(50);
        builder.Property(h => h.TaskId).HasMaxLength(50);
        builder.Property(h => h.Actor).HasMaxLength(450);
        builder.Property(h => h.Data).HasColumnType("jsonb").HasConversion(JsonColumns.Element, JsonColumns.ElementComparer);
        builder.HasIndex(h => new { h.InstanceId, h.Sequence });
    }
}
