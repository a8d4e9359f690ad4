using System.Globalization;
using System.Text.RegularExpressions;
using ApprovalFlow.Server.Api;
using ApprovalFlow.Server.Features.Planning.Data;

namespace ApprovalFlow.Server.Features.Planning.Cycles;

/// <summary>Checks a <see cref="CreateCycleRequest"/> and gives the cycle's business key and themes.</summary>
internal static partial class CycleRules
{
    /// <summary>The definition a cycle's root instance runs: <c>mid-term-plan</c>.</summary>
    public const string DefinitionKey = "mid-term-plan";

    /// <summary>The errors of <paramref name="request"/> by JSON field (empty when it is fine), and its business key and themes.</summary>
    public static (Dictionary<string, string[]> Errors, string BusinessKey, List<PlanCycleTheme> Themes) Check(CreateCycleRequest request)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(request.Title))
        {
            errors["title"] = ["Give the cycle a title, e.g. «برنامه میان‌مدت ۱۴۰۵–۱۴۰۸»."];
        }
        else if (request.Title.Length > 500)
        {
            errors["title"] = ["The title is longer than 500 characters."];
        }

        if (request.FirstYear is not (>= 1300 and <= 1500))
        {
            errors["firstYear"] = [$"firstYear must be a Solar Hijri year from 1300 to 1500, e.g. 1405, not {Show(request.FirstYear)}."];
        }

        if (request.LastYear is null)
        {
            errors["lastYear"] = ["lastYear is required: firstYear + 3 (a mid-term plan covers four years)."];
        }
        else if (request.FirstYear is { } first && request.LastYear != first + 3)
        {
            errors["lastYear"] = [$"A mid-term plan covers four years: lastYear must be {first + 3} (firstYear + 3), not {request.LastYear}."];
        }

        var themes = new List<PlanCycleTheme>();
        if (request.Themes is null)
        {
            themes = PlanCycles.DefaultThemes();
        }
        else if (request.Themes.Count == 0)
        {
            errors["themes"] = ["Give at least one theme, or leave themes out for the glossary's six."];
        }
        else
        {
            for (var i = 0; i < request.Themes.Count; i++)
            {
                var theme = request.Themes[i];
                var glossary = PlanningVocabulary.Themes.FirstOrDefault(t => t.Id == theme.Id);
                if (theme.Id is null || !ThemeId().IsMatch(theme.Id))
                {
                    errors[$"themes[{i}].id"] = [$"'{theme.Id}' is no theme id: use lower-case letters, digits and hyphens, e.g. urban-identity."];
                }
                else if (themes.Exists(t => t.Id == theme.Id))
                {
                    errors[$"themes[{i}].id"] = [$"Theme '{theme.Id}' is given twice."];
                }
                else if (string.IsNullOrWhiteSpace(theme.Name) && glossary is null)
                {
                    errors[$"themes[{i}].name"] = [$"'{theme.Id}' is not a theme of the glossary ({string.Join(", ", PlanningVocabulary.Themes.Select(t => t.Id))}): give its name."];
                }
                else
                {
                    themes.Add(new PlanCycleTheme(
                        theme.Id,
                        string.IsNullOrWhiteSpace(theme.Name) ? glossary!.Name : theme.Name.Trim(),
                        string.IsNullOrWhiteSpace(theme.EnglishName) ? CultureInfo.InvariantCulture.TextInfo.ToTitleCase(theme.Id.Replace('-', ' ')) : theme.EnglishName.Trim()));
                }
            }
        }

        var key = request.BusinessKey ?? $"mtp-{request.FirstYear}-{request.LastYear}";
        if (RequestRules.Key(request.BusinessKey, "businessKey") is { } invalid)
        {
            errors["businessKey"] = [invalid];
        }
        else if (string.IsNullOrWhiteSpace(key))
        {
            errors["businessKey"] = ["The business key must not be empty."];
        }

        return (errors, key, themes);
    }

    private static string Show(int? year) => year?.ToString(CultureInfo.InvariantCulture) ?? "nothing";

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex ThemeId();
}
