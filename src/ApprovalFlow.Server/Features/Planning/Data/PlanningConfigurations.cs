using System.Text.Json;
using ApprovalFlow.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApprovalFlow.Server.Features.Planning.Data;

internal sealed class PlanCycleConfiguration : IEntityTypeConfiguration<PlanCycleRecord>
{
    private static readonly ValueComparer<List<PlanCycleTheme>> ThemesComparer = new(
        (a, b) => a!.SequenceEqual(b!),
        t => t.Aggregate(0, (hash, theme) => HashCode.Combine(hash, theme)),
        t => t.ToList());

    public void Configure(EntityTypeBuilder<PlanCycleRecord> builder)
    {
        builder.ToTable("plan_cycles");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.BusinessKey).HasMaxLength(200);
        builder.Property(c => c.Title).HasMaxLength(500);
        builder.Property(c => c.Themes).HasColumnType("jsonb").HasConversion(
            t => JsonSerializer.Serialize(t, JsonSerializerOptions.Web),
            json => JsonSerializer.Deserialize<List<PlanCycleTheme>>(json, JsonSerializerOptions.Web)!,
            ThemesComparer);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.CreatedBy).HasMaxLength(450);
        builder.Property(c => c.WithdrawnBy).HasMaxLength(450);
        builder.Property(c => c.WithdrawnByName).HasMaxLength(256);
        builder.Property(c => c.WithdrawalReason).HasMaxLength(PlanCycleRecord.MaxWithdrawalReasonLength);
        builder.HasIndex(c => c.BusinessKey).IsUnique();
        builder.HasOne<ProcessInstanceRecord>().WithMany().HasForeignKey(c => c.RootInstanceId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class StakeholderConfiguration : IEntityTypeConfiguration<StakeholderRecord>
{
    public void Configure(EntityTypeBuilder<StakeholderRecord> builder)
    {
        builder.ToTable("stakeholders");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.Name).HasMaxLength(300);
        builder.Property(s => s.Organization).HasMaxLength(300);
        builder.Property(s => s.StakeholderGroup).HasMaxLength(50);
        builder.Property(s => s.Email).HasMaxLength(320);
        builder.Property(s => s.Phone).HasMaxLength(50);
        builder.Property(s => s.Notes).HasMaxLength(4000);
        builder.Property(s => s.CreatedBy).HasMaxLength(450);
        builder.HasOne<PlanCycleRecord>().WithMany().HasForeignKey(s => s.CycleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.CycleId, s.StakeholderGroup });
    }
}

internal sealed class WorkingGroupSessionConfiguration : IEntityTypeConfiguration<WorkingGroupSessionRecord>
{
    public void Configure(EntityTypeBuilder<WorkingGroupSessionRecord> builder)
    {
        builder.ToTable("working_group_sessions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.WorkingGroupId).HasMaxLength(200);
        builder.Property(s => s.Place).HasMaxLength(300);
        builder.Property(s => s.Agenda).HasMaxLength(2000);
        builder.Property(s => s.CreatedBy).HasMaxLength(450);
        builder.HasOne<PlanCycleRecord>().WithMany().HasForeignKey(s => s.CycleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.CycleId, s.WorkingGroupId, s.Date });
    }
}

internal sealed class SessionAttendeeConfiguration : IEntityTypeConfiguration<SessionAttendeeRecord>
{
    public void Configure(EntityTypeBuilder<SessionAttendeeRecord> builder)
    {
        builder.ToTable("session_attendees");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Name).HasMaxLength(300);
        builder.Property(a => a.StakeholderGroup).HasMaxLength(50);
        builder.HasOne<WorkingGroupSessionRecord>().WithMany().HasForeignKey(a => a.SessionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<StakeholderRecord>().WithMany().HasForeignKey(a => a.StakeholderId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(a => a.SessionId);
        builder.HasIndex(a => a.StakeholderId);
    }
}

internal sealed class PlanItemConfiguration : IEntityTypeConfiguration<PlanItemRecord>
{
    public void Configure(EntityTypeBuilder<PlanItemRecord> builder)
    {
        builder.ToTable("plan_items");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.Title).HasMaxLength(500);
        builder.Property(i => i.Description).HasMaxLength(8000);
        builder.Property(i => i.SearchKey).HasMaxLength(9000);
        builder.Property(i => i.Theme).HasMaxLength(100);
        builder.Property(i => i.Level).HasMaxLength(20);
        builder.Property(i => i.Unit).HasMaxLength(200);
        builder.Property(i => i.WorkingGroupId).HasMaxLength(200);
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.ResponsibleUnit).HasMaxLength(300);
        builder.Property(i => i.Agreement).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.CreatedBy).HasMaxLength(450);
        builder.HasOne<PlanCycleRecord>().WithMany().HasForeignKey(i => i.CycleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<PlanItemRecord>().WithMany().HasForeignKey(i => i.MergedIntoId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(i => new { i.CycleId, i.Theme, i.Kind, i.Level });
        builder.HasIndex(i => new { i.CycleId, i.WorkingGroupId });
        builder.HasIndex(i => i.MergedIntoId);
        builder.HasIndex(i => i.SearchKey).HasMethod("gin").HasOperators("gin_trgm_ops");
    }
}

