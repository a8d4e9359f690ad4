using ApprovalFlow.Bpmn.Model;
using ApprovalFlow.Bpmn.Parsing;
using ApprovalFlow.Server.Data;
using F23.StringSimilarity;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Features.Definitions;

/// <summary>
/// Deploy-time checks that need the service's data, so that no task is stranded unseen: in every
/// executable process, literal <c>camunda:candidateGroups</c> name groups of the directory, literal
/// <c>camunda:candidateUsers</c> and <c>camunda:assignee</c> name users (by user id), and
/// <c>camunda:formKey</c> names a deployed form (<see cref="Forms.FormDeployer"/>) or, for keys starting with
/// <c>page:</c>, a task page this server has (<see cref="Tasks.TaskPages"/>). Expressions are checked when a task is created
/// (<see cref="Runtime.TaskAudience"/>); non-executable processes are not checked. Scoped; not thread-safe.
/// </summary>
public sealed class DeploymentChecks(ApprovalFlowDbContext db, Tasks.TaskPages pages)
{
    /// <summary>Code of a literal candidate group that the directory does not have.</summary>
    public const string UnknownGroup = "unknown-group";

    /// <summary>Code of a literal candidate user or assignee that is no user id.</summary>
    public const string UnknownUser = "unknown-user";

    /// <summary>Code of a form key that names no deployed form.</summary>
    public const string UnknownForm = "unknown-form";

    /// <summary>Code of a <c>page:</c> form key that names no task page of this server.</summary>
    public const string UnknownPage = "unknown-page";

    private const int MaxSuggestions = 3;
    private static readonly Damerau Distance = new();

