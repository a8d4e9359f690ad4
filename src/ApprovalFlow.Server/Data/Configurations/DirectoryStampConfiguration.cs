using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApprovalFlow.Server.Data.Configurations;

internal sealed class DirectoryStampConfiguration : IEntityTypeConfiguration<DirectoryStampRecord>
{
    public void Configure(EntityTypeBuilder<DirectoryStampRecord> builder)
    {
        builder.ToTable("directory_stamp");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.HasData(new DirectoryStampRecord { Id = DirectoryStampRecord.SingleId, Value = 0 });
    }
}
