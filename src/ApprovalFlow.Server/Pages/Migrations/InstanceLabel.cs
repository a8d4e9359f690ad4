using System.Text.Json;
using ApprovalFlow.Server.Data;

namespace ApprovalFlow.Server.Pages.Migrations;

/// <summary>
/// How the migration pages name an instance (<c>_InstanceLabel</c>): the cycle's title (its variable <c>title</c>)
/// and business key first, the instance id only as secondary text.
/// </summary>
/// <param name="Id">The instance id.</param>
/// <param name="BusinessKey">Its business key, or <see langword="null"/>.</param>
/// <param name="Title">Its string variable <c>title</c>, or <see langword="null"/>.</param>
public sealed record InstanceLabel(Guid Id, string? BusinessKey, string? Title)
{
    /// <summary>The label of a stored instance.</summary>
    public static InstanceLabel Of(ProcessInstanceRecord instance) =>
        new(instance.Id, instance.BusinessKey, TitleOf(instance.State.Variables));

    /// <summary>The string variable <c>title</c> of <paramref name="variables"/>, or <see langword="null"/>.</summary>
    public static string? TitleOf(IReadOnlyDictionary<string, JsonElement> variables) =>
        variables.TryGetValue("title", out var title) && title.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(title.GetString()) ? title.GetString() : null;
}
