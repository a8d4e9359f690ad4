namespace ApprovalFlow.Server.Pages.Designer;

/// <summary>Texts of the designer pages (<c>DesignerTexts.fa.resx</c>, <c>DesignerTexts.en.resx</c>).</summary>
public sealed class DesignerTexts;
