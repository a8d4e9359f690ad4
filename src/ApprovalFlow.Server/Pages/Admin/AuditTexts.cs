namespace ApprovalFlow.Server.Pages.Admin;

/// <summary>Texts of the admin's audit log page (<c>AuditTexts.fa.resx</c>, <c>AuditTexts.en.resx</c>).</summary>
public sealed class AuditTexts;
