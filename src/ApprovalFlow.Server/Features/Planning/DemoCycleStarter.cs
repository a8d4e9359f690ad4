using System.Text.Json;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Directory;
using ApprovalFlow.Server.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ApprovalFlow.Server.Features.Planning;

/// <summary>The plan cycle the demo starts: which definition, under which business key, with which variables.</summary>
/// <param name="DefinitionKey">Process id of the definition to start (its latest version).</param>
/// <param name="BusinessKey">Business key; the cycle is started only when no instance has it.</param>
/// <param name="Variables">Initial variables.</param>
public sealed record DemoCycle(string DefinitionKey, string BusinessKey, IReadOnlyDictionary<string, JsonElement> Variables)
{
    /// <summary>
    /// The demo cycle: <c>mid-term-plan</c>, business key <c>mtp-1405-1408</c>, variables
    /// <c>{ "cycle": "1405-1408", "title": "برنامه میان‌مدت ۱۴۰۵–۱۴۰۸" }</c>.
    /// </summary>
    public static DemoCycle MidTermPlan1405 { get; } = new(
        "mid-term-plan",
        "mtp-1405-1408",
        new Dictionary<string, JsonElement>
        {
            ["cycle"] = JsonSerializer.SerializeToElement("1405-1408"),
            ["title"] = JsonSerializer.SerializeToElement("برنامه میان‌مدت ۱۴۰۵–۱۴۰۸"),
        });
}

/// <summary>
/// Starts the demo plan cycle (<see cref="DemoCycle"/>, by default <see cref="DemoCycle.MidTermPlan1405"/>)
/// at start-up when <see cref="SeedOptions.Demo"/> is on, as the demo process owner
/// (<see cref="DemoSeeder.OwnerEmail"/>, or the system when that user does not exist). Registered
/// last, so it runs after the migrations, the demo seed and the deployment of the workflows folder.
/// </summary>
/// <remarks>
/// Starts at most once per database: nothing happens when an instance with the business key exists
/// (whatever its status) or when the definition is not deployed (logged). The cycle's
/// <see cref="Data.PlanCycleRecord"/> is made with the instance (<see cref="Cycles.PlanCycles.FindAsync"/>), and for an
/// instance started before cycles were stored, on the next start. Several servers starting at
/// once serialise on a PostgreSQL advisory lock held while checking and starting.
/// </remarks>
internal sealed class DemoCycleStarter(
    IServiceScopeFactory scopes, DefinitionCatalog catalog, InstanceRunner runner, DemoCycle cycle, IOptions<SeedOptions> options, ILogger<DemoCycleStarter> logger)
    : IHostedService
{
    /// <summary>Key of the advisory lock that serialises concurrent starters.</summary>
    private const long StartLockKey = 0x4166_4379_636c; // "AfCycl"

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Demo)
        {
            PlanningLog.DemoCycleSkipped(logger);
            return;
        }

        await StartCycleAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Starts the cycle regardless of <see cref="SeedOptions.Demo"/> unless it exists or its definition is not deployed.</summary>
    /// <param name="cancellationToken">Cancels the database work.</param>
    /// <returns>The started instance, or <see langword="null"/> when nothing was started.</returns>
    /// <exception cref="CalledDefinitionMissingException">The definition reaches, at once, a call activity whose process is not deployed.</exception>
    public async Task<ProcessInstanceRecord?> StartCycleAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({StartLockKey})", cancellationToken);

        var definition = await catalog.FindAsync(cycle.DefinitionKey, null, cancellationToken);
        if (definition is null)
        {
            PlanningLog.DemoCycleDefinitionMissing(logger, cycle.DefinitionKey, cycle.BusinessKey);
            return null;
        }

        var existing = await db.Instances.AsNoTracking()
            .Where(i => i.BusinessKey == cycle.BusinessKey)
            .Select(i => (Guid?)i.Id)
            .FirstOrDefaultAsync(cancellationToken);
        var cycles = scope.ServiceProvider.GetRequiredService<Cycles.PlanCycles>();
        if (existing is { } existingId)
        {
            PlanningLog.DemoCycleExists(logger, cycle.BusinessKey, existingId);
            await cycles.FindAsync(cycle.BusinessKey, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return null;
        }

        var ownerId = await db.Users.AsNoTracking()
            .Where(u => u.Email == DemoSeeder.OwnerEmail)
            .Select(u => u.Id)
            .FirstOrDefaultAsync(cancellationToken);
        var started = await runner.StartAsync(definition, cycle.BusinessKey, cycle.Variables, ownerId, cancellationToken);
        await cycles.FindAsync(cycle.BusinessKey, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        PlanningLog.DemoCycleStarted(logger, cycle.BusinessKey, started.Id, definition.Key, definition.Version);
        return started;
    }
}
