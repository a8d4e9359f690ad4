namespace ApprovalFlow.Server.Pages.Settings;

/// <summary>Texts of the mail settings page (<c>NotificationSettingsTexts.fa.resx</c>, <c>NotificationSettingsTexts.en.resx</c>).</summary>
public sealed class NotificationSettingsTexts;
