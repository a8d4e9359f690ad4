using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ApprovalFlow.Server.Features.Directory;

/// <summary>The directory: groups, memberships and the demo seed.</summary>
public static class DirectoryModule
{
    /// <summary>
    /// Adds <see cref="SeedOptions"/> (section <c>Seed</c>, validated at start; <c>Seed:Demo</c> defaults
    /// to whether the environment is Development) and the demo seeder, a hosted service that runs after
    /// the database migrator registered by <c>AddApprovalFlowData</c>.
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <returns><paramref name="builder"/>, for chaining.</returns>
    public static WebApplicationBuilder AddApprovalFlowDirectory(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var isDevelopment = builder.Environment.IsDevelopment();
        builder.Services.AddOptions<SeedOptions>()
            .Configure(options => options.Demo = isDevelopment)
            .BindConfiguration(SeedOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SeedOptions>, SeedOptionsValidator>());
        builder.Services.AddHostedService<DemoSeeder>();
        return builder;
    }
}
