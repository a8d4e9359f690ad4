using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApprovalFlow.Server.Features.Planning.Data;

internal sealed class DuplicateDismissalConfiguration : IEntityTypeConfiguration<DuplicateDismissalRecord>
{
    public void Configure(EntityTypeBuilder<DuplicateDismissalRecord> builder)
    {
        builder.ToTable("duplicate_dismissals");
        builder.HasKey(d => new { d.FirstItemId, d.SecondItemId });
        builder.Property(d => d.DismissedBy).HasMaxLength(450);
        builder.HasOne<PlanCycleRecord>().WithMany().HasForeignKey(d => d.CycleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<PlanItemRecord>().WithMany().HasForeignKey(d => d.FirstItemId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<PlanItemRecord>().WithMany().HasForeignKey(d => d.SecondItemId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(d => d.CycleId);
        builder.HasIndex(d => d.SecondItemId);
    }
}

internal sealed class PlanItemMergeConfiguration : IEntityTypeConfiguration<PlanItemMergeRecord>
{
    public void Configure(EntityTypeBuilder<PlanItemMergeRecord> builder)
    {
        builder.ToTable("plan_item_merges");
        builder.HasKey(m => new { m.ConsolidatedItemId, m.OriginalItemId });
        builder.Property(m => m.OriginalStatus).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.MergedBy).HasMaxLength(450);
        builder.HasOne<PlanItemRecord>().WithMany().HasForeignKey(m => m.ConsolidatedItemId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<PlanItemRecord>().WithMany().HasForeignKey(m => m.OriginalItemId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => m.OriginalItemId).IsUnique();
    }
}

internal sealed class PriorityCriterionConfiguration : IEntityTypeConfiguration<PriorityCriterionRecord>
{
    public void Configure(EntityTypeBuilder<PriorityCriterionRecord> builder)
    {
        builder.ToTable("priority_criteria");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Code).HasMaxLength(50);
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.EnglishName).HasMaxLength(200);
        builder.HasOne<PlanCycleRecord>().WithMany().HasForeignKey(c => c.CycleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => new { c.CycleId, c.Code }).IsUnique();
    }
}

internal sealed class PriorityScoreConfiguration : IEntityTypeConfiguration<PriorityScoreRecord>
{
    public void Configure(EntityTypeBuilder<PriorityScoreRecord> builder)
    {
        builder.ToTable("priority_scores");
        builder.HasKey(s => new { s.ItemId, s.CriterionId });
        builder.HasOne<PlanItemRecord>().WithMany().HasForeignKey(s => s.ItemId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<PriorityCriterionRecord>().WithMany().HasForeignKey(s => s.CriterionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => s.CriterionId);
        builder.ToTable(t => t.HasCheckConstraint("ck_priority_scores_score", "score BETWEEN 1 AND 5"));
    }
}

internal sealed class PriorityComparisonConfiguration : IEntityTypeConfiguration<PriorityComparisonRecord>
{
    private static readonly ValueComparer<List<double[]>> MatrixComparer = new(
        (a, b) => a!.Count == b!.Count && a.Zip(b).All(p => p.First.SequenceEqual(p.Second)),
        m => m.Aggregate(0, (hash, row) => HashCode.Combine(hash, row.Length)),
        m => m.Select(r => r.ToArray()).ToList());

    public void Configure(EntityTypeBuilder<PriorityComparisonRecord> builder)
    {
        builder.ToTable("priority_comparisons");
        builder.HasKey(c => c.CycleId);
        builder.Property(c => c.Matrix).HasColumnType("jsonb").HasConversion(
            m => JsonSerializer.Serialize(m, JsonSerializerOptions.Web),
            json => JsonSerializer.Deserialize<List<double[]>>(json, JsonSerializerOptions.Web)!,
            MatrixComparer);
        builder.Property(c => c.UpdatedBy).HasMaxLength(450);
        builder.HasOne<PlanCycleRecord>().WithMany().HasForeignKey(c => c.CycleId).OnDelete(DeleteBehavior.Cascade);
    }
}
