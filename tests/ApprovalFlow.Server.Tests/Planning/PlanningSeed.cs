using ApprovalFlow.Server.Features.Directory;
using ApprovalFlow.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ApprovalFlow.Server.Tests.Planning;

/// <summary>Seeds the default directory file (Mashhad's) into the fixture's database, where Seed:Demo is off.</summary>
internal static class PlanningSeed
{
    public static readonly SeedOptions Options = new() { Demo = true };

    public static async Task<DemoSeedSummary> SeedAsync(ServiceFixture service)
    {
        var seeder = ActivatorUtilities.CreateInstance<DemoSeeder>(service.Factory.Services, Microsoft.Extensions.Options.Options.Create(Options));
        return await seeder.SeedAsync(CancellationToken.None);
    }

    public static Task<DemoDirectory> LoadFileAsync(ServiceFixture service)
    {
        var contentRoot = service.Factory.Services.GetRequiredService<IHostEnvironment>().ContentRootPath;
        return DemoDirectory.LoadAsync(Options.ResolveDirectoryFile(contentRoot)!, CancellationToken.None);
    }
}
