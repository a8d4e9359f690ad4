namespace ApprovalFlow.Server.Pages.Planning.Stakeholders;

/// <summary>What the partial <c>_StakeholderFields</c> shows: the form's values, its errors and the themes to choose from.</summary>
/// <param name="Form">The values.</param>
/// <param name="Errors">Errors by field (<c>name</c>, <c>stakeholderGroup</c>, <c>themes</c>, <c>email</c>, ...), in the user's language.</param>
/// <param name="Themes">The cycle's themes (id, name in the user's language).</param>
/// <param name="FixedTheme">The one theme of a task's page (no choice shown), or <see langword="null"/>.</param>
public sealed record StakeholderFieldsView(StakeholderForm Form, IReadOnlyDictionary<string, string> Errors, IReadOnlyList<(string Id, string Name)> Themes, string? FixedTheme = null);
