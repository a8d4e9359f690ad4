namespace ApprovalFlow.Server.Pages.Definitions;

/// <summary>Texts of the definitions pages, the upload and the version comparison (<c>DefinitionsTexts.fa.resx</c>, <c>DefinitionsTexts.en.resx</c>).</summary>
public sealed class DefinitionsTexts;
