using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace ApprovalFlow.Server.Data;

/// <summary>
/// Applies pending migrations before the service takes requests when <see cref="DatabaseOptions.MigrateOnStartup"/> is set,
/// one node at a time: the history table and the migrations are applied while holding the PostgreSQL session advisory lock
/// <see cref="MigrationLockKey"/> (<c>pg_advisory_lock</c>), so nodes starting together wait for the first and then find
/// nothing pending. The lock lives on a connection of its own, so it ends with that connection if the node dies.
/// </summary>
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
        var lockConnection = new Npgsql.NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()) { Pooling = false }.ConnectionString;
        await using var connection = new Npgsql.NpgsqlConnection(lockConnection);
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, "SELECT pg_advisory_lock($1)", cancellationToken);
        try
        {
            await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
            await db.Database.MigrateAsync(cancellationToken);
            var latest = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).LastOrDefault() ?? "none";
            LogMigrated(logger, latest, pending);
        }
        finally
        {
            await ExecuteAsync(connection, "SELECT pg_advisory_unlock($1)", CancellationToken.None);
        }
    }

    /// <summary>Key of the session advisory lock held while migrating ("AfMigr").</summary>
    internal const long MigrationLockKey = 0x4166_4D69_6772;

    private static async Task ExecuteAsync(Npgsql.NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new Npgsql.NpgsqlCommand(sql, connection) { Parameters = { new() { Value = MigrationLockKey } } };
        await command.ExecuteScalarAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Creates the database and the migrations history table when missing, so that migrating a new
    /// database logs no error: Npgsql's migrator first reads the history, and a failed read is logged as
    /// an error (EF Core event 20004 or 20102) before it is handled. The existence probe expects failure
    /// and logs none. A server that loses the race to create the database carries on. The history table is
    /// created under the migration lock (<see cref="StartAsync"/>).
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
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database migrated to {Migration} ({Applied} migrations applied by this node)")]
    private static partial void LogMigrated(ILogger logger, string migration, int applied);
}
