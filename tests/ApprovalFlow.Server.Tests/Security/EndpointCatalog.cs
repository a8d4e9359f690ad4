using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ApprovalFlow.Server.Tests.Security;

/// <summary>
/// Every route of the running service, read from its <see cref="EndpointDataSource"/>: API endpoints (with their HTTP
/// methods), Razor pages (GET), health checks, <c>/metrics</c>, the OpenAPI document and the Hangfire dashboard.
/// </summary>
internal static class EndpointCatalog
{
    /// <summary>One route and method: <c>GET /api/tasks/{id:guid}</c>.</summary>
    /// <param name="Method">The HTTP method (GET for pages and the endpoints that take any method).</param>
    /// <param name="Route">The route pattern's text as the app declares it, with a leading slash.</param>
    /// <param name="Endpoint">The endpoint.</param>
    public sealed record EndpointRoute(string Method, string Route, RouteEndpoint Endpoint)
    {
        public string Key => $"{Method} {Route}";

        /// <summary>Whether the endpoint declares a body it reads (a JSON, XML or form content type it accepts).</summary>
        public IReadOnlyList<string> Accepts => Endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes ?? [];
    }

    public static IReadOnlyList<EndpointRoute> All(IServiceProvider services)
    {
        var routes = new List<EndpointRoute>();
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var text = "/" + (endpoint.RoutePattern.RawText ?? string.Empty).TrimStart('/');
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
            foreach (var method in methods is { Count: > 0 } ? methods : [HttpMethods.Get])
            {
                routes.Add(new EndpointRoute(method, text, endpoint));
            }
        }

        return routes.DistinctBy(r => r.Key).OrderBy(r => r.Route, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal).ToList();
    }
}
