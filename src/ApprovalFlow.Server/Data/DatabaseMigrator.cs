using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace ApprovalFlow.Server.Data;

/// <summary>Applies pending migrations before the service takes requests when <see cref="DatabaseOptions.MigrateOnStartup"/> is set.</summary>
internal sealed partial class DatabaseMigrator(IServiceScopeFactory scopes, IOptions<DatabaseOptions> options, ILogger<DatabaseMigrator> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.MigrateOnStartup)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
        await EnsureDatabaseAsync(db, cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        var latest = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).LastOrDefault() ?? "none";
        LogMigrated(logger, latest);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Creates the database and the migrations history table when missing, so that migrating a new
    /// database logs no error: Npgsql's migrator first reads the history, and a failed read is logged as
    /// an error (EF Core event 20004 or 20102) before it is handled. The existence probe expects failure
    /// and logs none. A server that loses the race to create the database carries on.
    /// </summary>
    private static async Task EnsureDatabaseAsync(ApprovalFlowDbContext db, CancellationToken cancellationToken)
    {
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync(cancellationToken))
        {
            try
            {
                await creator.CreateAsync(cancellationToken);
            }
            catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.DuplicateDatabase)
            {
            }
        }

        await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database migrated to {Migration}")]
    private static partial void LogMigrated(ILogger logger, string migration);
}
