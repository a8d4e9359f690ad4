namespace ApprovalFlow.Server.Pages.Forms;

/// <summary>Texts of the forms pages and the form editor (<c>FormsTexts.fa.resx</c>, <c>FormsTexts.en.resx</c>).</summary>
public sealed class FormsTexts;
