using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Planning.Data;
using ApprovalFlow.Server.Features.Planning.Sessions;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Features.Planning;

/// <summary>
/// The one access rule for a plan cycle's content (issue 12), used alike by the planning API and the planning pages.
/// <list type="bullet">
/// <item><b>Read</b> (<see cref="CanReadAsync"/>): the cycle's participants, see there; everyone else gets 403.</item>
/// <item><b>Working groups</b> (<see cref="CanEditWorkingGroupAsync"/>): a working group's members (its group, its
/// secretary and chair groups) and admins edit its sessions, items and agreement.</item>
/// <item><b>Consolidation</b> (<see cref="CanEditConsolidationAsync"/>): the planning office (<see cref="PlanningOfficeGroup"/>).</item>
/// <item><b>Register</b> (<see cref="CanEditRegisterAsync"/>): admins, process owners and the planning office the whole
/// register; a theme's coordinators its entries of their theme; a working group's members invite to its sessions.</item>
/// <item><b>Cycles</b> (<see cref="CanCreateCycleAsync"/>): admins, process owners and the planning office.</item>
/// <item><b>Decisions</b> (<see cref="CanRecordDecisionAsync"/>): a body's secretariat and admins.</item>
/// <item><b>Withdrawal</b> (<see cref="CanWithdrawCycleAsync"/>): the planning office and admins.</item>
/// </list>
/// Scoped: the caller's groups are read once per request, and each cycle's participant check is made once per request.
/// Not thread-safe.
/// </summary>
/// <param name="user">The caller.</param>
/// <param name="db">The database.</param>
/// <param name="workingGroups">Finds working groups (invitations).</param>
public sealed class PlanningAccess(ICurrentUser user, ApprovalFlowDbContext db, WorkingGroupDirectory workingGroups)
{
    /// <summary>The planning office's directory group: <c>planning-office</c>.</summary>
    public const string PlanningOfficeGroup = "planning-office";

    /// <summary>
    /// The kinds of directory group whose members take part in every cycle: the groups its working groups are drawn from
    /// (<see cref="PlanningDirectoryReader"/>), the theme coordinators who register its stakeholders, and the secretariats
    /// and chairs of the bodies that decide on its plan.
    /// </summary>
    private static readonly string[] ParticipantKinds =
    [
        PlanningGroupKinds.WorkingGroup, PlanningGroupKinds.WorkingGroupSecretary, PlanningGroupKinds.WorkingGroupChair, PlanningGroupKinds.ThemeCoordinators,
        PlanningGroupKinds.BodySecretariat, PlanningGroupKinds.BodyChair,
    ];

    private readonly Dictionary<Guid, bool> _readers = [];

    /// <summary>The caller's user id.</summary>
    public string UserId => user.Id;

    /// <summary>
    /// Whether the caller takes part in <paramref name="cycle"/> and so reads its stakeholders, sessions, items,
    /// consolidation, decisions, trace and export: admins and process owners; who created the cycle; the planning
    /// office; members of the directory's working groups, their secretary and chair groups (the groups the cycle's working
    /// groups are drawn from), the theme coordinators and the bodies' secretariats and chairs; and whoever is or was assignee, completer, candidate user
    /// or member of a candidate group of a task of the cycle's process-instance tree (the root instance and the
    /// working-group instances it called). Made once per cycle and request.
    /// </summary>
    /// <param name="cycle">The cycle.</param>
    /// <param name="cancellationToken">Cancels the database reads.</param>
    public async Task<bool> CanReadAsync(PlanCycleRecord cycle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        if (!_readers.TryGetValue(cycle.Id, out var reads))
        {
            reads = await ParticipatesAsync(cycle, cancellationToken);
            _readers[cycle.Id] = reads;
        }

        return reads;
    }

    /// <summary>The problem <c>detail</c> for a caller who takes no part in cycle <paramref name="businessKey"/>.</summary>
    /// <param name="businessKey">The cycle's business key.</param>
    public static string NotAParticipant(string businessKey) =>
        $"You take no part in plan cycle '{businessKey}': it is read by its participants (the planning office, its working groups, "
        + "and whoever is or was offered one of its tasks).";

