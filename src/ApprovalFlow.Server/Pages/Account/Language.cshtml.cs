using ApprovalFlow.Server.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ApprovalFlow.Server.Pages.Account;

/// <summary>The language switch (<c>fa</c> or <c>en</c>): remembered in a cookie and on the signed-in user, then back to the page it came from.</summary>
[AllowAnonymous]
public sealed class LanguageModel(UserLanguage language) : PageModel
{
    /// <summary>Switches to <paramref name="choice"/> (an unknown value keeps the current language).</summary>
    public async Task<IActionResult> OnPostAsync([FromForm(Name = "language")] string? choice, string? returnUrl)
    {
        if (UserLanguage.IsSupported(choice))
        {
            await language.ChooseAsync(HttpContext, choice!);
        }

        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl! : "/");
    }

    /// <summary>A plain visit: back to the inbox.</summary>
    public IActionResult OnGet() => LocalRedirect("/");
}
