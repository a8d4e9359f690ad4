using ApprovalFlow.Server.Pages.Monitor;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ApprovalFlow.Server.Features.Monitoring;

/// <summary>Monitoring of definition versions: the statistics API and the monitor page's service.</summary>
public static class MonitoringModule
{
    /// <summary>Adds <see cref="VersionStatistics"/> and the page's <see cref="DurationText"/> (scoped).</summary>
    public static WebApplicationBuilder AddApprovalFlowMonitoring(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddScoped<VersionStatistics>();
        builder.Services.TryAddScoped<DurationText>();
        return builder;
    }
}
