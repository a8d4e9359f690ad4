using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApprovalFlow.Server.Data.Configurations;

internal sealed class InboxViewConfiguration : IEntityTypeConfiguration<InboxViewRecord>
{
    public void Configure(EntityTypeBuilder<InboxViewRecord> builder)
    {
        builder.ToTable("inbox_views");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.UserId).HasMaxLength(450);
        builder.Property(v => v.Name).HasMaxLength(InboxViewRecord.MaxNameLength);
        builder.Property(v => v.Query).HasMaxLength(InboxViewRecord.MaxQueryLength);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(v => v.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(v => new { v.UserId, v.Name }).IsUnique();
    }
}
