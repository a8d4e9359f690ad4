using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApprovalFlow.Server.Data.Configurations;

internal sealed class CalendarClosureConfiguration : IEntityTypeConfiguration<CalendarClosure>
{
    /// <summary>Longest reason accepted.</summary>
    public const int MaxReasonLength = 500;

    public void Configure(EntityTypeBuilder<CalendarClosure> builder)
    {
        builder.ToTable("calendar_closures");
        builder.HasKey(c => c.Date);
        builder.Property(c => c.Date).HasColumnType("date").ValueGeneratedNever();
        builder.Property(c => c.Reason).HasMaxLength(MaxReasonLength);
        builder.Property(c => c.CreatedBy).HasMaxLength(450);
    }
}
