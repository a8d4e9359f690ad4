using ApprovalFlow.Engine;
using ApprovalFlow.Engine.Intents;
using ApprovalFlow.Engine.State;
using ApprovalFlow.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Runtime;

/// <summary>
/// Finds the user tasks of a step that nobody could see: neither the assignee, nor a candidate user,
/// nor a candidate group exists in the directory. Assignments written as expressions
/// (<c>${workingGroup.secretaryGroup}</c>) can only be checked here, once evaluated; literal ones are
/// checked at deploy as well. The users are read through <paramref name="people"/>, which the step's mails then
/// reuse. One per unit of work; not thread-safe.
/// </summary>
/// <param name="db">The unit of work.</param>
/// <param name="people">The unit of work's users.</param>
internal sealed class TaskAudience(ApprovalFlowDbContext db, Features.Notifications.MailPeople people)
{
    /// <summary>The tasks created by <paramref name="step"/> that nobody could see, each with the reason for people.</summary>
    public async Task<IReadOnlyList<(OpenUserTask Task, string Reason)>> UnseenAsync(StepResult.Applied step, CancellationToken cancellationToken)
    {
        var tasks = step.Intents.OfType<CreateUserTaskIntent>().Select(c => c.Task).ToList();
        if (tasks.Count == 0)
        {
            return [];
        }

        var groups = tasks.SelectMany(t => t.CandidateGroups).Distinct(StringComparer.Ordinal).ToList();
        var users = tasks.SelectMany(t => t.CandidateUsers.Append(t.Assignee)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var knownGroups = groups.Count == 0 ? [] : (await db.Groups.AsNoTracking().Where(g => groups.Contains(g.Id)).Select(g => g.Id).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var knownUsers = users.Count == 0 ? [] : (await people.GetAsync(users, cancellationToken)).Keys.ToHashSet(StringComparer.Ordinal);

        var unseen = new List<(OpenUserTask, string)>();
        foreach (var task in tasks)
        {
            var named = task.CandidateUsers.Append(task.Assignee).OfType<string>().ToList();
            if (task.CandidateGroups.Any(knownGroups.Contains) || named.Any(knownUsers.Contains))
            {
                continue;
            }

            unseen.Add((task, Reason(task, named)));
        }

        return unseen;
    }

    private static string Reason(OpenUserTask task, List<string> users)
    {
        var what = new List<string>();
        if (task.CandidateGroups.Count > 0)
        {
            what.Add($"{(task.CandidateGroups.Count == 1 ? "group" : "groups")} {string.Join(", ", task.CandidateGroups)} {(task.CandidateGroups.Count == 1 ? "does" : "do")} not exist");
        }

        if (users.Count > 0)
        {
            what.Add($"{(users.Count == 1 ? "user" : "users")} {string.Join(", ", users)} {(users.Count == 1 ? "does" : "do")} not exist");
        }

        var cause = what.Count == 0 ? "it has no assignee, candidate users or candidate groups" : string.Join("; ", what);
        return $"Nobody can see user task '{task.NodeId}'{(task.Name is null ? string.Empty : $" ({task.Name})")}: {cause}. Add them to the directory (or fix the definition), then retry this incident.";
    }
}
