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
    /// <summary>
    /// The instances the user may see. Written as a correlated <c>EXISTS</c> over the user's tasks of the instance's call
    /// tree, so the planner may look up one instance's tree by <c>ix_user_tasks_root_instance_id</c> instead of first
    /// collecting the roots of every task the user ever had (13 ms at a million task rows), and may still hash them for a list.
    /// </summary>
    /// <param name="db">The database.</param>
    /// <param name="user">The signed-in user.</param>
    /// <param name="cancellationToken">Cancels the read of the user's groups.</param>
    public static async Task<IQueryable<ProcessInstanceRecord>> VisibleAsync(ApprovalFlowDbContext db, ICurrentUser user, CancellationToken cancellationToken)
    {
        if (user.SeesEverything)
        {
            return db.Instances;
        }

        var me = user.Id;
        var involved = await InvolvingAsync(db, user, cancellationToken);
        return db.Instances.Where(i => i.StartedBy == me || involved.Any(t => t.RootInstanceId == i.RootInstanceId));
    }

    /// <summary>
    /// The tasks the user is or was involved in: assignee, completer, candidate user or member of a candidate group (not
    /// filtered by <see cref="ICurrentUser.SeesEverything"/>). An instance is visible when one of these is in its call tree.
    /// </summary>
    /// <param name="db">The database.</param>
    /// <param name="user">The signed-in user.</param>
    /// <param name="cancellationToken">Cancels the read of the user's groups.</param>
    public static async Task<IQueryable<UserTaskRecord>> InvolvingAsync(ApprovalFlowDbContext db, ICurrentUser user, CancellationToken cancellationToken)
    {
        var me = user.Id;
        var groups = (await user.GetGroupIdsAsync(cancellationToken)).ToArray();
        // "Completed by me" with its status (set together, StepWriter): each arm of the OR then has an index (ix_user_tasks_completed_by
        // is partial), so the planner ORs four index scans instead of reading every task row (a sequential scan at a million rows).
        return db.Tasks.Where(t => t.Assignee == me || (t.Status == UserTaskStatus.Completed && t.CompletedBy == me)
            || t.CandidateUsers.Contains(me) || t.CandidateGroups.Any(g => groups.Contains(g)));
    }
}