    /// <summary>Whether the caller may create cycles: admin, process owner or planning office member.</summary>
    /// <param name="cancellationToken">Cancels the database read.</param>
    public Task<bool> CanCreateCycleAsync(CancellationToken cancellationToken) => IsPlanningOfficeAsync(cancellationToken);

    /// <summary>Whether the caller edits <paramref name="group"/>'s sessions, items and agreement: a member of its group, its secretary or its chair group, or an admin.</summary>
    /// <param name="group">The working group.</param>
    /// <param name="cancellationToken">Cancels reading the caller's groups.</param>
    public async Task<bool> CanEditWorkingGroupAsync(WorkingGroupInfo group, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(group);
        if (user.IsInRole(Roles.Admin))
        {
            return true;
        }

        var mine = await user.GetGroupIdsAsync(cancellationToken);
        return mine.Contains(group.Id, StringComparer.Ordinal) || mine.Contains(group.SecretaryGroup, StringComparer.Ordinal) || mine.Contains(group.ChairGroup, StringComparer.Ordinal);
    }

    /// <summary>The problem <c>detail</c> for a caller who may not change <paramref name="group"/>'s part of the plan.</summary>
    /// <param name="group">The working group.</param>
    public static string NotAMember(WorkingGroupInfo group)
    {
        ArgumentNullException.ThrowIfNull(group);
        return $"Only members of the working group '{group.Id}' (its group, '{group.SecretaryGroup}' or '{group.ChairGroup}') may change its sessions, items and agreement; the cycle's participants read them.";
    }

    /// <summary>Whether the caller merges, splits, dismisses, weighs and scores: a member of the planning office.</summary>
    /// <param name="cancellationToken">Cancels reading the caller's groups.</param>
    public async Task<bool> CanEditConsolidationAsync(CancellationToken cancellationToken) =>
        (await user.GetGroupIdsAsync(cancellationToken)).Contains(PlanningOfficeGroup, StringComparer.Ordinal);

    /// <summary>
    /// Whether the caller may register or change a stakeholder speaking to <paramref name="themes"/>: the planning office
    /// (with admins and process owners), or a coordinator of one of the themes (of every theme when <paramref name="all"/>,
    /// e.g. for a new set of themes).
    /// </summary>
    /// <param name="themes">The stakeholder's theme ids.</param>
    /// <param name="all">Require every theme to be coordinated by the caller instead of one.</param>
    /// <param name="cancellationToken">Cancels the database read.</param>
    public async Task<bool> CanEditRegisterAsync(IReadOnlyCollection<string> themes, bool all, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(themes);
        if (await IsPlanningOfficeAsync(cancellationToken))
        {
            return true;
        }

        var mine = await CoordinatedThemesAsync(cancellationToken);
        return themes.Count > 0 && (all ? themes.All(mine.Contains) : themes.Any(mine.Contains));
    }

    /// <summary>Whether the caller edits some part of the register: the planning office, or a coordinator of some theme.</summary>
    /// <param name="cancellationToken">Cancels the database read.</param>
    public async Task<bool> CanEditSomeOfRegisterAsync(CancellationToken cancellationToken) =>
        await IsPlanningOfficeAsync(cancellationToken) || (await CoordinatedThemesAsync(cancellationToken)).Count > 0;

    /// <summary>
    /// Whether the caller may invite a stakeholder speaking to <paramref name="themes"/> to the sessions of working group
    /// <paramref name="workingGroupId"/>: who edits the stakeholder (<see cref="CanEditRegisterAsync"/>), or a member of
    /// that working group (<see cref="CanEditWorkingGroupAsync"/>).
    /// </summary>
    /// <param name="themes">The stakeholder's theme ids.</param>
    /// <param name="workingGroupId">The inviting working group's id, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the database reads.</param>
    public async Task<bool> CanInviteAsync(IReadOnlyCollection<string> themes, string? workingGroupId, CancellationToken cancellationToken) =>
        await CanEditRegisterAsync(themes, all: false, cancellationToken)
        || (await workingGroups.FindAsync(workingGroupId, cancellationToken) is { } group && await CanEditWorkingGroupAsync(group, cancellationToken));

