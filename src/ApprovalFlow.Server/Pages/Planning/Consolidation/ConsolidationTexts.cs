namespace ApprovalFlow.Server.Pages.Planning.Consolidation;

/// <summary>Texts of the consolidation workspace (<c>ConsolidationTexts.fa.resx</c>, <c>ConsolidationTexts.en.resx</c>).</summary>
public sealed class ConsolidationTexts;
