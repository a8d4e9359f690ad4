using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace ApprovalFlow.Server.Api;

/// <summary>
/// Enforces <see cref="ApiOptions.MaxRequestBodyBytes"/> on every server: a declared
/// <c>Content-Length</c> over the limit is answered with a 413 problem before anything reads the body;
/// where the server can limit a body of unknown length (Kestrel's <see cref="IHttpMaxRequestBodySizeFeature"/>),
/// it is told the limit and fails the read with a 413 <see cref="BadHttpRequestException"/>.
/// </summary>
internal sealed class RequestBodyLimitMiddleware(RequestDelegate next, IOptions<ApiOptions> options, IProblemDetailsService problems, ILogger<RequestBodyLimitMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var limit = options.Value.MaxRequestBodyBytes;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }

        if (context.Request.ContentLength is { } length && length > limit)
        {
            ApiLog.BodyTooLarge(logger, length, context.Request.Method, context.Request.Path, limit);
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status413PayloadTooLarge,
                    Detail = $"The request body is {length} bytes; the limit is {limit} bytes.",
                },
            });
            return;
        }

        await next(context);
    }
}
