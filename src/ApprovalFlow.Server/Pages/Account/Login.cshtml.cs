using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Web;
using ApprovalFlow.Server.Web.Oidc;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace ApprovalFlow.Server.Pages.Account;

/// <summary>
/// Sign-in with e-mail and password into Identity's cookie: the same users, password hashes and lockout
/// (5 wrong passwords lock for 5 minutes) as <c>POST /api/auth/login</c>. "Remember me" makes the cookie
/// outlive the browser session (14 days, sliding); without it the cookie ends with the browser session.
/// The user's stored language is restored. With single sign-on configured (<see cref="OidcSignIn"/>) the page
/// also offers "sign in with" the provider.
/// </summary>
[AllowAnonymous]
public sealed class LoginModel(
    SignInManager<ApplicationUser> signIn,
    UserLanguage language,
    IStringLocalizer<AccountTexts> texts,
    IAuthenticationSchemeProvider schemes,
    IOptions<OidcSignInOptions> singleSignOn) : PageModel
{
    /// <summary>The e-mail typed.</summary>
    [BindProperty]
    public string? Email { get; set; }

    /// <summary>The password typed (never shown again).</summary>
    [BindProperty]
    public string? Password { get; set; }

    /// <summary>Whether to keep the user signed in after the browser closes.</summary>
    [BindProperty]
    public bool RememberMe { get; set; }

    /// <summary>The local page to return to after signing in.</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Why the sign-in failed, or <see langword="null"/>.</summary>
    public string? Error { get; private set; }

    /// <summary>The single sign-on provider's name for the "sign in with" button, or <see langword="null"/> when none is configured.</summary>
    public string? SingleSignOnName { get; private set; }

    /// <summary>Shows the form; a signed-in user goes straight on.</summary>
    public async Task<IActionResult> OnGetAsync()
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            return LocalRedirect(SafeReturnUrl);
        }

        await FindSingleSignOnAsync();
        return Page();
    }

    /// <summary>Checks the password (counting failures towards the lockout) and signs in.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        await FindSingleSignOnAsync();
        if (string.IsNullOrWhiteSpace(Email) || string.IsNullOrEmpty(Password))
        {
            Error = texts["LoginMissing"];
            return Page();
        }

        signIn.AuthenticationScheme = IdentityConstants.ApplicationScheme;
        var user = await signIn.UserManager.FindByEmailAsync(Email.Trim());
        var result = user is null ? Microsoft.AspNetCore.Identity.SignInResult.Failed : await signIn.PasswordSignInAsync(user, Password, RememberMe, lockoutOnFailure: true);
        if (!result.Succeeded)
        {
            Error = result.IsLockedOut ? texts["LoginLockedOut"] : texts["LoginWrong"];
            return Page();
        }

        await language.RestoreAsync(HttpContext, user!);
        return LocalRedirect(SafeReturnUrl);
    }

    private async Task FindSingleSignOnAsync() =>
        SingleSignOnName = await schemes.GetSchemeAsync(OidcSignInOptions.Scheme) is null ? null : singleSignOn.Value.DisplayName;

    private string SafeReturnUrl => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/";
}
