using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ApprovalFlow.Server.Features.Planning.Progress;

/// <summary>The services of the cycles list and the progress dashboard.</summary>
public static class ProgressModule
{
    /// <summary>Adds <see cref="PlanProgress"/> and <see cref="CycleReaders"/> (scoped, replaceable).</summary>
    /// <param name="services">The service collection.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddPlanProgress(this IServiceCollection services)
    {
        services.TryAddScoped<PlanProgress>();
        services.TryAddScoped<CycleReaders>();
        return services;
    }
}
