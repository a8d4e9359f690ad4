using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApprovalFlow.Server.Data.Configurations;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("outbox_messages");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Id).UseIdentityAlwaysColumn();
        builder.Property(o => o.Kind).HasMaxLength(50);
        builder.Property(o => o.Payload).HasColumnType("jsonb").HasConversion(JsonColumns.Element, JsonColumns.ElementComparer);
        builder.HasIndex(o => o.Id).HasFilter("dispatched_at IS NULL").HasDatabaseName("ix_outbox_messages_pending");
    }
}
