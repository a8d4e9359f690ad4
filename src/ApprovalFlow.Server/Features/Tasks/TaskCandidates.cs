using ApprovalFlow.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Features.Tasks;

/// <summary>A person who may work a task: a candidate user, or a member of a candidate group.</summary>
/// <param name="UserId">The user id.</param>
/// <param name="DisplayName">The name people read.</param>
public sealed record TaskCandidate(string UserId, string DisplayName);

/// <summary>
/// The people who may claim a task (Camunda 7 <c>candidateUsers</c> and the members of
/// <c>candidateGroups</c>), read from the directory: one query, each person once, ordered by display
/// name then id. Users named in <c>candidateUsers</c> that do not exist are left out.
/// </summary>
internal static class TaskCandidates
{
    /// <summary>Every candidate of <paramref name="task"/>.</summary>
    public static async Task<IReadOnlyList<TaskCandidate>> ListAsync(ApprovalFlowDbContext db, UserTaskRecord task, CancellationToken cancellationToken)
    {
        var users = task.CandidateUsers;
        var groups = task.CandidateGroups;
        return await db.Users.AsNoTracking()
            .Where(u => users.Contains(u.Id) || db.Memberships.Any(m => m.UserId == u.Id && groups.Contains(m.GroupId)))
            .OrderBy(u => u.DisplayName).ThenBy(u => u.Id)
            .Select(u => new TaskCandidate(u.Id, u.DisplayName))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Whether <paramref name="userId"/> is a candidate of <paramref name="task"/>.</summary>
    public static async Task<bool> IsCandidateAsync(ApprovalFlowDbContext db, UserTaskRecord task, string userId, CancellationToken cancellationToken) =>
        task.CandidateUsers.Contains(userId)
            ? await db.Users.AnyAsync(u => u.Id == userId, cancellationToken)
            : await db.Memberships.AnyAsync(m => m.UserId == userId && task.CandidateGroups.Contains(m.GroupId), cancellationToken);
}
