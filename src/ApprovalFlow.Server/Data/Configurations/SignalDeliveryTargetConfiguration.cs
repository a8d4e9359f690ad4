using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApprovalFlow.Server.Data.Configurations;

internal sealed class SignalDeliveryTargetConfiguration : IEntityTypeConfiguration<SignalDeliveryTargetRecord>
{
    public void Configure(EntityTypeBuilder<SignalDeliveryTargetRecord> builder)
    {
        builder.ToTable("signal_delivery_targets");
        builder.HasKey(t => new { t.DeliveryId, t.TargetNo });
        builder.Property(t => t.StartEventId).HasMaxLength(200);
        builder.Property(t => t.DeliveredAt).IsConcurrencyToken();
        builder.HasOne<SignalDeliveryRecord>().WithMany().HasForeignKey(t => t.DeliveryId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(t => new { t.DeliveryId, t.Chunk });
    }
}
