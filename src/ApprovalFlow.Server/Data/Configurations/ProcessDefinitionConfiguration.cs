using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApprovalFlow.Server.Data.Configurations;

internal sealed class ProcessDefinitionConfiguration : IEntityTypeConfiguration<ProcessDefinitionRecord>
{
    public void Configure(EntityTypeBuilder<ProcessDefinitionRecord> builder)
    {
        builder.ToTable("process_definitions");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Key).HasMaxLength(200);
        builder.Property(d => d.Name).HasMaxLength(500);
        builder.Property(d => d.Sha256).HasMaxLength(64);
        builder.Property(d => d.DeployedBy).HasMaxLength(450);
        builder.Property(d => d.DraftUserId).HasMaxLength(450);
        builder.HasIndex(d => new { d.Key, d.Version }).IsUnique();
        builder.HasIndex(d => new { d.Key, d.Sha256 }).IsUnique();
    }
}
