using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Directory;
using ApprovalFlow.Server.Features.Notifications;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ApprovalFlow.Server.Hosting;

/// <summary>
/// Refuses to start in the <c>Production</c> environment with settings that are only fit for a demo, each named with its
/// fix and all reported at once (<see cref="ProductionSettingsException"/>): the demo seed with the shipped demo password,
/// the seeded admin or process owner still signing in with it, a database that lets the service in without a password
/// (trust authentication, as far as the service can tell: no password in the connection string for a TCP host; on
/// PostgreSQL 16 and later <c>system_user</c> is null; for a superuser on older servers a <c>trust</c> rule for network
/// connections in <c>pg_hba_file_rules</c>), and an <c>App:BaseUrl</c> on a loopback address (a missing one is refused
/// in every environment by the validation of <see cref="AppOptions"/>).
/// Runs before the migrator; other environments are not checked. Never logs or reports a secret's value.
/// </summary>
internal sealed partial class ProductionGuard(
    IHostEnvironment environment,
    IConfiguration configuration,
    IOptions<SeedOptions> seed,
    ILogger<ProductionGuard> logger) : IHostedService
{
    /// <summary>Identity's hasher verifies every hash format it ever wrote, whatever the options that wrote it.</summary>
    private readonly PasswordHasher<ApplicationUser> _hasher = new();

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!environment.IsProduction())
        {
            return;
        }

        var failures = new List<string>();
        failures.AddRange(CheckSeed(seed.Value));
        failures.AddRange(CheckBaseUrl(configuration[$"{AppOptions.Section}:{nameof(AppOptions.BaseUrl)}"]));
        var connectionString = configuration.GetConnectionString(DataModule.ConnectionName) ?? string.Empty;
        failures.AddRange(CheckConnectionString(connectionString));
        failures.AddRange(await CheckDatabaseAsync(connectionString, seed.Value.AdminEmail, cancellationToken));
        if (failures.Count > 0)
        {
            throw new ProductionSettingsException(failures);
        }

        LogChecked(logger);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static IEnumerable<string> CheckSeed(SeedOptions options)
    {
        if (options.Demo && options.DemoPassword == SeedOptions.DefaultDemoPassword)
        {
            yield return "Seed:Demo is on with the shipped demo password (Seed:DemoPassword): every seeded account would sign in with a password "
                + "anyone can read in the README. Set Seed__DemoPassword to a password of your own for the first start, or Seed__Demo=false.";
        }
    }

    /// <summary>A missing or relative <c>App:BaseUrl</c> is refused in every environment by <see cref="AppOptions"/>' validation; Production also refuses loopback.</summary>
    private static IEnumerable<string> CheckBaseUrl(string? baseUrl)
    {
        if (Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) && uri.IsLoopback)
        {
            yield return $"App:BaseUrl is '{baseUrl}', a loopback address (the development default): set App__BaseUrl to the address users open "
                + "(e.g. https://plan.example.org); links in mails start with it.";
        }
    }

    private static IEnumerable<string> CheckConnectionString(string connectionString)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException)
        {
            yield break; // The database module reports a malformed connection string.
        }

        var socket = builder.Host?.StartsWith('/') == true;
        var secretElsewhere = !string.IsNullOrEmpty(builder.Passfile) || !string.IsNullOrEmpty(builder.SslCertificate)
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("PGPASSWORD")) || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("PGPASSFILE"));
        if (!socket && string.IsNullOrEmpty(builder.Password) && !secretElsewhere)
        {
            yield return $"ConnectionStrings:ApprovalFlow has no Password (nor Passfile or client certificate) for host '{builder.Host}': PostgreSQL lets "
                + "the service in without one only with trust authentication. Give the service's role a password (scram-sha-256 in pg_hba.conf) and put it in the connection string.";
        }
    }

    /// <summary>What the database itself shows: trust authentication, and demo accounts still on the demo password.</summary>
    private async Task<IReadOnlyList<string>> CheckDatabaseAsync(string connectionString, string adminEmail, CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        await using var connection = await OpenAsync(connectionString, cancellationToken);
        if (connection is null)
        {
            return failures; // Unreachable or malformed: the migrator reports it.
        }

        var version = Convert.ToInt32(await ScalarAsync(connection, "SELECT current_setting('server_version_num')", cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        if (version >= 160000)
        {
            if (await ScalarAsync(connection, "SELECT system_user", cancellationToken) is null or DBNull)
            {
                failures.Add("PostgreSQL let the service in with trust authentication (system_user is null): in pg_hba.conf give the service's "
                    + "connections scram-sha-256, and put the role's password in ConnectionStrings:ApprovalFlow.");
            }
        }
        else if (await ScalarAsync(connection, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user", cancellationToken) is true)
        {
            var lines = await ListAsync(connection, "SELECT line_number::text FROM pg_hba_file_rules WHERE 'trust' = auth_method AND type <> 'local' ORDER BY line_number", cancellationToken);
            if (lines.Count > 0)
            {
                failures.Add($"PostgreSQL accepts network connections with trust authentication (pg_hba.conf lines {string.Join(", ", lines)}): "
                    + "use scram-sha-256 there, and put the role's password in ConnectionStrings:ApprovalFlow.");
            }
        }

        if (connection.Database == new NpgsqlConnectionStringBuilder(connectionString).Database
            && await ScalarAsync(connection, $"SELECT to_regclass('{ApprovalFlowDbContext.Schema}.users') IS NOT NULL", cancellationToken) is true)
        {
            foreach (var email in new[] { adminEmail, DemoSeeder.OwnerEmail }.Distinct(StringComparer.OrdinalIgnoreCase))
            {
                await using var command = new NpgsqlCommand($"SELECT password_hash FROM {ApprovalFlowDbContext.Schema}.users WHERE normalized_email = $1", connection)
                {
                    Parameters = { new() { Value = email.ToUpperInvariant() } },
                };
                if (await command.ExecuteScalarAsync(cancellationToken) is string hash
                    && _hasher.VerifyHashedPassword(new ApplicationUser { DisplayName = email }, hash, SeedOptions.DefaultDemoPassword) != PasswordVerificationResult.Failed)
                {
                    failures.Add($"The seeded account {email} still signs in with the shipped demo password: change its password (or delete the account) before starting in Production.");
                }
            }
        }

        return failures;
    }

    /// <summary>A connection to the service's database, or to <c>postgres</c> when it does not exist yet; null when the server is unreachable.</summary>
    private static async Task<NpgsqlConnection?> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
            var connection = new NpgsqlConnection(builder.ConnectionString);
            try
            {
                await connection.OpenAsync(cancellationToken);
                return connection;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
            {
                await connection.DisposeAsync();
                connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(builder.ConnectionString) { Database = "postgres" }.ConnectionString);
                await connection.OpenAsync(cancellationToken);
                return connection;
            }
        }
        catch (Exception e) when (e is NpgsqlException or ArgumentException or TimeoutException)
        {
            return null;
        }
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    private static async Task<List<string>> ListAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var values = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Production settings checked: no demo password, no trust authentication, App:BaseUrl set")]
    private static partial void LogChecked(ILogger logger);
}
