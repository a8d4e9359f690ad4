namespace ApprovalFlow.Server.Pages.Tasks;

/// <summary>Texts of the task page (<c>TaskTexts.fa.resx</c>, <c>TaskTexts.en.resx</c>).</summary>
public sealed class TaskTexts;
