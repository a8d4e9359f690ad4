using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Web;
using ApprovalFlow.Server.Web.Oidc;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace ApprovalFlow.Server.Pages.Account;

/// <summary>
/// Single sign-on (<see cref="OidcSignIn"/>): a form post starts the OpenID Connect flow; the provider's
/// answer comes back here, is mapped to the directory user named by <see cref="OidcSignInOptions.UserClaim"/>
/// and, unless that user is locked out, signs them into the same Identity cookie as the password sign-in.
/// A user the directory does not know gets a page that says so (no account is created). 404 when single
/// sign-on is not configured.
/// </summary>
[AllowAnonymous]
public sealed class ExternalModel(
    SignInManager<ApplicationUser> signIn,
    UserLanguage language,
    IAuthenticationSchemeProvider schemes,
    IOptions<OidcSignInOptions> settings,
    ILogger<ExternalModel> logger) : PageModel
{
    /// <summary>Why the sign-in was refused (the text key prefix), or <see langword="null"/>.</summary>
    public ExternalRefusal? Refusal { get; private set; }

    /// <summary>The identifier the provider gave, shown on the refusal page.</summary>
    public string? Identifier { get; private set; }

    /// <summary>The provider's name (<see cref="OidcSignInOptions.DisplayName"/>).</summary>
    public string ProviderName => settings.Value.DisplayName;

    /// <summary>Starts the authorization code flow at the provider; it returns to <see cref="OnGetAsync"/>.</summary>
    public async Task<IActionResult> OnPostAsync(string? returnUrl)
    {
        if (await schemes.GetSchemeAsync(OidcSignInOptions.Scheme) is null)
        {
            return NotFound();
        }

        var properties = new AuthenticationProperties { RedirectUri = Url.Page("/Account/External", new { returnUrl = SafeReturnUrl(returnUrl) }) };
        return Challenge(properties, OidcSignInOptions.Scheme);
    }

    /// <summary>The provider's answer: signs the directory user in, or shows why not.</summary>
    public async Task<IActionResult> OnGetAsync(string? returnUrl, bool failed = false)
    {
        if (await schemes.GetSchemeAsync(OidcSignInOptions.Scheme) is null)
        {
            return NotFound();
        }

        if (failed)
        {
            return Refuse(ExternalRefusal.ExternalFailed, StatusCodes.Status401Unauthorized);
        }

        var external = await HttpContext.AuthenticateAsync(IdentityConstants.ExternalScheme);
        if (!external.Succeeded)
        {
            return LocalRedirect("/account/login");
        }

        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        var options = settings.Value;
        Identifier = external.Principal.FindFirst(options.UserClaim)?.Value;
        if (string.IsNullOrWhiteSpace(Identifier))
        {
            OidcLog.ClaimMissing(logger, options.UserClaim);
            return Refuse(ExternalRefusal.ExternalFailed, StatusCodes.Status401Unauthorized);
        }

        var users = signIn.UserManager;
        var user = options.MatchUserBy == OidcUserMatch.Email ? await users.FindByEmailAsync(Identifier) : await users.FindByNameAsync(Identifier);
        if (user is null)
        {
            OidcLog.UnknownUser(logger, options.MatchUserBy, Identifier);
            return Refuse(ExternalRefusal.ExternalNoAccount, StatusCodes.Status403Forbidden);
        }

        if (await users.IsLockedOutAsync(user) || !await signIn.CanSignInAsync(user))
        {
            OidcLog.UserLockedOut(logger, user.Id);
            return Refuse(ExternalRefusal.ExternalLockedOut, StatusCodes.Status403Forbidden);
        }

        signIn.AuthenticationScheme = IdentityConstants.ApplicationScheme;
        await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: OidcSignInOptions.Scheme);
        await language.RestoreAsync(HttpContext, user);
        OidcLog.SignedIn(logger, user.Id, Identifier);
        return LocalRedirect(SafeReturnUrl(returnUrl));
    }

    private PageResult Refuse(ExternalRefusal refusal, int status)
    {
        Refusal = refusal;
        Response.StatusCode = status;
        return Page();
    }

    private string SafeReturnUrl(string? returnUrl) => Url.IsLocalUrl(returnUrl) ? returnUrl! : "/";
}

/// <summary>Why a single sign-on was refused; each name is the prefix of its texts (<c>…Title</c>, <c>…Body</c>).</summary>
public enum ExternalRefusal
{
    /// <summary>The provider reported an error or gave no identifier.</summary>
    ExternalFailed,

    /// <summary>No directory user has the identifier.</summary>
    ExternalNoAccount,

    /// <summary>The directory user is locked out or disabled.</summary>
    ExternalLockedOut,
}
