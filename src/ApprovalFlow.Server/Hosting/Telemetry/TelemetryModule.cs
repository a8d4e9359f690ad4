using ApprovalFlow.Server.Api;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ApprovalFlow.Server.Hosting.Telemetry;

/// <summary>
/// OpenTelemetry for the service (traces and metrics of ASP.NET Core, HttpClient, Npgsql and the engine's own
/// <see cref="ApprovalFlowTelemetry.Name"/> meter and activity source), the Prometheus endpoint <c>/metrics</c>, OTLP
/// export when configured, and the console log format. What is published: <c>docs/observability.md</c>.
/// </summary>
public static class TelemetryModule
{
    /// <summary>Path of the Prometheus scraping endpoint: <c>/metrics</c>.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>The OTLP collector's address (e.g. <c>http://otel-collector:4317</c>): <c>OpenTelemetry:Otlp:Endpoint</c>.</summary>
    public const string OtlpEndpointKey = "OpenTelemetry:Otlp:Endpoint";

    /// <summary>The OTLP protocol, <c>Grpc</c> (default) or <c>HttpProtobuf</c>: <c>OpenTelemetry:Otlp:Protocol</c>.</summary>
    public const string OtlpProtocolKey = "OpenTelemetry:Otlp:Protocol";

    /// <summary>The standard OpenTelemetry variable naming the collector, honoured when <see cref="OtlpEndpointKey"/> is unset.</summary>
    public const string StandardOtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// Adds <see cref="TelemetryOptions"/> (section <c>Telemetry</c>, validated at start), <see cref="EngineMetrics"/>,
    /// <see cref="WorkloadGauges"/>, the <see cref="MetricsAccessRequirement.Policy"/> policy, and OpenTelemetry with the
    /// service name <c>approvalflow</c>: traces of ASP.NET Core (not of <c>/metrics</c> and <c>/health</c>), HttpClient,
    /// Npgsql and <see cref="ApprovalFlowTelemetry.Source"/>; metrics of the same plus the .NET runtime's
    /// (<c>System.Runtime</c>), read by the Prometheus exporter and, when <see cref="OtlpEndpointKey"/> or
    /// <see cref="StandardOtlpEndpointKey"/> is set, exported (with the logs) over OTLP. In Production the console log
    /// is JSON, one object per line, with scopes (trace and span ids among them) and UTC timestamps; elsewhere the
    /// plain console. A <c>Logging:Console:FormatterName</c> setting wins over both.
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <returns><paramref name="builder"/>, for chaining.</returns>
    public static WebApplicationBuilder AddApprovalFlowTelemetry(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TelemetryOptions>, TelemetryOptionsValidator>());
        services.TryAddSingleton<EngineMetrics>();
        services.TryAddSingleton<WorkloadGauges>();
        services.AddHttpContextAccessor();
        services.AddSingleton<IAuthorizationHandler, MetricsAccessHandler>();
        services.AddAuthorizationBuilder().AddPolicy(MetricsAccessRequirement.Policy, policy => policy.AddRequirements(new MetricsAccessRequirement()));

        ConfigureConsoleLog(builder);
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("approvalflow"))
            .WithTracing(tracing => tracing
                .AddSource(ApprovalFlowTelemetry.Name)
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !IsScrapeOrProbe(context.Request.Path))
                .AddHttpClientInstrumentation()
                .AddNpgsql())
            .WithMetrics(metrics => metrics
                .AddMeter(ApprovalFlowTelemetry.Name, "System.Runtime")
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddPrometheusExporter()
                .AddOwnMetersOnly());
        var endpoint = builder.Configuration[OtlpEndpointKey];
        if (!string.IsNullOrWhiteSpace(endpoint))
        {
            var protocol = Enum.TryParse<OtlpExportProtocol>(builder.Configuration[OtlpProtocolKey], ignoreCase: true, out var chosen) ? chosen : OtlpExportProtocol.Grpc;
            telemetry.UseOtlpExporter(protocol, new Uri(endpoint));
        }
        else if (!string.IsNullOrWhiteSpace(builder.Configuration[StandardOtlpEndpointKey]))
        {
            // The exporter reads OTEL_EXPORTER_OTLP_ENDPOINT, _PROTOCOL, _HEADERS itself.
            telemetry.UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>
    /// Maps <c>GET /metrics</c> (Prometheus text format) for the <see cref="MetricsAccessRequirement.Policy"/> policy:
    /// admins, or callers from <see cref="TelemetryOptions.MetricsNetworks"/>. Also creates the
    /// <see cref="WorkloadGauges"/>, so they are collected from the start.
    /// </summary>
    /// <param name="endpoints">The endpoint builder.</param>
    /// <returns><paramref name="endpoints"/>, for chaining.</returns>
    public static IEndpointRouteBuilder MapApprovalFlowMetrics(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        _ = endpoints.ServiceProvider.GetRequiredService<WorkloadGauges>();
        _ = endpoints.ServiceProvider.GetRequiredService<EngineMetrics>();
        endpoints.MapPrometheusScrapingEndpoint(MetricsPath).RequireAuthorization(MetricsAccessRequirement.Policy);
        return endpoints;
    }

    /// <summary>
    /// Drops the instruments of meters made by another host's <see cref="System.Diagnostics.Metrics.IMeterFactory"/> in the
    /// same process (several hosts run in one test process): a meter provider listens to every meter of a name, and
    /// another host's meter, disposed with its host, would end this host's streams of the same instruments.
    /// </summary>
    private static MeterProviderBuilder AddOwnMetersOnly(this MeterProviderBuilder metrics)
    {
        if (metrics is IDeferredMeterProviderBuilder deferred)
        {
            deferred.Configure((services, builder) =>
            {
                var own = services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
                builder.AddView(instrument => instrument.Meter.Scope is System.Diagnostics.Metrics.IMeterFactory factory && factory != own ? MetricStreamConfiguration.Drop : null);
            });
        }

        return metrics;
    }

    private static bool IsScrapeOrProbe(PathString path) =>
        path.StartsWithSegments(MetricsPath, StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase);

    private static void ConfigureConsoleLog(WebApplicationBuilder builder)
    {
        builder.Logging.Configure(options => options.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        if (!builder.Environment.IsProduction() || builder.Configuration["Logging:Console:FormatterName"] is not null)
        {
            return;
        }

        builder.Logging.AddJsonConsole(options =>
        {
            options.IncludeScopes = true;
            options.UseUtcTimestamp = true;
            options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            options.JsonWriterOptions = new System.Text.Json.JsonWriterOptions { Indented = false };
        });
    }
}
