namespace ApprovalFlow.Server.Pages.Planning.Progress;

/// <summary>Texts of the plan cycles list and the cycle's progress dashboard (<c>ProgressTexts.fa.resx</c>, <c>ProgressTexts.en.resx</c>).</summary>
public sealed class ProgressTexts;
