using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;

namespace ApprovalFlow.Server.Features.Tasks;

/// <summary>Who may see, claim and complete a task.</summary>
internal sealed class TaskAccess(ICurrentUser user, IReadOnlyList<string> groups)
{
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
