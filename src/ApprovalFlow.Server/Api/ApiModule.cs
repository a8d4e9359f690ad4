using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;

namespace ApprovalFlow.Server.Api;

/// <summary>Cross-cutting HTTP concerns: RFC 9457 problem details, OpenAPI and its reference page, limits, health endpoints.</summary>
public static class ApiModule
{
    /// <summary>Path of the OpenAPI document: <c>/openapi/v1.json</c>.</summary>
    public const string OpenApiPath = "/openapi/{documentName}.json";

    /// <summary>Path of the browsable API reference (Scalar): <c>/scalar</c>.</summary>
    public const string ReferencePath = "/scalar";

    /// <summary>
    /// Adds problem details (every error body is RFC 9457 with <c>type</c>, <c>title</c>, <c>status</c>,
    /// <c>detail</c> and <c>traceId</c>), the exception handler, <see cref="ApiOptions"/> (validated at
    /// start) applied to Kestrel's request body limit, and the OpenAPI document with the bearer scheme.
    /// Minimal API binding failures (malformed JSON, an unknown field, a wrong content type) throw, so
    /// the exception handler can say what was wrong.
    /// </summary>
    public static WebApplicationBuilder AddApprovalFlowApi(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<ApiOptions>>((kestrel, api) => kestrel.Limits.MaxRequestBodySize = api.Value.MaxRequestBodyBytes);
        services.AddProblemDetails(options => options.CustomizeProblemDetails = ApiProblems.Complete);
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow);
        services.AddOpenApi(options => options.AddDocumentTransformer<BearerSecuritySchemeTransformer>());
        return builder;
    }

    /// <summary>
    /// Adds, in this order, the exception handler and status-code problem details (for <see cref="ApiPaths"/>;
    /// web pages have their own error pages), routing, the rate limiter (the endpoints' policies, e.g. sign-in), the request body limit (after routing, so an
    /// endpoint may have its own: <see cref="IBodyLimitMetadata"/>), authentication and authorization (so 401, 403, 404 and 405 get problem bodies too), the
    /// rules of every JSON body (<see cref="JsonBodyRulesMiddleware"/>; after authorization, so a
    /// request that is refused anyway is answered before its body is read), then
    /// maps the OpenAPI document at <c>/openapi/v1.json</c> and the Scalar reference at <c>/scalar</c>,
    /// both anonymous. Call before mapping the feature endpoints.
    /// </summary>
    public static WebApplication UseApprovalFlowApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseWhen(context => ApiPaths.IsApi(context.Request), api => api.UseExceptionHandler().UseStatusCodePages());
        app.UseRouting();
        app.UseRateLimiter();
        app.UseMiddleware<RequestBodyLimitMiddleware>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<JsonBodyRulesMiddleware>();
        app.MapOpenApi(OpenApiPath).AllowAnonymous();
        app.MapScalarApiReference(ReferencePath, options => options.WithTitle("ApprovalFlow API")).AllowAnonymous();
        return app;
    }

    /// <summary>
    /// Maps, anonymous, <c>GET /health/live</c> (the process answers: 200, no checks) and <c>GET /health/ready</c> (the
    /// checks tagged <c>ready</c>: database reachable and migrated, this node's Hangfire heartbeat, SMTP reachable;
    /// 200 when healthy or degraded, 503 when a check is unhealthy). Both answer JSON
    /// (<see cref="Hosting.Health.HealthReportWriter"/>): overall status and, per check, status, description and duration.
    /// </summary>
    public static IEndpointRouteBuilder MapApprovalFlowHealth(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapHealthChecks("/health/live", new() { Predicate = _ => false, ResponseWriter = Hosting.Health.HealthReportWriter.WriteAsync }).AllowAnonymous();
        endpoints.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains("ready"), ResponseWriter = Hosting.Health.HealthReportWriter.WriteAsync }).AllowAnonymous();
        return endpoints;
    }
}
