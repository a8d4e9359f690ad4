using System.Diagnostics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ApprovalFlow.Server.Pages.Errors;

/// <summary>
/// The error page of the web app (<c>/error/{code}</c>), re-executed by the status-code and exception
/// handlers for page requests: 403, 404, 500 (with the trace id to quote) and any other status, in the
/// user's language. Answers any method, without an antiforgery check (a failed form post lands here).
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    /// <summary>The HTTP status shown.</summary>
    public int Code { get; private set; }

    /// <summary>The request's trace id (W3C), shown for server errors.</summary>
    public string TraceId { get; private set; } = string.Empty;

    /// <summary>The resource key prefix of the texts: <c>Error403</c>, <c>Error404</c>, <c>Error500</c>, <c>Error503</c> or <c>ErrorOther</c>.</summary>
    public string TextKey => Code switch
    {
        StatusCodes.Status403Forbidden => "Error403",
        StatusCodes.Status404NotFound => "Error404",
        StatusCodes.Status503ServiceUnavailable => "Error503",
        >= 500 => "Error500",
        _ => "ErrorOther",
    };

    /// <summary>Shows the page for <paramref name="code"/> (400 to 599; anything else counts as 404).</summary>
    public void OnGet(int code) => Show(code);

    /// <summary>
    /// As <see cref="OnGet"/>, for a form post that failed. Nothing is bound, so the body (perhaps the one
    /// too large to read) is never read: the code comes from the route.
    /// </summary>
    public void OnPost() => Show(int.TryParse(RouteData.Values["code"] as string, System.Globalization.CultureInfo.InvariantCulture, out var code) ? code : 0);

    private void Show(int code)
    {
        Code = code is >= 400 and <= 599 ? code : StatusCodes.Status404NotFound;
        if (HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>()?.Error is { } error && Data.DatabaseOutage.Is(error))
        {
            Code = StatusCodes.Status503ServiceUnavailable;
            Response.Headers.RetryAfter = Data.DatabaseOutage.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        Response.StatusCode = Code;
        TraceId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
    }
}
