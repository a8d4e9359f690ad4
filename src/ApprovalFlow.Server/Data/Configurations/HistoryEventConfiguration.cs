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

        // The node movements only, covering what the monitor's statistics read (Features/Monitoring/VersionStatistics):
        // per instance, the entries and exits of its tokens (durations) and the last entry of one node (since when).
        builder.HasIndex(h => new { h.InstanceId, h.NodeId })
            .HasDatabaseName("ix_history_events_node_moves")
            .IncludeProperties(h => new { h.ExecutionId, h.Sequence, h.Type, h.At })
            .HasFilter("type IN ('NodeEntered', 'NodeLeft', 'NodeCancelled')");
    }
}
