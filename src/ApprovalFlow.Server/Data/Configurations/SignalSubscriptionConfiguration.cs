using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApprovalFlow.Server.Data.Configurations;

internal sealed class SignalSubscriptionConfiguration : IEntityTypeConfiguration<SignalSubscriptionRecord>
{
    public void Configure(EntityTypeBuilder<SignalSubscriptionRecord> builder)
    {
        builder.ToTable("signal_subscriptions");
        builder.HasKey(s => new { s.InstanceId, s.SubscriptionId });
        builder.Property(s => s.SubscriptionId).HasMaxLength(50);
        builder.Property(s => s.SignalName).HasMaxLength(200);
        builder.Property(s => s.NodeId).HasMaxLength(200);
        builder.HasOne<ProcessInstanceRecord>().WithMany().HasForeignKey(s => s.InstanceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => s.SignalName);
    }
}
