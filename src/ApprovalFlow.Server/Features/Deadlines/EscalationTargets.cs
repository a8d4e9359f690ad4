using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Planning;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Features.Deadlines;

/// <summary>
/// Finds whom an overdue task is escalated to: the group named by the task's <c>escalationGroup</c>
/// property when that group exists in the directory, else the chair of the body behind its first
/// candidate group that has one (a body secretariat's chair, a working group's chair).
/// </summary>
internal sealed class EscalationTargets(ApprovalFlowDbContext db)
{
    /// <summary>The escalation group id, or <see langword="null"/> when none can be found.</summary>
    public async Task<string?> FindAsync(string? escalationGroup, IReadOnlyList<string> candidateGroups, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(escalationGroup) && await db.Groups.AnyAsync(g => g.Id == escalationGroup, cancellationToken))
        {
            return escalationGroup;
        }

        var groups = await db.Groups.AsNoTracking().Where(g => candidateGroups.Contains(g.Id)).ToListAsync(cancellationToken);
        foreach (var id in candidateGroups)
        {
            var group = groups.Find(g => g.Id == id);
            switch (group?.Kind)
            {
                case PlanningGroupKinds.BodySecretariat when PlanningGroupAttributes.Read<BodyAttributes>(group.Attributes) is { } body:
                    var chairs = await db.Groups.AsNoTracking().Where(g => g.Kind == PlanningGroupKinds.BodyChair).ToListAsync(cancellationToken);
                    if (chairs.Find(c => PlanningGroupAttributes.Read<BodyAttributes>(c.Attributes)?.Body == body.Body) is { } chair)
                    {
                        return chair.Id;
                    }

                    break;
                case PlanningGroupKinds.WorkingGroupSecretary when PlanningGroupAttributes.Read<WorkingGroupRoleAttributes>(group.Attributes) is { } role:
                    var workingGroup = await db.Groups.AsNoTracking().SingleOrDefaultAsync(g => g.Id == role.WorkingGroup, cancellationToken);
                    if (PlanningGroupAttributes.Read<WorkingGroupAttributes>(workingGroup?.Attributes) is { } attributes)
                    {
                        return attributes.ChairGroup;
                    }

                    break;
            }
        }

        return null;
    }
}
