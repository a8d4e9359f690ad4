using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Planning.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApprovalFlow.Server.Features.Planning.Stakeholders;

/// <summary>
/// An invitation of a registered stakeholder to a working group's sessions (or to one session): who invited whom,
/// when, and the notification (template <c>invitation</c>) that carried it.
/// </summary>
public sealed class StakeholderInvitationRecord
{
    /// <summary>Invitation id (UUID v7).</summary>
    public Guid Id { get; set; }

    /// <summary>The stakeholder (<see cref="StakeholderRecord.Id"/>).</summary>
    public Guid StakeholderId { get; set; }

    /// <summary>The working group invited to (directory group id), e.g. <c>wg-hq-urban-identity</c>.</summary>
    public required string WorkingGroupId { get; set; }

    /// <summary>The session invited to, or <see langword="null"/> for the working group's sessions in general.</summary>
    public Guid? SessionId { get; set; }

    /// <summary>The mail's notification row (the first, when a directory user with that address got it), or <see langword="null"/>.</summary>
    public Guid? NotificationId { get; set; }

    /// <summary>Who invited (user id).</summary>
    public required string InvitedBy { get; set; }

    /// <summary>When (UTC).</summary>
    public DateTimeOffset InvitedAt { get; set; }
}

internal sealed class StakeholderInvitationConfiguration : IEntityTypeConfiguration<StakeholderInvitationRecord>
{
    public void Configure(EntityTypeBuilder<StakeholderInvitationRecord> builder)
    {
        builder.ToTable("stakeholder_invitations");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.WorkingGroupId).HasMaxLength(200);
        builder.Property(i => i.InvitedBy).HasMaxLength(450);
        builder.HasOne<StakeholderRecord>().WithMany().HasForeignKey(i => i.StakeholderId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<WorkingGroupSessionRecord>().WithMany().HasForeignKey(i => i.SessionId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<NotificationRecord>().WithMany().HasForeignKey(i => i.NotificationId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(i => new { i.StakeholderId, i.InvitedAt });
        builder.HasIndex(i => i.SessionId);
        builder.HasIndex(i => i.NotificationId);
    }
}
