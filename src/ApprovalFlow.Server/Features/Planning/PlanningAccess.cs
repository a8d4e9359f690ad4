using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Features.Planning;

/// <summary>
/// Who may change the plan's content (issue 12): admins and process owners everything; the planning office
/// (<see cref="PlanningOfficeGroup"/>) the cycles and the stakeholder register; a theme's coordinators
/// (<c>theme-coordinators</c> group of the theme) the register's entries of their theme; a working group's members
/// the invitations to their sessions; a body's secretariat (<c>&lt;body&gt;-secretariat</c>) the body's decisions.
/// Every signed-in user reads. Scoped (the caller's groups are read once per request).
/// </summary>
/// <param name="user">The caller.</param>
/// <param name="db">The database (theme coordinator groups).</param>
public sealed class PlanningAccess(ICurrentUser user, ApprovalFlowDbContext db)
{
    /// <summary>The planning office's directory group: <c>planning-office</c>.</summary>
    public const string PlanningOfficeGroup = "planning-office";

    /// <summary>The caller's user id.</summary>
    public string UserId => user.Id;

    /// <summary>Whether the caller may create cycles and edit the whole register: admin, process owner or planning office member.</summary>
    /// <param name="cancellationToken">Cancels the database read.</param>
    public async Task<bool> IsPlanningOfficeAsync(CancellationToken cancellationToken) =>
        user.SeesEverything || (await user.GetGroupIdsAsync(cancellationToken)).Contains(PlanningOfficeGroup);

    /// <summary>The theme ids whose <c>theme-coordinators</c> groups the caller belongs to.</summary>
    /// <param name="cancellationToken">Cancels the database read.</param>
    public async Task<IReadOnlySet<string>> CoordinatedThemesAsync(CancellationToken cancellationToken)
    {
        var groups = await user.GetGroupIdsAsync(cancellationToken);
        var rows = await db.Groups.AsNoTracking().Where(g => g.Kind == PlanningGroupKinds.ThemeCoordinators && groups.Contains(g.Id)).Select(g => g.Attributes).ToListAsync(cancellationToken);
        return rows.Select(PlanningGroupAttributes.Read<ThemeCoordinatorsAttributes>).OfType<ThemeCoordinatorsAttributes>().Select(a => a.Theme).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// Whether the caller may register or change a stakeholder speaking to <paramref name="themes"/>: the planning office,
    /// or a coordinator of one of the themes (of every theme when <paramref name="all"/>, e.g. for a new set of themes).
    /// </summary>
    /// <param name="themes">The stakeholder's theme ids.</param>
    /// <param name="all">Require every theme to be coordinated by the caller instead of one.</param>
    /// <param name="cancellationToken">Cancels the database read.</param>
    public async Task<bool> MayEditStakeholderAsync(IReadOnlyCollection<string> themes, bool all, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(themes);
        if (await IsPlanningOfficeAsync(cancellationToken))
        {
            return true;
        }

        var mine = await CoordinatedThemesAsync(cancellationToken);
        return themes.Count > 0 && (all ? themes.All(mine.Contains) : themes.Any(mine.Contains));
    }

    /// <summary>Whether the caller belongs to directory group <paramref name="groupId"/> (admins and process owners always).</summary>
    /// <param name="groupId">A group id, e.g. a working group's.</param>
    /// <param name="cancellationToken">Cancels the database read.</param>
    public async Task<bool> IsMemberAsync(string groupId, CancellationToken cancellationToken) =>
        user.SeesEverything || (await user.GetGroupIdsAsync(cancellationToken)).Contains(groupId);

    /// <summary>The directory group of a body's secretariat, e.g. <c>commission-secretariat</c>.</summary>
    /// <param name="body">A body of <see cref="PlanningVocabulary.Bodies"/>.</param>
    public static string SecretariatGroup(string body) => $"{body}-secretariat";

    /// <summary>Whether the caller records <paramref name="body"/>'s decisions: a member of its secretariat, or an admin.</summary>
    /// <param name="body">A body of <see cref="PlanningVocabulary.Bodies"/>.</param>
    /// <param name="cancellationToken">Cancels the database read.</param>
    public async Task<bool> IsSecretariatAsync(string body, CancellationToken cancellationToken) =>
        user.IsInRole(Roles.Admin) || (await user.GetGroupIdsAsync(cancellationToken)).Contains(SecretariatGroup(body));
}
