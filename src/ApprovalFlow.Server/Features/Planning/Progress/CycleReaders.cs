using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Instances;
using ApprovalFlow.Server.Features.Planning.Cycles;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Features.Planning.Progress;

/// <summary>
/// Whether the signed-in user reads plan cycles at all, for the layout's «برنامه‌ها» link: admins and process owners,
/// members of the planning office and of the directory's planning groups (working groups with their secretaries and
/// chairs, theme coordinators, the bodies' secretariats and chairs), creators of a cycle, and whoever sees a cycle's root
/// instance (<see cref="InstanceAccess.VisibleAsync"/>). The same people the read rule of a cycle
/// (<see cref="PlanProgress.MayReadAsync"/>) lets in. Scoped; the answer is read once per request.
/// </summary>
/// <param name="db">The database.</param>
/// <param name="user">The signed-in user.</param>
public sealed class CycleReaders(ApprovalFlowDbContext db, ICurrentUser user)
{
    private static readonly string[] PlanningKinds =
    [
        PlanningGroupKinds.WorkingGroup, PlanningGroupKinds.WorkingGroupSecretary, PlanningGroupKinds.WorkingGroupChair,
        PlanningGroupKinds.ThemeCoordinators, PlanningGroupKinds.BodySecretariat, PlanningGroupKinds.BodyChair,
    ];

    private bool? _answer;

    /// <summary>Whether the user reads at least one plan cycle, or is one of the groups that read every cycle.</summary>
    /// <param name="cancellationToken">Cancels the database reads.</param>
    public async Task<bool> ReadsCyclesAsync(CancellationToken cancellationToken)
    {
        _answer ??= await AnswerAsync(cancellationToken);
        return _answer.Value;
    }

    private async Task<bool> AnswerAsync(CancellationToken cancellationToken)
    {
        if (user.SeesEverything)
        {
            return true;
        }

        var groups = (await user.GetGroupIdsAsync(cancellationToken)).ToArray();
        if (groups.Contains(PlanningAccess.PlanningOfficeGroup, StringComparer.Ordinal)
            || await db.Groups.AnyAsync(g => groups.Contains(g.Id) && PlanningKinds.Contains(g.Kind), cancellationToken)
            || await db.PlanCycles.AnyAsync(c => c.CreatedBy == user.Id, cancellationToken))
        {
            return true;
        }

        // From the few cycle roots to the user's part in each tree (ix_process_instances_root_instance_id,
        // ix_user_tasks_root_instance_id), not from every task the user ever had to their roots.
        var me = user.Id;
        var involved = await InstanceAccess.InvolvingAsync(db, user, cancellationToken);
        return await db.Instances.Where(r => r.DefinitionKey == CycleRules.DefinitionKey && r.ParentInstanceId == null)
            .AnyAsync(r => db.Instances.Any(i => i.RootInstanceId == r.Id && i.StartedBy == me) || involved.Any(t => t.RootInstanceId == r.Id), cancellationToken);
    }
}
