namespace ApprovalFlow.Server.Pages.Account;

/// <summary>Texts of the sign-in, sign-out and password pages (<c>AccountTexts.fa.resx</c>, <c>AccountTexts.en.resx</c>).</summary>
public sealed class AccountTexts;
