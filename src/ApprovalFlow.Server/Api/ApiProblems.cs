using System.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;

namespace ApprovalFlow.Server.Api;

/// <summary>
/// Completes every RFC 9457 problem the service writes: <c>type</c>, <c>title</c> and a useful
/// <c>detail</c> when the producer gave none (status-code pages for 401, 403, 404, 405, 415...), and a
/// <c>traceId</c> extension to find the request in the logs.
/// </summary>
internal static class ApiProblems
{
    /// <summary>The <c>detail</c> of a 500: never the exception's text.</summary>
    public const string UnexpectedErrorDetail = "An unexpected error occurred. It has been logged; quote the traceId when reporting it.";

    /// <summary>Fills the missing members of <paramref name="context"/>'s problem.</summary>
    public static void Complete(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var http = context.HttpContext;
        var status = problem.Status ?? http.Response.StatusCode;
        problem.Status = status;
        problem.Title ??= ReasonPhrases.GetReasonPhrase(status);
        problem.Type ??= TypeOf(status);
        problem.Detail ??= DefaultDetail(http, status);
        problem.Extensions.TryAdd("traceId", Activity.Current?.Id ?? http.TraceIdentifier);
    }

    private static string TypeOf(int status) => status switch
    {
        StatusCodes.Status413PayloadTooLarge => "https://tools.ietf.org/html/rfc9110#section-15.5.14",
        StatusCodes.Status422UnprocessableEntity => "https://tools.ietf.org/html/rfc9110#section-15.5.21",
        _ => "about:blank",
    };

    private static string DefaultDetail(HttpContext http, int status)
    {
        var request = http.Request;
        var target = $"{request.Method} {request.Path}";
        return status switch
        {
            StatusCodes.Status400BadRequest => $"The request to {target} is malformed.",
            StatusCodes.Status401Unauthorized => $"Sign in first: {target} needs a valid bearer token from POST /api/auth/login in the Authorization header.",
            StatusCodes.Status403Forbidden => $"You are signed in, but your roles do not allow {target}.",
            StatusCodes.Status404NotFound => $"Nothing is found at {target}.",
            StatusCodes.Status405MethodNotAllowed => $"{request.Method} is not allowed on {request.Path}; the Allow header lists the methods that are.",
            StatusCodes.Status413PayloadTooLarge => $"The request body is larger than {http.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "the allowed number of"} bytes.",
            StatusCodes.Status415UnsupportedMediaType => $"{target} does not accept the content type '{request.ContentType ?? "(none)"}'.",
            StatusCodes.Status500InternalServerError => UnexpectedErrorDetail,
            _ => $"{target} failed: {ReasonPhrases.GetReasonPhrase(status)}.",
        };
    }
}