    /// <summary>Unknown groups and users named literally by user tasks, each with its element, line and the closest group ids.</summary>
    public async Task<IReadOnlyList<BpmnDiagnostic>> DirectoryErrorsAsync(BpmnDocument document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        var tasks = UserTasks(document).ToList();
        var groupNames = tasks.SelectMany(t => Groups(t).Select(g => g.Name)).Distinct(StringComparer.Ordinal).ToList();
        var userNames = tasks.SelectMany(t => Users(t).Select(u => u.Name)).Distinct(StringComparer.Ordinal).ToList();
        if (groupNames.Count == 0 && userNames.Count == 0)
        {
            return [];
        }

        var knownGroups = (await db.Groups.AsNoTracking().Where(g => groupNames.Contains(g.Id)).Select(g => g.Id).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var knownUsers = (await db.Users.AsNoTracking().Where(u => userNames.Contains(u.Id)).Select(u => u.Id).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var unknownUsers = userNames.Where(n => !knownUsers.Contains(n)).ToList();
        var byUserName = unknownUsers.Count == 0
            ? []
            : await db.Users.AsNoTracking().Where(u => unknownUsers.Contains(u.UserName!) || unknownUsers.Contains(u.Email!))
                .Select(u => new { u.Id, u.UserName, u.Email }).ToListAsync(cancellationToken);
        var allGroups = groupNames.All(knownGroups.Contains) ? [] : await db.Groups.AsNoTracking().Select(g => g.Id).ToListAsync(cancellationToken);

        var errors = new List<BpmnDiagnostic>();
        foreach (var task in tasks)
        {
            foreach (var (attribute, group) in Groups(task).Where(g => !knownGroups.Contains(g.Name)))
            {
                errors.Add(Error(task, UnknownGroup,
                    $"userTask '{task.Id}' has {attribute} '{group}', which is not a group of the directory, so nobody would see its tasks; {Closest(group, allGroups)}"));
            }

            foreach (var (attribute, user) in Users(task))
            {
                if (!knownUsers.Contains(user))
                {
                    var match = byUserName.Find(u => u.UserName == user || u.Email == user);
                    errors.Add(Error(task, UnknownUser, match is null
                        ? $"userTask '{task.Id}' has {attribute} '{user}', which is no user id of the directory, so nobody would see its tasks."
                        : $"userTask '{task.Id}' has {attribute} '{user}', the user name of the user whose id is '{match.Id}'; {attribute} takes user ids."));
                }
            }
        }

        return errors;
    }

    /// <summary>
    /// User tasks whose literal <c>camunda:formKey</c> names no deployed form, or whose <c>page:NAME</c> key names no
    /// registered task page (<see cref="UnknownPage"/>, listing the pages there are), each with its element and line.
    /// </summary>
    public async Task<IReadOnlyList<BpmnDiagnostic>> FormErrorsAsync(BpmnDocument document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        var pageErrors = UserTasks(document)
            .Where(t => Tasks.TaskPages.IsPageKey(t.FormKey) && !t.FormKey!.Contains("${", StringComparison.Ordinal) && pages.Find(t.FormKey) is null)
            .Select(t => Error(t, UnknownPage,
                $"userTask '{t.Id}' has camunda:formKey '{t.FormKey}', but this server has no task page '{t.FormKey![Forms.FormDeployer.PagePrefix.Length..]}'; "
                + $"the pages are: {string.Join(", ", pages.Names.Order(StringComparer.Ordinal).Select(n => Forms.FormDeployer.PagePrefix + n))}."))
            .ToList();
        var tasks = UserTasks(document)
            .Where(t => t.FormKey is { } key && !key.Contains("${", StringComparison.Ordinal) && !key.StartsWith(Forms.FormDeployer.PagePrefix, StringComparison.Ordinal))
            .ToList();
        if (tasks.Count == 0)
        {
            return pageErrors;
        }

        var keys = tasks.Select(t => t.FormKey!).Distinct(StringComparer.Ordinal).ToList();
        var deployed = (await db.Forms.AsNoTracking().Where(f => keys.Contains(f.Key)).Select(f => f.Key).Distinct().ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        return [.. tasks.Where(t => !deployed.Contains(t.FormKey!)).Select(t => Error(t, UnknownForm,
            $"userTask '{t.Id}' has camunda:formKey '{t.FormKey}', but no form with that key is deployed; deploy the form first (on the forms page or POST /api/forms) or fix the key.")),
            .. pageErrors];
    }

    /// <summary>The literal candidate groups of a task, with where each is written (<c>camunda:candidateGroups</c> or <c>potentialOwner</c>).</summary>
    private static IEnumerable<(string Attribute, string Name)> Groups(UserTask task) =>
        Literals(task.CandidateGroups).Select(g => ("camunda:candidateGroups", g))
            .Concat(task.PotentialOwnerGroups.SelectMany(Literals).Select(g => ("potentialOwner", g)));

    /// <summary>The literal candidate users and assignee of a task, with where each is written.</summary>
    private static IEnumerable<(string Attribute, string Name)> Users(UserTask task) =>
        Literals(task.CandidateUsers).Select(u => ("camunda:candidateUsers", u))
            .Concat(task.PotentialOwnerUsers.SelectMany(Literals).Select(u => ("potentialOwner", u)))
            .Concat(Literals(task.Assignee).Select(u => ("camunda:assignee", u)));

    private static IEnumerable<UserTask> UserTasks(BpmnDocument document) =>
        document.Processes.Where(p => p.IsExecutable).SelectMany(p => p.Nodes.Values.OfType<UserTask>()).OrderBy(t => t.Position.Line);

    /// <summary>The names of a literal assignment (comma-separated, as the engine reads it); none for an expression.</summary>
    internal static string[] Literals(Expression? expression) =>
        expression is { IsLiteral: true, Text: var text } ? text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : [];

    private static string Closest(string name, IReadOnlyList<string> groups)
    {
        var closest = groups
            .Select(g => (Id: g, Distance: Distance.Distance(name, g)))
            .Where(g => g.Distance <= Math.Max(2, name.Length / 3))
            .OrderBy(g => g.Distance).ThenBy(g => g.Id, StringComparer.Ordinal)
            .Take(MaxSuggestions)
            .Select(g => $"'{g.Id}'")
            .ToList();
        return closest.Count == 0
            ? "no group id of the directory is close to it (GET /api/groups lists them)."
            : $"did you mean {string.Join(", ", closest)}?";
    }

    private static BpmnDiagnostic Error(UserTask task, string code, string message) =>
        new(task.Id, task.Position.Line, task.Position.Column, code, message);
}