    /// <summary>The directory group of a body's secretariat, e.g. <c>commission-secretariat</c>.</summary>
    /// <param name="body">A body of <see cref="PlanningVocabulary.Bodies"/>.</param>
    public static string SecretariatGroup(string body) => $"{body}-secretariat";

    /// <summary>Whether the caller records <paramref name="body"/>'s decisions on the plan: a member of its secretariat, or an admin.</summary>
    /// <param name="body">A body of <see cref="PlanningVocabulary.Bodies"/>.</param>
    /// <param name="cancellationToken">Cancels the database read.</param>
    public async Task<bool> CanRecordDecisionAsync(string body, CancellationToken cancellationToken) =>
        user.IsInRole(Roles.Admin) || (await user.GetGroupIdsAsync(cancellationToken)).Contains(SecretariatGroup(body), StringComparer.Ordinal);

    /// <summary>Whether the caller may withdraw a plan cycle (end it with a reason, closing every open task of it): a member of the planning office, or an admin.</summary>
    /// <param name="cancellationToken">Cancels reading the caller's groups.</param>
    public async Task<bool> CanWithdrawCycleAsync(CancellationToken cancellationToken) =>
        user.IsInRole(Roles.Admin) || (await user.GetGroupIdsAsync(cancellationToken)).Contains(PlanningOfficeGroup, StringComparer.Ordinal);

    /// <summary>The problem <c>detail</c> for a caller who may not withdraw cycle <paramref name="businessKey"/>.</summary>
    /// <param name="businessKey">The cycle's business key.</param>
    public static string MayNotWithdraw(string businessKey) =>
        $"Only the planning office ('{PlanningOfficeGroup}') and admins may withdraw plan cycle '{businessKey}'.";

    private async Task<bool> IsPlanningOfficeAsync(CancellationToken cancellationToken) =>
        user.SeesEverything || (await user.GetGroupIdsAsync(cancellationToken)).Contains(PlanningOfficeGroup, StringComparer.Ordinal);

    private async Task<IReadOnlySet<string>> CoordinatedThemesAsync(CancellationToken cancellationToken)
    {
        var groups = await user.GetGroupIdsAsync(cancellationToken);
        var rows = await db.Groups.AsNoTracking().Where(g => g.Kind == PlanningGroupKinds.ThemeCoordinators && groups.Contains(g.Id)).Select(g => g.Attributes).ToListAsync(cancellationToken);
        return rows.Select(PlanningGroupAttributes.Read<ThemeCoordinatorsAttributes>).OfType<ThemeCoordinatorsAttributes>().Select(a => a.Theme).ToHashSet(StringComparer.Ordinal);
    }

    private async Task<bool> ParticipatesAsync(PlanCycleRecord cycle, CancellationToken cancellationToken)
    {
        if (user.SeesEverything || cycle.CreatedBy == user.Id)
        {
            return true;
        }

        var groups = (await user.GetGroupIdsAsync(cancellationToken)).ToArray();
        if (groups.Contains(PlanningOfficeGroup, StringComparer.Ordinal)
            || await db.Groups.AnyAsync(g => groups.Contains(g.Id) && ParticipantKinds.Contains(g.Kind), cancellationToken))
        {
            return true;
        }

        var me = user.Id;
        return cycle.RootInstanceId is { } root && await db.Tasks.AnyAsync(
            t => t.RootInstanceId == root
                && (t.Assignee == me || (t.Status == UserTaskStatus.Completed && t.CompletedBy == me) || t.CandidateUsers.Contains(me) || t.CandidateGroups.Any(g => groups.Contains(g))),
            cancellationToken);
    }
}
