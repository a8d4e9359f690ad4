using System.Text.Json;
using System.Text.Json.Serialization;

namespace ApprovalFlow.Server.Features.Planning;

/// <summary>Attributes of a <c>unit</c> group.</summary>
/// <param name="Level">The level its working groups sit at: <c>headquarters</c>, <c>organization</c> or <c>region</c>.</param>
/// <param name="ParentUnit">Id of the unit it belongs to (e.g. the planning office's deputy), or <see langword="null"/>.</param>
/// <param name="Sample">Whether the group is invented demo data rather than a real unit.</param>
public sealed record UnitAttributes(string Level, string? ParentUnit = null, bool Sample = false);

/// <summary>Attributes of a <c>working-group</c> group.</summary>
/// <param name="Theme">Theme id (<see cref="PlanningVocabulary.Themes"/>).</param>
/// <param name="Level">Level (<see cref="PlanningVocabulary.Levels"/>).</param>
/// <param name="Unit">Id of the <c>unit</c> group that hosts it; its name is the working group's <c>unitName</c>.</param>
/// <param name="SecretaryGroup">Id of the group of its secretaries (candidates of its recording and drafting tasks).</param>
/// <param name="ChairGroup">Id of the group of its chair (candidates of its agreement task).</param>
/// <param name="Sample">Whether the group is invented demo data.</param>
public sealed record WorkingGroupAttributes(string Theme, string Level, string Unit, string SecretaryGroup, string ChairGroup, bool Sample = false);

/// <summary>Attributes of a <c>working-group-secretary</c> or <c>working-group-chair</c> group.</summary>
/// <param name="WorkingGroup">Id of the working group.</param>
/// <param name="Sample">Whether the group is invented demo data.</param>
public sealed record WorkingGroupRoleAttributes(string WorkingGroup, bool Sample = false);

/// <summary>Attributes of a <c>theme-coordinators</c> group.</summary>
/// <param name="Theme">Theme id (<see cref="PlanningVocabulary.Themes"/>).</param>
/// <param name="Sample">Whether the group is invented demo data.</param>
public sealed record ThemeCoordinatorsAttributes(string Theme, bool Sample = false);

/// <summary>Attributes of a <c>body-secretariat</c> or <c>body-chair</c> group.</summary>
/// <param name="Body">Body id (<see cref="PlanningVocabulary.Bodies"/>).</param>
/// <param name="Sample">Whether the group is invented demo data.</param>
public sealed record BodyAttributes(string Body, bool Sample = false);

