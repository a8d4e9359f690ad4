namespace ApprovalFlow.Server.Pages.Migrations;

/// <summary>Texts of the migration pages (<c>MigrationTexts.fa.resx</c>, <c>MigrationTexts.en.resx</c>).</summary>
public sealed class MigrationTexts;
