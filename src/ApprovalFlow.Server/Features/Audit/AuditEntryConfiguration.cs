using ApprovalFlow.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApprovalFlow.Server.Features.Audit;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntryRecord>
{
    public void Configure(EntityTypeBuilder<AuditEntryRecord> builder)
    {
        builder.ToTable("audit_entries");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).UseIdentityAlwaysColumn();
        builder.Property(a => a.ActorId).HasMaxLength(450);
        builder.Property(a => a.ActorName).HasMaxLength(200);
        builder.Property(a => a.Action).HasMaxLength(AuditEntryRecord.MaxActionLength);
        builder.Property(a => a.Target).HasMaxLength(AuditEntryRecord.MaxTargetLength);
        builder.Property(a => a.Changes).HasColumnType("jsonb").HasConversion(JsonColumns.Element, JsonColumns.ElementComparer);
        builder.Property(a => a.ClientIp).HasMaxLength(45);
        builder.HasIndex(a => a.At);
        builder.HasIndex(a => new { a.ActorId, a.At });
    }
}
