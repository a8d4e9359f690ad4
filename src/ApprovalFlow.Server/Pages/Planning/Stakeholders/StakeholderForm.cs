using ApprovalFlow.Server.Features.Planning.Stakeholders;
using Microsoft.Extensions.Localization;

namespace ApprovalFlow.Server.Pages.Planning.Stakeholders;

/// <summary>The fields of the add/edit form of a stakeholder, as posted (values kept when refused).</summary>
public sealed class StakeholderForm
{
    /// <summary>The stakeholder being edited, or <see langword="null"/> for a new one.</summary>
    public Guid? Id { get; set; }

    /// <summary>Name.</summary>
    public string? Name { get; set; }

    /// <summary><c>person</c> or <c>organization</c>.</summary>
    public string? Kind { get; set; }

    /// <summary>Stakeholder group code.</summary>
    public string? StakeholderGroup { get; set; }

    /// <summary>Theme ids.</summary>
    public List<string> Themes { get; set; } = [];

    /// <summary>Organisation.</summary>
    public string? Organization { get; set; }

    /// <summary>E-mail.</summary>
    public string? Email { get; set; }

    /// <summary>Telephone.</summary>
    public string? Phone { get; set; }

    /// <summary>Notes.</summary>
    public string? Notes { get; set; }

    /// <summary>The API request of these fields.</summary>
    public StakeholderRequest ToRequest() => new(Name, StakeholderGroup, Themes, Kind ?? "person", Organization, Email, Phone, Notes);

    /// <summary>The form of a stored stakeholder, for editing.</summary>
    /// <param name="stakeholder">The stakeholder.</param>
    public static StakeholderForm From(StakeholderResponse stakeholder)
    {
        ArgumentNullException.ThrowIfNull(stakeholder);
        return new()
        {
            Id = stakeholder.Id, Name = stakeholder.Name, Kind = stakeholder.Kind, StakeholderGroup = stakeholder.StakeholderGroup, Themes = [.. stakeholder.Themes],
            Organization = stakeholder.Organization, Email = stakeholder.Email, Phone = stakeholder.Phone, Notes = stakeholder.Notes,
        };
    }

    /// <summary>The problems by form field (<c>themes[1]</c> counts as <c>themes</c>), in the user's language.</summary>
    /// <param name="problems">The register's problems.</param>
    /// <param name="texts">The page texts (<c>Error_{code}</c>).</param>
    public static Dictionary<string, string> Errors(IEnumerable<StakeholderProblem> problems, IStringLocalizer<StakeholderTexts> texts)
    {
        ArgumentNullException.ThrowIfNull(problems);
        ArgumentNullException.ThrowIfNull(texts);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var problem in problems)
        {
            var field = problem.Field.Split('[')[0];
            errors.TryAdd(field, texts["Error_" + problem.Code]);
        }

        return errors;
    }
}
