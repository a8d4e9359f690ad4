using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ApprovalFlow.Server.Data;

/// <summary>
/// Registers the database: EF Core on Npgsql with snake_case names, migrations at start-up, readiness check, and the
/// Data Protection key ring kept in it under the application name <see cref="DataProtectionApplicationName"/> (not the
/// default, the content root, which changes with every release folder).
/// </summary>
public static class DataModule
{
    /// <summary>Connection string name: <c>ConnectionStrings:ApprovalFlow</c>.</summary>
    public const string ConnectionName = "ApprovalFlow";

    /// <summary>The Data Protection application name shared by every node and release.</summary>
    public const string DataProtectionApplicationName = "ApprovalFlow";

    /// <summary>Adds <see cref="ApprovalFlowDbContext"/>, <see cref="DatabaseOptions"/> and the migrator.</summary>
    /// <exception cref="InvalidOperationException">No connection string <c>ConnectionStrings:ApprovalFlow</c>.</exception>
    public static WebApplicationBuilder AddApprovalFlowData(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var connectionString = builder.Configuration.GetConnectionString(ConnectionName)
            ?? throw new InvalidOperationException($"Set the connection string 'ConnectionStrings:{ConnectionName}' (PostgreSQL).");
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateOnStart();
        builder.Services.TryAddSingleton<CommitInBatchInterceptor>();
        builder.Services.AddDbContextPool<ApprovalFlowDbContext>((services, options) => options
            .UseNpgsql(Tuned(connectionString), npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history", ApprovalFlowDbContext.Schema))
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(
                services.GetRequiredService<Features.ExternalTasks.ExternalTaskSaveInterceptor>(),
                services.GetRequiredService<Runtime.Timers.TimerSaveInterceptor>(),
                services.GetRequiredService<CommitInBatchInterceptor>()));
        builder.Services.AddHostedService<DatabaseMigrator>();
        // After the migrator: Data Protection reads the key ring at start-up in a hosted service of its own, which must
        // find the database created and migrated.
        builder.Services.AddDataProtection().SetApplicationName(DataProtectionApplicationName).PersistKeysToDbContext<ApprovalFlowDbContext>();
        builder.Services.AddHealthChecks().AddCheck<DatabaseReadyCheck>("database", tags: ["ready"]);
        return builder;
    }

    /// <summary>
    /// Connection settings for many short transactions, unless the connection string sets them:
    /// no session reset when a pooled connection is returned (every command runs in the default
    /// session state) and automatic preparation of the statements used most.
    /// </summary>
    private static string Tuned(string connectionString)
    {
        var tuned = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!tuned.ContainsKey("No Reset On Close"))
        {
            tuned.NoResetOnClose = true;
        }

        if (!tuned.ContainsKey("Max Auto Prepare"))
        {
            tuned.MaxAutoPrepare = 50;
        }

        return tuned.ConnectionString;
    }
}
