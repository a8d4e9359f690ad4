using System.Net;
using System.Text.RegularExpressions;

namespace ApprovalFlow.Server.Tests.Auth;

/// <summary>The sign-in page's form, posted as a browser does (antiforgery token from the page, cookies kept by the client).</summary>
internal static partial class PageSignIn
{
    /// <summary>Opens <c>/account/login</c> and posts the form.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient browser, string email, string password)
    {
        var form = await browser.GetStringAsync(new Uri("/account/login", UriKind.Relative));
        var token = Antiforgery().Match(form).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), "The sign-in page has no antiforgery token.");
        return await browser.PostAsync(new Uri("/account/login", UriKind.Relative), new FormUrlEncodedContent(
            [new("Email", email), new("Password", password), new("__RequestVerificationToken", token)]));
    }

    /// <summary>The text of the page's alert.</summary>
    public static string Alert(string html) => WebUtility.HtmlDecode(AlertText().Match(html).Groups[1].Value).Trim();

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();

    [GeneratedRegex("role=\"alert\" id=\"login-error\">([^<]*)<")]
    private static partial Regex AlertText();
}
