namespace ApprovalFlow.Server.Pages.Monitor;

/// <summary>Texts of the monitor page (<c>MonitorTexts.fa.resx</c>, <c>MonitorTexts.en.resx</c>).</summary>
public sealed class MonitorTexts;
