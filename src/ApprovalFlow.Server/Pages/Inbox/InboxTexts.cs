namespace ApprovalFlow.Server.Pages.Inbox;

/// <summary>Texts of the inbox (<c>InboxTexts.fa.resx</c>, <c>InboxTexts.en.resx</c>).</summary>
public sealed class InboxTexts;
