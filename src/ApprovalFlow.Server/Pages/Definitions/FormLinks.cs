namespace ApprovalFlow.Server.Pages.Definitions;

/// <summary>The forms a version uses, as the definitions pages list them (<c>_FormLinks</c>): each form's name, its key beside it.</summary>
/// <param name="Keys">The form keys, in order of appearance.</param>
/// <param name="Names">The deployed forms' names by key (<see cref="DefinitionFacts.FormNamesAsync"/>); a key without one shows as itself.</param>
public sealed record FormLinks(IReadOnlyList<string> Keys, IReadOnlyDictionary<string, string> Names);
