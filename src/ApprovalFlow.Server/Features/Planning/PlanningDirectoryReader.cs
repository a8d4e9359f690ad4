using ApprovalFlow.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Features.Planning;

/// <summary>A theme as the <c>directory.working-groups</c> task outputs it (variable <c>themes</c>).</summary>
/// <param name="Id">Theme id, e.g. <c>urban-identity</c>.</param>
/// <param name="Name">Persian name from the glossary, e.g. هویت شهری.</param>
/// <param name="CoordinatorGroup">Id of the theme's <c>theme-coordinators</c> group.</param>
public sealed record PlanThemeItem(string Id, string Name, string CoordinatorGroup);

/// <summary>A working group as the <c>directory.working-groups</c> task outputs it (variable <c>workingGroups</c>).</summary>
/// <param name="Id">Group id, e.g. <c>wg-hq-urban-identity</c>.</param>
/// <param name="Name">Persian name.</param>
/// <param name="Theme">Theme id.</param>
/// <param name="Level"><c>headquarters</c>, <c>organization</c> or <c>region</c>.</param>
/// <param name="Unit">Id of the hosting unit.</param>
/// <param name="UnitName">Persian name of the hosting unit (its group's name, else its id).</param>
/// <param name="SecretaryGroup">Id of the group of its secretaries.</param>
/// <param name="ChairGroup">Id of the group of its chair.</param>
public sealed record PlanWorkingGroupItem(
    string Id, string Name, string Theme, string Level, string Unit, string UnitName, string SecretaryGroup, string ChairGroup);

/// <summary>The themes and working groups of a plan cycle, in the order of the glossary.</summary>
/// <param name="Themes">The six themes in glossary order.</param>
/// <param name="WorkingGroups">Every working group, ordered by theme (glossary order), level (headquarters, organization, region), then id (ordinal).</param>
public sealed record PlanningDirectorySnapshot(IReadOnlyList<PlanThemeItem> Themes, IReadOnlyList<PlanWorkingGroupItem> WorkingGroups);

/// <summary>
/// Reads the planning directory (groups of kinds <c>unit</c>, <c>working-group</c> and
/// <c>theme-coordinators</c> with their attributes) from the database. Scoped (uses the request's
/// <see cref="ApprovalFlowDbContext"/>); read-only.
/// </summary>
public sealed class PlanningDirectoryReader(ApprovalFlowDbContext db)
{
    /// <summary>Reads the themes and working groups now in the directory.</summary>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The snapshot, ordered as <see cref="PlanningDirectorySnapshot"/> says.</returns>
    /// <exception cref="PlanningDirectoryIncompleteException">A theme has no coordinator group, no working group exists, or a working group's attributes are missing or name an unknown theme or level.</exception>
    public async Task<PlanningDirectorySnapshot> ReadAsync(CancellationToken cancellationToken)
    {
        string[] kinds = [PlanningGroupKinds.Unit, PlanningGroupKinds.WorkingGroup, PlanningGroupKinds.ThemeCoordinators];
        var groups = await db.Groups.AsNoTracking()
            .Where(g => kinds.Contains(g.Kind))
            .Select(g => new { g.Id, g.Name, g.Kind, g.Attributes })
            .ToListAsync(cancellationToken);
        var unitNames = groups.Where(g => g.Kind == PlanningGroupKinds.Unit).ToDictionary(g => g.Id, g => g.Name, StringComparer.Ordinal);

        var coordinators = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in groups.Where(g => g.Kind == PlanningGroupKinds.ThemeCoordinators).OrderBy(g => g.Id, StringComparer.Ordinal))
        {
            if (PlanningGroupAttributes.Read<ThemeCoordinatorsAttributes>(group.Attributes) is { } attributes)
            {
                coordinators.TryAdd(attributes.Theme, group.Id);
            }
        }

        var problems = new List<string>();
        var themes = new List<PlanThemeItem>();
        foreach (var theme in PlanningVocabulary.Themes)
        {
            if (coordinators.TryGetValue(theme.Id, out var coordinatorGroup))
            {
                themes.Add(new PlanThemeItem(theme.Id, theme.Name, coordinatorGroup));
            }
            else
            {
                problems.Add($"theme '{theme.Id}' has no group of kind '{PlanningGroupKinds.ThemeCoordinators}'");
            }
        }

        var workingGroups = new List<PlanWorkingGroupItem>();
        foreach (var group in groups.Where(g => g.Kind == PlanningGroupKinds.WorkingGroup))
        {
            var attributes = PlanningGroupAttributes.Read<WorkingGroupAttributes>(group.Attributes);
            if (attributes is null || PlanningVocabulary.ThemeOrder(attributes.Theme) < 0 || PlanningVocabulary.LevelOrder(attributes.Level) < 0)
            {
                problems.Add($"working group '{group.Id}' lacks valid attributes (theme, level, unit, secretaryGroup, chairGroup)");
                continue;
            }

            workingGroups.Add(new PlanWorkingGroupItem(
                group.Id, group.Name, attributes.Theme, attributes.Level, attributes.Unit,
                unitNames.GetValueOrDefault(attributes.Unit, attributes.Unit), attributes.SecretaryGroup, attributes.ChairGroup));
        }

        if (workingGroups.Count == 0 && problems.Count == 0)
        {
            problems.Add($"no group of kind '{PlanningGroupKinds.WorkingGroup}' exists");
        }

        if (problems.Count > 0)
        {
            throw new PlanningDirectoryIncompleteException(problems);
        }

        var ordered = workingGroups
            .OrderBy(w => PlanningVocabulary.ThemeOrder(w.Theme))
            .ThenBy(w => PlanningVocabulary.LevelOrder(w.Level))
            .ThenBy(w => w.Id, StringComparer.Ordinal)
            .ToList();
        return new PlanningDirectorySnapshot(themes, ordered);
    }
}

/// <summary>The planning directory in the database cannot give a plan cycle its themes and working groups.</summary>
public sealed class PlanningDirectoryIncompleteException : ApprovalFlowException
{
    /// <summary>Creates the exception listing every problem.</summary>
    /// <param name="problems">What is missing or wrong, for people.</param>
    public PlanningDirectoryIncompleteException(IReadOnlyList<string> problems)
        : base($"The planning directory is incomplete: {string.Join("; ", problems ?? [])}. Seed it (deploy/seed/README.md) or fix the groups.")
    {
        Problems = problems ?? [];
    }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<string> Problems { get; }
}
