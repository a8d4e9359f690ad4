using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApprovalFlow.Server.Data.Configurations;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<NotificationRecord>
{
    public void Configure(EntityTypeBuilder<NotificationRecord> builder)
    {
        builder.ToTable("notifications");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.RecipientUserId).HasMaxLength(450);
        builder.Property(n => n.RecipientAddress).HasMaxLength(320);
        builder.Property(n => n.Kind).HasMaxLength(50);
        builder.Property(n => n.Template).HasMaxLength(100);
        builder.Property(n => n.Language).HasMaxLength(10);
        builder.Property(n => n.MessageId).HasMaxLength(100);
        builder.Property(n => n.JobId).HasMaxLength(50);
        builder.Property(n => n.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(n => n.Data).HasColumnType("jsonb").HasConversion(JsonColumns.Element, JsonColumns.ElementComparer);
        builder.HasIndex(n => new { n.Status, n.CreatedAt });
        builder.HasIndex(n => new { n.RecipientAddress, n.Status, n.Kind });
        builder.HasIndex(n => n.TaskId);
    }
}
