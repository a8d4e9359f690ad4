using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Instances;
using ApprovalFlow.Server.Features.Planning.Data;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Features.Planning.Export;

/// <summary>
/// Who reads a cycle's plan, its exports and its trace ("everyone in the cycle reads", issue 12): admins and
/// process owners; who created the cycle; members of the planning office and of the planning groups of the
/// directory (working groups with their secretaries and chairs, theme coordinators, the bodies' secretariats
/// and chairs); and everyone who can see the cycle's root instance (who started it, or is or was offered one of
/// the tasks of its instance tree). Others get 404, as for an instance they cannot see.
/// </summary>
internal static class PlanReadAccess
{
    /// <summary>The group of the planning office, which runs the cycle.</summary>
    public const string PlanningOffice = "planning-office";

    private static readonly string[] PlanningKinds =
    [
        PlanningGroupKinds.WorkingGroup, PlanningGroupKinds.WorkingGroupSecretary, PlanningGroupKinds.WorkingGroupChair,
        PlanningGroupKinds.ThemeCoordinators, PlanningGroupKinds.BodySecretariat, PlanningGroupKinds.BodyChair,
    ];

    public static async Task<bool> CanReadAsync(ApprovalFlowDbContext db, ICurrentUser user, PlanCycleRecord cycle, CancellationToken cancellationToken)
    {
        if (user.SeesEverything || cycle.CreatedBy == user.Id)
        {
            return true;
        }

        var groups = (await user.GetGroupIdsAsync(cancellationToken)).ToArray();
        if (groups.Contains(PlanningOffice, StringComparer.Ordinal)
            || await db.Groups.AnyAsync(g => groups.Contains(g.Id) && PlanningKinds.Contains(g.Kind), cancellationToken))
        {
            return true;
        }

        return cycle.RootInstanceId is { } root
            && await (await InstanceAccess.VisibleAsync(db, user, cancellationToken)).AnyAsync(i => i.RootInstanceId == root, cancellationToken);
    }
}
