using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApprovalFlow.Server.Data.Configurations;

internal sealed class UserTaskConfiguration : IEntityTypeConfiguration<UserTaskRecord>
{
    public void Configure(EntityTypeBuilder<UserTaskRecord> builder)
    {
        builder.ToTable("user_tasks");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.EngineTaskId).HasMaxLength(50);
        builder.Property(t => t.NodeId).HasMaxLength(200);
        builder.Property(t => t.Name).HasMaxLength(500);
        builder.Property(t => t.Assignee).HasMaxLength(450);
        builder.Property(t => t.FormKey).HasMaxLength(200);
        builder.Property(t => t.CompletedBy).HasMaxLength(450);
        builder.Property(t => t.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(t => t.DefinitionKey).HasMaxLength(200);
        builder.Property(t => t.StageId).HasMaxLength(200);
        builder.Property(t => t.StageName).HasMaxLength(500);
        builder.Property(t => t.Theme).HasMaxLength(100);
        builder.Property(t => t.Level).HasMaxLength(50);
        builder.Property(t => t.WorkingGroup).HasMaxLength(500);
        builder.Property(t => t.CycleTitle).HasMaxLength(500);
        builder.Property(t => t.Item).HasColumnType("jsonb").HasConversion(JsonColumns.Element, JsonColumns.ElementComparer);
        builder.HasOne<ProcessInstanceRecord>().WithMany().HasForeignKey(t => t.InstanceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(t => new { t.InstanceId, t.EngineTaskId }).IsUnique();
        builder.HasIndex(t => new { t.Assignee, t.Status, t.CreatedAt });

        // The inbox's first page (scope=mine, open, by priority then age) read straight from a small index.
        builder.HasIndex(t => new { t.Assignee, t.Priority, t.CreatedAt, t.Id })
            .IsDescending(false, true, false, false)
            .HasFilter("status = 'Open'")
            .HasDatabaseName("ix_user_tasks_open_inbox");
        builder.HasIndex(t => new { t.Status, t.CreatedAt });
        builder.HasIndex(t => t.RootInstanceId);
        builder.HasIndex(t => t.CandidateGroups).HasMethod("gin");
        builder.HasIndex(t => t.CandidateUsers).HasMethod("gin");

        // "Completed by me", newest first.
        builder.HasIndex(t => new { t.CompletedBy, t.EndedAt }, "ix_user_tasks_completed_by").HasDatabaseName("ix_user_tasks_completed_by")
            .IsDescending(false, true)
            .HasFilter("status = 'Completed'");

        // "Group tasks": open, unclaimed tasks offered to one of my groups or to me (array overlaps, OR-ed as a BitmapOr of the two;
        // with the full-table indexes the planner took every open unassigned row: 174 ms at a million rows, 0.9 ms with these).
        builder.HasIndex(t => t.CandidateGroups, "ix_user_tasks_open_offered_groups").HasDatabaseName("ix_user_tasks_open_offered_groups").HasMethod("gin")
            .HasFilter("status = 'Open' AND assignee IS NULL");
        builder.HasIndex(t => t.CandidateUsers, "ix_user_tasks_open_offered_users").HasDatabaseName("ix_user_tasks_open_offered_users").HasMethod("gin")
            .HasFilter("status = 'Open' AND assignee IS NULL");

        // Free-text search: substring (LIKE '%word%') on the normalised key through trigrams.
        builder.HasIndex(t => t.SearchKey, "ix_user_tasks_search_key").HasDatabaseName("ix_user_tasks_search_key").HasMethod("gin").HasOperators("gin_trgm_ops");
    }
}
