namespace ApprovalFlow.Server.Pages;

/// <summary>Texts of the layout, the error pages and the date formatter (<c>SharedTexts.fa.resx</c>, <c>SharedTexts.en.resx</c>).</summary>
public sealed class SharedTexts;
