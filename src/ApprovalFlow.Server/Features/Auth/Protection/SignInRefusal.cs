using Microsoft.AspNetCore.Mvc;

namespace ApprovalFlow.Server.Features.Auth.Protection;

/// <summary>The 429 answer of a refused sign-in or refresh: <c>Retry-After</c> in whole seconds and a problem whose <c>detail</c> says when to retry.</summary>
internal static class SignInRefusal
{
    /// <summary>The wait in whole seconds, rounded up, at least one.</summary>
    public static int Seconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));

    /// <summary>The problem's detail for a wait.</summary>
    public static string Detail(TimeSpan wait) =>
        $"Too many sign-in attempts from this client or for this account; try again in {Seconds(wait)} seconds (see Retry-After).";

    /// <summary>Sets <c>Retry-After</c> and answers 429 with the problem, through the problem details service (RFC 9457).</summary>
    public static async Task WriteProblemAsync(HttpContext http, TimeSpan wait)
    {
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = Seconds(wait).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails { Status = StatusCodes.Status429TooManyRequests, Title = "Too many requests", Detail = Detail(wait) },
        });
    }
}
