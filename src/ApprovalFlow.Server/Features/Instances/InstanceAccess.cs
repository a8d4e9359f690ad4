using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Features.Instances;

/// <summary>
/// Who may see an instance: admins and process owners all; others the instances they started and
/// those (of the same call tree) where they are or were assignee, candidate user or candidate group member.
/// </summary>
internal static class InstanceAccess
{
    public static async Task<IQueryable<ProcessInstanceRecord>> VisibleAsync(ApprovalFlowDbContext db, ICurrentUser user, CancellationToken cancellationToken)
    {
        if (user.SeesEverything)
        {
            return db.Instances;
        }

        var me = user.Id;
        var groups = (await user.GetGroupIdsAsync(cancellationToken)).ToArray();
        // "Completed by me" with its status (set together, StepWriter): each arm of the OR then has an index (ix_user_tasks_completed_by
        // is partial), so the planner ORs four index scans instead of reading every task row (a sequential scan at a million rows).
        var involvedRoots = db.Tasks
            .Where(t => t.Assignee == me || (t.Status == UserTaskStatus.Completed && t.CompletedBy == me) || t.CandidateUsers.Contains(me) || t.CandidateGroups.Any(g => groups.Contains(g)))
            .Select(t => t.RootInstanceId);
        return db.Instances.Where(i => i.StartedBy == me || involvedRoots.Contains(i.RootInstanceId));
    }
}
