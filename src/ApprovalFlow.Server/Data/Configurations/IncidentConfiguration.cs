using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApprovalFlow.Server.Data.Configurations;

internal sealed class IncidentConfiguration : IEntityTypeConfiguration<IncidentRecord>
{
    public void Configure(EntityTypeBuilder<IncidentRecord> builder)
    {
        builder.ToTable("incidents");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.EngineIncidentId).HasMaxLength(50);
        builder.Property(i => i.NodeId).HasMaxLength(200);
        builder.Property(i => i.Kind).HasConversion<string>().HasMaxLength(40);
        builder.HasOne<ProcessInstanceRecord>().WithMany().HasForeignKey(i => i.InstanceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(i => new { i.InstanceId, i.EngineIncidentId }).IsUnique();
        builder.HasIndex(i => i.ResolvedAt);
    }
}
