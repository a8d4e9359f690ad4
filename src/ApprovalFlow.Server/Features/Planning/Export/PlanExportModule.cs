using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ApprovalFlow.Server.Features.Planning.Export;

/// <summary>The services of the plan's exports and trace report.</summary>
public static class PlanExportModule
{
    /// <summary>Adds <see cref="PlanReader"/>, <see cref="PlanWording"/> and the four exports (scoped, replaceable).</summary>
    /// <param name="services">The service collection.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddPlanExport(this IServiceCollection services)
    {
        services.TryAddScoped<PlanReader>();
        services.TryAddScoped<PlanWording>();
        services.TryAddScoped<PlanWordExport>();
        services.TryAddScoped<PlanSpreadsheetExport>();
        services.TryAddScoped<PlanStratmlExport>();
        services.TryAddScoped<PlanHtmlExport>();
        return services;
    }
}
