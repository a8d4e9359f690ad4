using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Planning.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApprovalFlow.Server.Features.Planning.Items;

/// <summary>
/// A working group's decision on its findings as a whole (the <c>AgreeFindings</c> task): agree and send them
/// on, or send them back to drafting, with the members' comment. The agreement on each item is on the item
/// (<see cref="PlanItemRecord.Agreement"/>); this record gives the process its <c>decision</c> and <c>comment</c>.
/// </summary>
public sealed class WorkingGroupAgreementRecord
{
    /// <summary>Decision id (UUID v7).</summary>
    public Guid Id { get; set; }

    /// <summary>The cycle (<see cref="PlanCycleRecord.Id"/>).</summary>
    public Guid CycleId { get; set; }

    /// <summary>The working group's directory group id.</summary>
    public required string WorkingGroupId { get; set; }

    /// <summary>The <c>AgreeFindings</c> task it was recorded for, or <see langword="null"/> when recorded through the API without one.</summary>
    public Guid? TaskId { get; set; }

    /// <summary>Agree (<c>approve</c> for the process) or send back (<c>revise</c>).</summary>
    public StageDecision Decision { get; set; }

    /// <summary>The members' comment: what to revise, or how they agreed.</summary>
    public required string Comment { get; set; }

    /// <summary>Who recorded it (user id).</summary>
    public required string DecidedBy { get; set; }

    /// <summary>When it was recorded (UTC).</summary>
    public DateTimeOffset DecidedAt { get; set; }
}

internal sealed class WorkingGroupAgreementConfiguration : IEntityTypeConfiguration<WorkingGroupAgreementRecord>
{
    public void Configure(EntityTypeBuilder<WorkingGroupAgreementRecord> builder)
    {
        builder.ToTable("working_group_agreements");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.WorkingGroupId).HasMaxLength(200);
        builder.Property(a => a.Decision).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Comment).HasMaxLength(4000);
        builder.Property(a => a.DecidedBy).HasMaxLength(450);
        builder.HasOne<PlanCycleRecord>().WithMany().HasForeignKey(a => a.CycleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<UserTaskRecord>().WithMany().HasForeignKey(a => a.TaskId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(a => new { a.CycleId, a.WorkingGroupId, a.DecidedAt });
        builder.HasIndex(a => a.TaskId);
    }
}
