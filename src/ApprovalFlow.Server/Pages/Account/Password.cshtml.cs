using ApprovalFlow.Server.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ApprovalFlow.Server.Pages.Account;

/// <summary>Changes the signed-in user's password (Identity's password rules); the cookie is renewed, other sessions end with the old security stamp.</summary>
public sealed class PasswordModel(SignInManager<ApplicationUser> signIn, IStringLocalizer<AccountTexts> texts) : PageModel
{
    /// <summary>The current password.</summary>
    [BindProperty]
    public string? Current { get; set; }

    /// <summary>The new password.</summary>
    [BindProperty]
    public string? New { get; set; }

    /// <summary>The new password again.</summary>
    [BindProperty]
    public string? Confirm { get; set; }

    /// <summary>Errors by field (<c>Current</c>, <c>New</c>, <c>Confirm</c>).</summary>
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether the password was just changed.</summary>
    public bool Changed { get; private set; }

    /// <summary>Shows the form.</summary>
    public void OnGet()
    {
    }

    /// <summary>Checks the fields, then changes the password through Identity.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrEmpty(Current))
        {
            Errors[nameof(Current)] = texts["PasswordCurrentMissing"];
        }

        if (string.IsNullOrEmpty(New))
        {
            Errors[nameof(New)] = texts["PasswordNewMissing"];
        }
        else if (New != Confirm)
        {
            Errors[nameof(Confirm)] = texts["PasswordConfirmDiffers"];
        }

        if (Errors.Count > 0)
        {
            return Page();
        }

        var user = await signIn.UserManager.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var result = await signIn.UserManager.ChangePasswordAsync(user, Current!, New!);
        if (!result.Succeeded)
        {
            if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)))
            {
                Errors[nameof(Current)] = texts["PasswordCurrentWrong"];
            }
            else
            {
                Errors[nameof(New)] = texts["PasswordRules"];
            }

            return Page();
        }

        signIn.AuthenticationScheme = IdentityConstants.ApplicationScheme;
        await signIn.RefreshSignInAsync(user);
        Changed = true;
        return Page();
    }
}