/// <summary>
/// Reads and checks the attributes of planning-directory groups. Files are read strictly (unknown
/// members are errors); stored attributes leniently (unknown members are ignored).
/// </summary>
internal static class PlanningGroupAttributes
{
    /// <summary>Options for stored attributes: camelCase, required members enforced, unknown members ignored.</summary>
    public static readonly JsonSerializerOptions Lenient = new(JsonSerializerDefaults.Web)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    private static readonly JsonSerializerOptions Strict = new(Lenient) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };

    /// <summary>Reads stored attributes as <typeparamref name="T"/>; <see langword="null"/> when absent or not of that shape.</summary>
    /// <typeparam name="T">One of the attribute records.</typeparam>
    /// <param name="attributes">The stored attributes.</param>
    /// <returns>The attributes, or <see langword="null"/>.</returns>
    public static T? Read<T>(JsonElement? attributes)
        where T : class
    {
        if (attributes is not { ValueKind: JsonValueKind.Object } json)
        {
            return null;
        }

        try
        {
            return json.Deserialize<T>(Lenient);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Every problem of the planning attributes of <paramref name="groups"/> (a whole directory file):
    /// attributes that are not an object; for the planning kinds, missing required attributes, wrong
    /// shapes, unknown themes, levels and bodies, references to groups that do not exist (or a unit that
    /// is not a <c>unit</c>), and two coordinator groups for one theme.
    /// </summary>
    /// <param name="groups">Id, kind and attributes of every group of the file.</param>
    /// <returns>The problems, for people; empty when there are none.</returns>
    public static List<string> Problems(IReadOnlyList<(string Id, string Kind, JsonElement? Attributes)> groups)
    {
        var problems = new List<string>();
        var kinds = groups.GroupBy(g => g.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Kind, StringComparer.Ordinal);
        var coordinated = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (id, kind, attributes) in groups)
        {
            if (attributes is { ValueKind: not JsonValueKind.Object and not JsonValueKind.Null })
            {
                problems.Add($"Group '{id}': attributes must be a JSON object.");
                continue;
            }

            var json = attributes is { ValueKind: JsonValueKind.Object } ? attributes : null;
            switch (kind)
            {
                case PlanningGroupKinds.Unit when Parse<UnitAttributes>(id, json, required: false, problems) is { } unit:
                    CheckLevel(id, unit.Level, problems);
                    if (unit.ParentUnit is { } parent)
                    {
                        CheckReference(id, "parentUnit", parent, PlanningGroupKinds.Unit, kinds, problems);
                    }

                    break;
                case PlanningGroupKinds.WorkingGroup when Parse<WorkingGroupAttributes>(id, json, required: true, problems) is { } wg:
                    CheckTheme(id, wg.Theme, problems);
                    CheckLevel(id, wg.Level, problems);
                    CheckReference(id, "unit", wg.Unit, PlanningGroupKinds.Unit, kinds, problems);
                    CheckReference(id, "secretaryGroup", wg.SecretaryGroup, null, kinds, problems);
                    CheckReference(id, "chairGroup", wg.ChairGroup, null, kinds, problems);
                    break;
                case PlanningGroupKinds.WorkingGroupSecretary or PlanningGroupKinds.WorkingGroupChair
                    when Parse<WorkingGroupRoleAttributes>(id, json, required: false, problems) is { } role:
                    CheckReference(id, "workingGroup", role.WorkingGroup, PlanningGroupKinds.WorkingGroup, kinds, problems);
                    break;
                case PlanningGroupKinds.ThemeCoordinators when Parse<ThemeCoordinatorsAttributes>(id, json, required: true, problems) is { } coordinators:
                    CheckTheme(id, coordinators.Theme, problems);
                    if (!coordinated.Add(coordinators.Theme))
                    {
                        problems.Add($"Group '{id}': theme '{coordinators.Theme}' already has a theme-coordinators group.");
                    }

                    break;
                case PlanningGroupKinds.BodySecretariat or PlanningGroupKinds.BodyChair
                    when Parse<BodyAttributes>(id, json, required: false, problems) is { } body:
                    if (!PlanningVocabulary.Bodies.Contains(body.Body, StringComparer.Ordinal))
                    {
                        problems.Add($"Group '{id}': unknown body '{body.Body}' (known: {string.Join(", ", PlanningVocabulary.Bodies)}).");
                    }

                    break;
            }
        }

        return problems;
    }

    private static T? Parse<T>(string id, JsonElement? json, bool required, List<string> problems)
        where T : class
    {
        if (json is not { } value)
        {
            if (required)
            {
                problems.Add($"Group '{id}' needs attributes ({typeof(T).Name}).");
            }

            return null;
        }

        try
        {
            return value.Deserialize<T>(Strict);
        }
        catch (JsonException e)
        {
            problems.Add($"Group '{id}': attributes are not {typeof(T).Name}: {e.Message}");
            return null;
        }
    }

    private static void CheckTheme(string id, string theme, List<string> problems)
    {
        if (PlanningVocabulary.ThemeOrder(theme) < 0)
        {
            problems.Add($"Group '{id}': unknown theme '{theme}' (known: {string.Join(", ", PlanningVocabulary.Themes.Select(t => t.Id))}).");
        }
    }

    private static void CheckLevel(string id, string level, List<string> problems)
    {
        if (PlanningVocabulary.LevelOrder(level) < 0)
        {
            problems.Add($"Group '{id}': unknown level '{level}' (known: {string.Join(", ", PlanningVocabulary.Levels)}).");
        }
    }

    private static void CheckReference(string id, string member, string target, string? kind, Dictionary<string, string> kinds, List<string> problems)
    {
        if (!kinds.TryGetValue(target, out var actual))
        {
            problems.Add($"Group '{id}': {member} '{target}' is not a group of the file.");
        }
        else if (kind is not null && actual != kind)
        {
            problems.Add($"Group '{id}': {member} '{target}' is a '{actual}' group, not a '{kind}'.");
        }
    }
}
