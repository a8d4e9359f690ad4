using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;

namespace ApprovalFlow.Server.Features.Tasks;

/// <summary>Who may see, claim and complete a task. Reads the caller's groups only when a rule needs them.</summary>
internal sealed class TaskAccess(ICurrentUser user, IReadOnlyList<string> groups)
{
    /// <summary>
    /// Access rules for one task; the caller's groups are read only when the caller is neither its
    /// assignee nor its completer (who may see it anyway).
    /// </summary>
    public static async Task<TaskAccess> ForAsync(ICurrentUser user, UserTaskRecord? task, CancellationToken cancellationToken) =>
        new(user, task is not null && (task.Assignee == user.Id || task.CompletedBy == user.Id)
            ? []
            : await user.GetGroupIdsAsync(cancellationToken));

    /// <summary>Access rules when no single task is involved (lists).</summary>
    public static async Task<TaskAccess> ForAsync(ICurrentUser user, CancellationToken cancellationToken) =>
        new(user, await user.GetGroupIdsAsync(cancellationToken));

    public string UserId => user.Id;

    public bool SeesEverything => user.SeesEverything;

    public bool IsAdmin => user.IsInRole(Roles.Admin);

    /// <summary>A candidate: named in candidate users, or a member of a candidate group.</summary>
    public bool IsCandidate(UserTaskRecord task) =>
        task.CandidateUsers.Contains(user.Id) || task.CandidateGroups.Any(groups.Contains);

    public bool CanSee(UserTaskRecord task) =>
        SeesEverything || task.Assignee == user.Id || task.CompletedBy == user.Id || IsCandidate(task);
}