internal sealed class PlanItemDeletionConfiguration : IEntityTypeConfiguration<PlanItemDeletionRecord>
{
    public void Configure(EntityTypeBuilder<PlanItemDeletionRecord> builder)
    {
        builder.ToTable("plan_item_deletions");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.Title).HasMaxLength(500);
        builder.Property(d => d.WorkingGroupId).HasMaxLength(200);
        builder.Property(d => d.DeletedBy).HasMaxLength(450);
        builder.HasOne<PlanCycleRecord>().WithMany().HasForeignKey(d => d.CycleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(d => new { d.CycleId, d.WorkingGroupId });
    }
}

internal sealed class PlanItemLinkConfiguration : IEntityTypeConfiguration<PlanItemLinkRecord>
{
    public void Configure(EntityTypeBuilder<PlanItemLinkRecord> builder)
    {
        builder.ToTable("plan_item_links");
        builder.HasKey(l => new { l.FromItemId, l.ToItemId });
        builder.HasOne<PlanItemRecord>().WithMany().HasForeignKey(l => l.FromItemId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<PlanItemRecord>().WithMany().HasForeignKey(l => l.ToItemId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(l => l.ToItemId);
    }
}

internal sealed class PlanItemSessionConfiguration : IEntityTypeConfiguration<PlanItemSessionRecord>
{
    public void Configure(EntityTypeBuilder<PlanItemSessionRecord> builder)
    {
        builder.ToTable("plan_item_sessions");
        builder.HasKey(l => new { l.ItemId, l.SessionId });
        builder.HasOne<PlanItemRecord>().WithMany().HasForeignKey(l => l.ItemId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<WorkingGroupSessionRecord>().WithMany().HasForeignKey(l => l.SessionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(l => l.SessionId);
    }
}

internal sealed class StageDecisionConfiguration : IEntityTypeConfiguration<StageDecisionRecord>
{
    public void Configure(EntityTypeBuilder<StageDecisionRecord> builder)
    {
        builder.ToTable("stage_decisions");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.Body).HasMaxLength(50);
        builder.Property(d => d.Decision).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.ResolutionNumber).HasMaxLength(100);
        builder.Property(d => d.Comment).HasMaxLength(8000);
        builder.Property(d => d.DecidedBy).HasMaxLength(450);
        builder.HasOne<PlanCycleRecord>().WithMany().HasForeignKey(d => d.CycleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<UserTaskRecord>().WithMany().HasForeignKey(d => d.TaskId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(d => new { d.CycleId, d.DecidedAt });
        builder.HasIndex(d => d.TaskId).IsUnique();
    }
}

internal sealed class StageDecisionItemConfiguration : IEntityTypeConfiguration<StageDecisionItemRecord>
{
    public void Configure(EntityTypeBuilder<StageDecisionItemRecord> builder)
    {
        builder.ToTable("stage_decision_items");
        builder.HasKey(d => new { d.DecisionId, d.ItemId });
        builder.Property(d => d.Comment).HasMaxLength(4000);
        builder.HasOne<StageDecisionRecord>().WithMany().HasForeignKey(d => d.DecisionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<PlanItemRecord>().WithMany().HasForeignKey(d => d.ItemId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(d => d.ItemId);
    }
}
