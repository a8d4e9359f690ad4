using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Data;

/// <summary>Registers the database: EF Core on Npgsql with snake_case names, migrations at start-up, readiness check.</summary>
public static class DataModule
{
    /// <summary>Connection string name: <c>ConnectionStrings:ApprovalFlow</c>.</summary>
    public const string ConnectionName = "ApprovalFlow";

    /// <summary>Adds <see cref="ApprovalFlowDbContext"/>, <see cref="DatabaseOptions"/> and the migrator.</summary>
    /// <exception cref="InvalidOperationException">No connection string <c>ConnectionStrings:ApprovalFlow</c>.</exception>
    public static WebApplicationBuilder AddApprovalFlowData(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var connectionString = builder.Configuration.GetConnectionString(ConnectionName)
            ?? throw new InvalidOperationException($"Set the connection string 'ConnectionStrings:{ConnectionName}' (PostgreSQL).");
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateOnStart();
        builder.Services.AddDbContext<ApprovalFlowDbContext>(options => options
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history", ApprovalFlowDbContext.Schema))
            .UseSnakeCaseNamingConvention());
        builder.Services.AddHostedService<DatabaseMigrator>();
        builder.Services.AddHealthChecks().AddCheck<DatabaseReadyCheck>("database", tags: ["ready"]);
        return builder;
    }
}
