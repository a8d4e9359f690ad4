using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace ApprovalFlow.Server.Api;

/// <summary>
/// Turns exceptions into problem details: a <see cref="BadHttpRequestException"/> (malformed JSON, a
/// wrong content type, a body over the limit) keeps its status and says what was wrong; anything else
/// is logged and answered with a 500 whose detail reveals nothing of the exception, except a database outage
/// (<see cref="Data.DatabaseOutage"/>): 503 with <c>Retry-After</c>, logged as a warning. A request the
/// client abandoned is not logged as an error. Web pages (not <see cref="ApiPaths"/>) are left to the
/// web app's error page.
/// </summary>
internal sealed class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>The de-facto status of a request the client abandoned (nginx's 499); only seen in logs.</summary>
    private const int ClientClosedRequest = 499;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var request = httpContext.Request;
        if (!ApiPaths.IsApi(request))
        {
            // A web page: its own exception handler shows the error page in the user's language.
            return false;
        }

        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            // The client went away: nobody reads an answer, and it is not a server error.
            httpContext.Response.StatusCode = ClientClosedRequest;
            return true;
        }

        int status;
        string detail;
        if (exception is BadHttpRequestException bad)
        {
            status = bad.StatusCode;
            detail = bad.InnerException is JsonException json
                ? $"The request body is not valid JSON: {json.Message}"
                : bad.Message;
            ApiLog.BadRequest(logger, request.Method, request.Path, status, detail);
        }
        else if (Data.DatabaseOutage.Is(exception))
        {
            status = StatusCodes.Status503ServiceUnavailable;
            detail = $"The service's database cannot be reached at the moment; nothing was changed. Retry after {Data.DatabaseOutage.RetryAfterSeconds} seconds.";
            httpContext.Response.Headers.RetryAfter = Data.DatabaseOutage.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            ApiLog.DatabaseUnavailable(logger, request.Method, request.Path, exception.GetType().Name, exception.Message);
        }
        else
        {
            status = StatusCodes.Status500InternalServerError;
            detail = ApiProblems.UnexpectedErrorDetail;
            ApiLog.UnhandledException(logger, exception, request.Method, request.Path, Activity.Current?.Id ?? httpContext.TraceIdentifier);
        }

        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = status, Detail = detail },
        });
    }
}
