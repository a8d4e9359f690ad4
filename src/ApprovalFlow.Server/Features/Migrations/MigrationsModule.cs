using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ApprovalFlow.Server.Features.Migrations;

/// <summary>Instance migration: the planner used by the API and the pages, and the batch job.</summary>
public static class MigrationsModule
{
    /// <summary>Adds <see cref="MigrationPlanner"/> (scoped) and <see cref="MigrationJob"/> (transient, for Hangfire).</summary>
    /// <param name="builder">The application builder.</param>
    /// <returns><paramref name="builder"/>, for chaining.</returns>
    public static WebApplicationBuilder AddApprovalFlowMigrations(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddScoped<MigrationPlanner>();
        builder.Services.AddTransient<MigrationJob>();
        return builder;
    }
}
