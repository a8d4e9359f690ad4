using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApprovalFlow.Server.Data.Configurations;

internal sealed class NotificationPreferenceConfiguration : IEntityTypeConfiguration<NotificationPreferenceRecord>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) } };

    public void Configure(EntityTypeBuilder<NotificationPreferenceRecord> builder)
    {
        builder.ToTable("notification_preferences");
        builder.HasKey(p => p.UserId);
        builder.Property(p => p.UserId).HasMaxLength(450);
        builder.Property(p => p.Language).HasMaxLength(10);
        builder.Property(p => p.Kinds).HasColumnType("jsonb").HasConversion(
            kinds => JsonSerializer.Serialize(kinds, Json),
            json => JsonSerializer.Deserialize<Dictionary<string, NotificationDelivery>>(json, Json) ?? new Dictionary<string, NotificationDelivery>(),
            new ValueComparer<Dictionary<string, NotificationDelivery>>(
                (a, b) => JsonSerializer.Serialize(a, Json) == JsonSerializer.Serialize(b, Json),
                kinds => JsonSerializer.Serialize(kinds, Json).GetHashCode(StringComparison.Ordinal),
                kinds => new Dictionary<string, NotificationDelivery>(kinds)));
        builder.HasOne<ApplicationUser>().WithOne().HasForeignKey<NotificationPreferenceRecord>(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => p.Digest).HasFilter("digest");
    }
}
