namespace ApprovalFlow.Server.Pages.Tasks;

/// <summary>Texts of the task page's comments, attachments and history (<c>TaskActivityTexts.fa.resx</c>, <c>TaskActivityTexts.en.resx</c>).</summary>
public sealed class TaskActivityTexts;
