using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApprovalFlow.Server.Data.Configurations;

internal sealed class DirectoryGroupConfiguration : IEntityTypeConfiguration<DirectoryGroup>
{
    public void Configure(EntityTypeBuilder<DirectoryGroup> builder)
    {
        builder.ToTable("groups");
        builder.HasKey(g => g.Id);
        builder.Property(g => g.Id).HasMaxLength(200);
        builder.Property(g => g.Name).HasMaxLength(500);
        builder.Property(g => g.Kind).HasMaxLength(50);
        builder.Property(g => g.Attributes).HasColumnType("jsonb").HasConversion(JsonColumns.Element, JsonColumns.ElementComparer);
        builder.HasMany(g => g.Members).WithOne().HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Cascade);
    }
}
