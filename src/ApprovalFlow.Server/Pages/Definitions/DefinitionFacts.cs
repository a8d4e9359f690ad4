using ApprovalFlow.Bpmn.Model;
using ApprovalFlow.Bpmn.Parsing;
using ApprovalFlow.Engine.State;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Definitions;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Pages.Definitions;

/// <summary>What the definitions pages show beside the API's answers: who deployed, the forms a version's user tasks use, its groups.</summary>
internal static class DefinitionFacts
{
    /// <summary>
    /// The display names of the deployers <paramref name="deployedBy"/> (user ids, or e-mails for deployments
    /// made with one), keyed by what was stored; <see cref="DefinitionDeployer.SystemUser"/> and unknown
    /// users are missing from the answer.
    /// </summary>
    public static async Task<Dictionary<string, string>> DeployerNamesAsync(ApprovalFlowDbContext db, IEnumerable<string> deployedBy, CancellationToken cancellationToken)
    {
        var wanted = deployedBy.Where(d => d != DefinitionDeployer.SystemUser).Distinct(StringComparer.Ordinal).ToList();
        var users = await db.Users.AsNoTracking()
            .Where(u => wanted.Contains(u.Id) || wanted.Contains(u.Email!))
            .Select(u => new { u.Id, u.Email, u.DisplayName })
            .ToListAsync(cancellationToken);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var user in users)
        {
            names[user.Id] = user.DisplayName;
            if (user.Email is not null)
            {
                names.TryAdd(user.Email, user.DisplayName);
            }
        }

        return names;
    }

    /// <summary>Active instances per (key, version) of every definition: one query grouped by definition version.</summary>
    public static Task<Dictionary<(string Key, int Version), int>> RunningByVersionAsync(ApprovalFlowDbContext db, CancellationToken cancellationToken) =>
        db.Instances.AsNoTracking()
            .Where(i => i.Status == InstanceStatus.Active)
            .GroupBy(i => new { i.DefinitionKey, i.DefinitionVersion })
            .Select(g => new { g.Key.DefinitionKey, g.Key.DefinitionVersion, Count = g.Count() })
            .ToDictionaryAsync(g => (g.DefinitionKey, g.DefinitionVersion), g => g.Count, cancellationToken);

    /// <summary>The user tasks of process <paramref name="key"/> in a stored file; none when it no longer parses.</summary>
    public static IReadOnlyList<UserTask> UserTasks(string xml, string key)
    {
        var document = new BpmnParser().Parse(xml).Document;
        var process = document?.Processes.FirstOrDefault(p => p.Id == key);
        return process is null ? [] : [.. process.Nodes.Values.OfType<UserTask>().OrderBy(t => t.Position.Line)];
    }

    /// <summary>The distinct literal form keys of <paramref name="tasks"/>, in order of appearance.</summary>
    public static IReadOnlyList<string> FormKeys(IEnumerable<UserTask> tasks) =>
        [.. tasks.Select(t => t.FormKey).OfType<string>().Where(k => !k.Contains("${", StringComparison.Ordinal)).Distinct(StringComparer.Ordinal)];

    /// <summary>The names of the deployed forms (each key's latest version with a name), keyed by form key; forms without a name are missing.</summary>
    public static async Task<Dictionary<string, string>> FormNamesAsync(ApprovalFlowDbContext db, CancellationToken cancellationToken)
    {
        var forms = await db.Forms.AsNoTracking()
            .Where(f => f.Name != null && f.Version == db.Forms.Where(o => o.Key == f.Key).Max(o => o.Version))
            .Select(f => new { f.Key, f.Name })
            .ToListAsync(cancellationToken);
        return forms.ToDictionary(f => f.Key, f => f.Name!, StringComparer.Ordinal);
    }

    /// <summary>The distinct literal candidate groups of <paramref name="tasks"/>.</summary>
    public static IEnumerable<string> CandidateGroups(IEnumerable<UserTask> tasks) =>
        tasks.SelectMany(t => DeploymentChecks.Literals(t.CandidateGroups)).Distinct(StringComparer.Ordinal);

    /// <summary>The file name a version downloads as: <c>{key}-v{version}.bpmn</c>.</summary>
    public static string FileName(string key, int version) => $"{key}-v{version}.bpmn";
}
