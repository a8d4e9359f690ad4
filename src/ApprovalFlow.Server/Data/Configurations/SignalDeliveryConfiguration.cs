using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApprovalFlow.Server.Data.Configurations;

internal sealed class SignalDeliveryConfiguration : IEntityTypeConfiguration<SignalDeliveryRecord>
{
    public void Configure(EntityTypeBuilder<SignalDeliveryRecord> builder)
    {
        builder.ToTable("signal_deliveries");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.SignalName).HasMaxLength(200);
        builder.Property(d => d.Variables).HasColumnType("jsonb").HasConversion(JsonColumns.Element, JsonColumns.ElementComparer);
        builder.Property(d => d.SentBy).HasMaxLength(200);
    }
}
