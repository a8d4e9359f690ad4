using ApprovalFlow.Server.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ApprovalFlow.Server.Pages.Account;

/// <summary>Signs out of the web app's cookie (a form post, so a link cannot sign anyone out) and returns to the sign-in page.</summary>
[AllowAnonymous]
public sealed class LogoutModel(SignInManager<ApplicationUser> signIn) : PageModel
{
    /// <summary>Ends the cookie session.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        signIn.AuthenticationScheme = IdentityConstants.ApplicationScheme;
        await signIn.SignOutAsync();
        return LocalRedirect("/account/login");
    }

    /// <summary>A plain visit shows nothing to do: back to the inbox.</summary>
    public IActionResult OnGet() => LocalRedirect("/");
}
