namespace ApprovalFlow.Server.Api;

/// <summary>
/// Endpoint metadata (an attribute on a handler or a page model) giving an endpoint its own request body
/// limit instead of <see cref="ApiOptions.MaxRequestBodyBytes"/>, e.g. uploads limited by their own
/// configuration. Read by <see cref="RequestBodyLimitMiddleware"/> once the request is routed.
/// </summary>
public interface IBodyLimitMetadata
{
    /// <summary>The largest request body in bytes for <paramref name="context"/>'s request.</summary>
    /// <param name="context">The request (its services give the configuration).</param>
    long MaxRequestBodyBytes(HttpContext context);
}
