using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth.Tokens;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ApprovalFlow.Server.Pages.Account;

/// <summary>
/// "Sign out everywhere": the page asks for confirmation, the post ends every session of the signed-in user
/// (<see cref="SignOutEverywhere"/>: refresh tokens revoked, security stamp changed, so other browsers' cookies fail their
/// next check) and this browser's cookie, then shows the sign-in page saying so.
/// </summary>
public sealed class SessionsModel(SignInManager<ApplicationUser> signIn, SignOutEverywhere signOut) : PageModel
{
    /// <summary>Shows the confirmation.</summary>
    public void OnGet()
    {
    }

    /// <summary>Ends every session and signs this browser out.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var user = await signIn.UserManager.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        await signOut.RunAsync(user, cancellationToken);
        signIn.AuthenticationScheme = IdentityConstants.ApplicationScheme;
        await signIn.SignOutAsync();
        return LocalRedirect("/account/login?signedOut=true");
    }
}
