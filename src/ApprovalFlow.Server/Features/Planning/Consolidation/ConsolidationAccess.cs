using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Instances;
using ApprovalFlow.Server.Features.Notifications;
using ApprovalFlow.Server.Features.Planning.Data;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Features.Planning.Consolidation;

/// <summary>
/// Who may see and change a cycle's consolidation (scoped): members of the planning office
/// (<c>planning-office</c>) edit; everyone in the cycle reads (admins and process owners, the planning
/// office, and whoever sees the cycle's root instance: its starter and the assignees and candidates of
/// any of its tasks, working groups' included).
/// </summary>
/// <param name="db">The database.</param>
/// <param name="user">The signed-in user.</param>
public sealed class ConsolidationAccess(ApprovalFlowDbContext db, ICurrentUser user)
{
    /// <summary>Whether the user is a member of the planning office and so may merge, split, dismiss, weigh and score.</summary>
    /// <param name="cancellationToken">Cancels the database work.</param>
    /// <returns><see langword="true"/> for planning-office members.</returns>
    public async Task<bool> CanEditAsync(CancellationToken cancellationToken) =>
        (await user.GetGroupIdsAsync(cancellationToken)).Contains(PlanningMail.PlanningOfficeGroup, StringComparer.Ordinal);

    /// <summary>Whether the user takes part in <paramref name="cycle"/> and so may read its consolidation.</summary>
    /// <param name="cycle">The cycle.</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    /// <returns><see langword="true"/> when the user may read.</returns>
    public async Task<bool> CanReadAsync(PlanCycleRecord cycle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        if (user.SeesEverything || await CanEditAsync(cancellationToken))
        {
            return true;
        }

        if (cycle.RootInstanceId is not { } root)
        {
            return false;
        }

        var visible = await InstanceAccess.VisibleAsync(db, user, cancellationToken);
        return await visible.AnyAsync(i => i.RootInstanceId == root, cancellationToken);
    }
}
