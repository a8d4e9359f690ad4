using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApprovalFlow.Server.Features.Auth.Protection;

internal sealed class SignInThrottleConfiguration : IEntityTypeConfiguration<SignInThrottleRecord>
{
    public void Configure(EntityTypeBuilder<SignInThrottleRecord> builder)
    {
        builder.ToTable("sign_in_throttles");
        builder.HasKey(t => t.Key);
        builder.Property(t => t.Key).HasMaxLength(64);
        builder.HasIndex(t => t.LastFailureAt);
    }
}
