using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApprovalFlow.Server.Data.Configurations;

internal sealed class FormConfiguration : IEntityTypeConfiguration<FormRecord>
{
    public void Configure(EntityTypeBuilder<FormRecord> builder)
    {
        builder.ToTable("forms");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Key).HasMaxLength(200);
        builder.Property(f => f.Name).HasMaxLength(500);
        builder.Property(f => f.Sha256).HasMaxLength(64);
        builder.Property(f => f.DeployedBy).HasMaxLength(450);
        builder.HasIndex(f => new { f.Key, f.Version }).IsUnique();
        builder.HasIndex(f => new { f.Key, f.Sha256 }).IsUnique();
    }
}
