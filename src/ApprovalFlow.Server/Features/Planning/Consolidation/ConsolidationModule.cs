using ApprovalFlow.Server.Features.Tasks;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ApprovalFlow.Server.Features.Planning.Consolidation;

/// <summary>The consolidation and prioritisation services of the planning office.</summary>
public static class ConsolidationModule
{
    /// <summary>Adds the scoped consolidation services and the task page <c>page:consolidation</c>.</summary>
    /// <param name="services">The services.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddPlanningConsolidation(this IServiceCollection services)
    {
        services.TryAddScoped<ConsolidationItems>();
        services.TryAddScoped<DuplicateSuggestions>();
        services.TryAddScoped<ItemMerger>();
        services.TryAddScoped<Priorities>();
        services.AddScoped<ITaskPage, ConsolidationTaskPage>();
        services.TryAddScoped<Pages.Planning.Consolidation.ConsolidationTask>();
        return services;
    }
}
