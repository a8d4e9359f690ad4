using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth.Protection;
using ApprovalFlow.Server.Web;
using ApprovalFlow.Server.Web.Oidc;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace ApprovalFlow.Server.Pages.Account;

/// <summary>
/// Sign-in with e-mail and password into Identity's cookie: the same users, password hashes, rate limits and back-off
/// (<see cref="PasswordSignIn"/>; no lockout) as <c>POST /api/auth/login</c>; a wrong password and an unknown e-mail get
/// the same message, too many attempts a message saying how many minutes to wait (status 429). "Remember me" makes the cookie
/// outlive the browser session (14 days, sliding); without it the cookie ends with the browser session.
/// The user's stored language is restored. With single sign-on configured (<see cref="OidcSignIn"/>) the page
/// also offers "sign in with" the provider.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(SignInRateLimitPolicy.Name)]
public sealed class LoginModel(
    SignInManager<ApplicationUser> signIn,
    PasswordSignIn passwords,
    DisplayFormat format,
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

    /// <summary>Seconds to wait, set when the rate limiter refused the last post (<see cref="SignInRateLimitPolicy.RetryAfterQuery"/>).</summary>
    [BindProperty(Name = SignInRateLimitPolicy.RetryAfterQuery, SupportsGet = true)]
    public int? RetryAfter { get; set; }

    /// <summary>Set after signing out everywhere, to say so.</summary>
    [BindProperty(SupportsGet = true)]
    public bool SignedOut { get; set; }

    /// <summary>Why the sign-in failed, or <see langword="null"/>.</summary>
    public string? Error { get; private set; }

    /// <summary>A notice that is not an error (signed out everywhere), or <see langword="null"/>.</summary>
    public string? Notice { get; private set; }

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
        if (RetryAfter is { } seconds and > 0)
        {
            return Throttled(TimeSpan.FromSeconds(seconds));
        }

        Notice = SignedOut ? texts["SignedOutEverywhere"].Value : null;
        return Page();
    }

    /// <summary>Checks the password (<see cref="PasswordSignIn"/>) and signs in.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await FindSingleSignOnAsync();
        if (string.IsNullOrWhiteSpace(Email) || string.IsNullOrEmpty(Password))
        {
            Error = texts["LoginMissing"];
            return Page();
        }

        switch (await passwords.CheckAsync(Email, Password, HttpContext, cancellationToken))
        {
            case PasswordCheck.Succeeded succeeded:
                signIn.AuthenticationScheme = IdentityConstants.ApplicationScheme;
                await signIn.SignInAsync(succeeded.User, RememberMe, authenticationMethod: "pwd");
                await language.RestoreAsync(HttpContext, succeeded.User);
                return LocalRedirect(SafeReturnUrl);
            case PasswordCheck.Refused refused:
                return Throttled(refused.Wait);
            default:
                Error = texts["LoginWrong"];
                return Page();
        }
    }

    /// <summary>The form with the wait in whole minutes (rounded up), answered 429.</summary>
    private PageResult Throttled(TimeSpan wait)
    {
        Error = texts["LoginThrottled", format.Number((long)Math.Max(1, Math.Ceiling(wait.TotalMinutes)))];
        var page = Page();
        page.StatusCode = StatusCodes.Status429TooManyRequests;
        return page;
    }

    private async Task FindSingleSignOnAsync() =>
        SingleSignOnName = await schemes.GetSchemeAsync(OidcSignInOptions.Scheme) is null ? null : singleSignOn.Value.DisplayName;

    private string SafeReturnUrl => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/";
}
