using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApprovalFlow.Server.Data.Configurations;

internal sealed class MessageSubscriptionConfiguration : IEntityTypeConfiguration<MessageSubscriptionRecord>
{
    public void Configure(EntityTypeBuilder<MessageSubscriptionRecord> builder)
    {
        builder.ToTable("message_subscriptions");
        builder.HasKey(s => new { s.InstanceId, s.SubscriptionId });
        builder.Property(s => s.SubscriptionId).HasMaxLength(50);
        builder.Property(s => s.MessageName).HasMaxLength(200);
        builder.Property(s => s.BusinessKey).HasMaxLength(200);
        builder.HasOne<ProcessInstanceRecord>().WithMany().HasForeignKey(s => s.InstanceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.MessageName, s.BusinessKey });
    }
}
