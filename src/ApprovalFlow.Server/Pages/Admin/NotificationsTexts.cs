namespace ApprovalFlow.Server.Pages.Admin;

/// <summary>Texts of the admin's notifications page (<c>NotificationsTexts.fa.resx</c>, <c>NotificationsTexts.en.resx</c>).</summary>
public sealed class NotificationsTexts;
