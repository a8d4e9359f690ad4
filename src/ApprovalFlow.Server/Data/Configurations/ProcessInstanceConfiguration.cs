using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApprovalFlow.Server.Data.Configurations;

internal sealed class ProcessInstanceConfiguration : IEntityTypeConfiguration<ProcessInstanceRecord>
{
    /// <summary>
    /// The partial unique index that allows one active top-level instance per definition key and
    /// business key (one plan cycle per key); child instances of call activities share their parent's
    /// business key and are not counted.
    /// </summary>
    public const string OneActivePerBusinessKey = "ux_process_instances_active_business_key";

    public void Configure(EntityTypeBuilder<ProcessInstanceRecord> builder)
    {
        builder.ToTable("process_instances");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.DefinitionKey).HasMaxLength(200);
        builder.Property(i => i.BusinessKey).HasMaxLength(200);
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.State).HasColumnType("jsonb").HasConversion(JsonColumns.State, JsonColumns.StateComparer);
        builder.Property(i => i.StartedBy).HasMaxLength(450);
        builder.Property(i => i.ParentExecutionId).HasMaxLength(50);
        builder.Property(i => i.Version).IsConcurrencyToken();
        builder.HasOne<ProcessDefinitionRecord>().WithMany().HasForeignKey(i => i.DefinitionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(i => new { i.DefinitionKey, i.Status });
        builder.HasIndex(i => i.BusinessKey);
        builder.HasIndex(i => new { i.DefinitionKey, i.BusinessKey })
            .HasDatabaseName(OneActivePerBusinessKey)
            .IsUnique()
            .HasFilter("status = 'Active' AND business_key IS NOT NULL AND parent_instance_id IS NULL");
        builder.HasIndex(i => i.RootInstanceId);
        builder.HasIndex(i => i.ParentInstanceId);
    }
}
