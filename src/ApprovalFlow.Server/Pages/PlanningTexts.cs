namespace ApprovalFlow.Server.Pages;

/// <summary>
/// Names of the plan's themes (<c>Theme_{id}</c>) and working-group levels (<c>Level_{id}</c>) for the pages
/// (<c>PlanningTexts.fa.resx</c>, <c>PlanningTexts.en.resx</c>); the Persian names are the glossary's.
/// </summary>
public sealed class PlanningTexts;
