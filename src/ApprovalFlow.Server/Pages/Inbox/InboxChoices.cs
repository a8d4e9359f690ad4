using ApprovalFlow.Bpmn.Model;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Runtime;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Pages.Inbox;

/// <summary>One choice of a filter list: the value in the URL and the text shown.</summary>
/// <param name="Value">The URL value, e.g. <c>working-group</c>.</param>
/// <param name="Text">What people read, e.g. جلسات کارگروه تخصصی.</param>
public sealed record InboxChoice(string Value, string Text);

/// <summary>The stages one process offers (its top-level activities), for an <c>optgroup</c>.</summary>
/// <param name="ProcessName">The process's name.</param>
/// <param name="Stages">Its top-level activities in document order.</param>
public sealed record InboxStageGroup(string ProcessName, IReadOnlyList<InboxChoice> Stages);

/// <summary>The processes and stages the inbox filters offer: the latest version of every deployed process.</summary>
/// <param name="Processes">Process keys with names, ordered by name.</param>
/// <param name="Stages">Each process's top-level activities (a task in a called process belongs to the caller's call activity).</param>
public sealed record InboxChoices(IReadOnlyList<InboxChoice> Processes, IReadOnlyList<InboxStageGroup> Stages)
{
    /// <summary>Reads the choices from the deployed definitions (compiled ones come from <paramref name="catalog"/>'s cache).</summary>
    public static async Task<InboxChoices> LoadAsync(ApprovalFlowDbContext db, DefinitionCatalog catalog, CancellationToken cancellationToken)
    {
        var latest = (await db.Definitions.AsNoTracking().Where(d => d.IsExecutable)
                .Select(d => new { d.Id, d.Key, d.Version, d.Name })
                .ToListAsync(cancellationToken))
            .GroupBy(d => d.Key, StringComparer.Ordinal)
            .Select(g => g.MaxBy(d => d.Version)!)
            .OrderBy(d => d.Name ?? d.Key, StringComparer.CurrentCulture)
            .ToList();
        var stages = new List<InboxStageGroup>();
        foreach (var definition in latest)
        {
            var process = (await catalog.GetAsync(definition.Id, cancellationToken)).Process.Definition;
            var activities = process.ChildNodeIds.Select(process.Node).OfType<Activity>().Select(a => new InboxChoice(a.Id, a.Name ?? a.Id)).ToList();
            if (activities.Count > 0)
            {
                stages.Add(new InboxStageGroup(definition.Name ?? definition.Key, activities));
            }
        }

        return new InboxChoices([.. latest.Select(d => new InboxChoice(d.Key, d.Name ?? d.Key))], stages);
    }
}
