using System.Text.Json;
using ApprovalFlow.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApprovalFlow.Server.Features.Migrations;

internal sealed class MigrationConfiguration : IEntityTypeConfiguration<MigrationRecord>
{
    private static readonly ValueComparer<Dictionary<string, string>> MappingComparer = new(
        (a, b) => a!.Count == b!.Count && !a.Except(b).Any(),
        m => m.Count,
        m => new Dictionary<string, string>(m, StringComparer.Ordinal));

    public void Configure(EntityTypeBuilder<MigrationRecord> builder)
    {
        builder.ToTable("migrations");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.DefinitionKey).HasMaxLength(200);
        builder.Property(m => m.Mapping).HasColumnType("jsonb").HasConversion(
            m => JsonSerializer.Serialize(m, (JsonSerializerOptions?)null),
            json => JsonSerializer.Deserialize<Dictionary<string, string>>(json, (JsonSerializerOptions?)null)!,
            MappingComparer);
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.CreatedBy).HasMaxLength(450);
        builder.Property(m => m.JobId).HasMaxLength(100);
        builder.HasIndex(m => new { m.DefinitionKey, m.CreatedAt });
    }
}

internal sealed class MigrationInstanceConfiguration : IEntityTypeConfiguration<MigrationInstanceRecord>
{
    public void Configure(EntityTypeBuilder<MigrationInstanceRecord> builder)
    {
        builder.ToTable("migration_instances");
        builder.HasKey(i => new { i.MigrationId, i.InstanceId });
        builder.Property(i => i.BusinessKey).HasMaxLength(200);
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.Reason).HasMaxLength(4000);
        builder.Property(i => i.ProblemKind).HasMaxLength(50);
        builder.Property(i => i.ProblemNodeId).HasMaxLength(200);
        builder.HasOne<MigrationRecord>().WithMany().HasForeignKey(i => i.MigrationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ProcessInstanceRecord>().WithMany().HasForeignKey(i => i.InstanceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(i => i.InstanceId);
    }
}
