using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace ApprovalFlow.Server.Api;

/// <summary>
/// Enforces the request body limit on every server, once the request is routed: the endpoint's own
/// limit (<see cref="IBodyLimitMetadata"/>, e.g. attachment uploads) or else
/// <see cref="ApiOptions.MaxRequestBodyBytes"/>. A declared <c>Content-Length</c> over the limit is
/// answered with a 413 before anything reads the body (a problem for <see cref="ApiPaths"/>; an empty
/// 413 for pages, which the error page of the web app then explains); where the server can limit a body
/// of unknown length (Kestrel's <see cref="IHttpMaxRequestBodySizeFeature"/>), it is told the limit and
/// fails the read with a 413 <see cref="BadHttpRequestException"/>. A re-executed request (an error page)
/// is not checked again.
/// </summary>
internal sealed class RequestBodyLimitMiddleware(RequestDelegate next, IOptions<ApiOptions> options, IProblemDetailsService problems, ILogger<RequestBodyLimitMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Features.Get<IStatusCodeReExecuteFeature>() is not null)
        {
            await next(context);
            return;
        }

        var limit = context.GetEndpoint()?.Metadata.GetMetadata<IBodyLimitMetadata>()?.MaxRequestBodyBytes(context) ?? options.Value.MaxRequestBodyBytes;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }

        if (context.Request.ContentLength is { } length && length > limit)
        {
            ApiLog.BodyTooLarge(logger, length, context.Request.Method, context.Request.Path, limit);
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            if (!ApiPaths.IsApi(context.Request))
            {
                return;
            }

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
