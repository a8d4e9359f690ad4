using System.Globalization;
using System.Security.Claims;
using ApprovalFlow.Server.Data;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;

namespace ApprovalFlow.Server.Web;

/// <summary>
/// The web app's language: Persian (<c>fa</c>, right-to-left, Solar Hijri dates) by default, or English
/// (<c>en</c>). The choice lives in the cookie <see cref="CookieName"/> (read by the request localisation)
/// and, for a signed-in user, in the user claim <see cref="ClaimType"/>, from which each sign-in restores
/// the cookie on a new browser. Scoped.
/// </summary>
public sealed class UserLanguage(UserManager<ApplicationUser> users, TimeProvider time)
{
    /// <summary>Persian, the default.</summary>
    public const string Persian = "fa";

    /// <summary>English.</summary>
    public const string English = "en";

    /// <summary>The language cookie (ASP.NET Core's <see cref="CookieRequestCultureProvider"/> format).</summary>
    public const string CookieName = "approvalflow_lang";

    /// <summary>The user claim that remembers the language.</summary>
    public const string ClaimType = "approvalflow:language";

    /// <summary>The supported cultures, default first.</summary>
    public static readonly string[] Cultures = [Persian, English];

    /// <summary>The language of the current request: <see cref="Persian"/> or <see cref="English"/>.</summary>
    public static string Current => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == English ? English : Persian;

    /// <summary>Whether the current request's language is written right to left.</summary>
    public static bool IsRightToLeft => Current == Persian;

    /// <summary>Whether <paramref name="language"/> is one of <see cref="Cultures"/>.</summary>
    public static bool IsSupported(string? language) => language is Persian or English;

    /// <summary>
    /// The local address the language switch returns to: the one the user asked for, also when an error page
    /// (404, 403, 500) is shown in its place.
    /// </summary>
    /// <param name="context">The request.</param>
    public static string ReturnUrl(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Features.Get<IStatusCodeReExecuteFeature>() is { } status ? status.OriginalPath + status.OriginalQueryString
            : context.Features.Get<IExceptionHandlerPathFeature>() is { } failure ? failure.Path
            : context.Request.Path + context.Request.QueryString;
    }

    /// <summary>Writes the language cookie and, when someone is signed in, stores the choice on the user.</summary>
    /// <param name="context">The request.</param>
    /// <param name="language">One of <see cref="Cultures"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="language"/> is not supported.</exception>
    public async Task ChooseAsync(HttpContext context, string language)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!IsSupported(language))
        {
            throw new ArgumentException($"Language '{language}' is not supported (fa or en).", nameof(language));
        }

        WriteCookie(context, language);
        if (context.User.Identity?.IsAuthenticated == true && await users.GetUserAsync(context.User) is { } user)
        {
            var claims = await users.GetClaimsAsync(user);
            await users.RemoveClaimsAsync(user, claims.Where(c => c.Type == ClaimType));
            await users.AddClaimAsync(user, new Claim(ClaimType, language));
        }
    }

    /// <summary>After a sign-in: sets the cookie to the language stored on <paramref name="user"/>, if any.</summary>
    /// <returns>The stored language, or <see langword="null"/> when the user has never chosen one.</returns>
    public async Task<string?> RestoreAsync(HttpContext context, ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(context);
        var stored = (await users.GetClaimsAsync(user)).FirstOrDefault(c => c.Type == ClaimType)?.Value;
        if (IsSupported(stored))
        {
            WriteCookie(context, stored!);
            return stored;
        }

        return null;
    }

    private void WriteCookie(HttpContext context, string language) =>
        context.Response.Cookies.Append(
            CookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(language)),
            new CookieOptions
            {
                Expires = time.GetUtcNow().AddYears(1),
                HttpOnly = true,
                IsEssential = true,
                SameSite = SameSiteMode.Lax,
                Secure = context.Request.IsHttps,
            });
}
