using ApprovalFlow.Testing;
using Npgsql;

namespace ApprovalFlow.Server.Tests.Support;

/// <summary>
/// A fresh PostgreSQL database on the local cluster of <c>deploy/postgres.sh</c> (started here if it
/// is not running), dropped again at the end.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private TestDatabase(string connectionString, string adminConnectionString, string name)
    {
        ConnectionString = connectionString;
        AdminConnectionString = adminConnectionString;
        Name = name;
    }

    public string ConnectionString { get; }

    public string AdminConnectionString { get; }

    public string Name { get; }

    public static async Task<TestDatabase> CreateAsync() => await CreateAsync(await LocalCluster.AdminConnectionStringAsync());

    /// <summary>A fresh database on the cluster of <paramref name="adminConnectionString"/> (its <c>postgres</c> database), dropped at the end.</summary>
    public static async Task<TestDatabase> CreateAsync(string adminConnectionString)
    {
        var database = NotCreated(adminConnectionString);
        await using (var connection = new NpgsqlConnection(database.AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        return database;
    }

    /// <summary>A database name of its own that does not exist yet (the service creates it, as on a first start); dropped at the end if it exists.</summary>
    public static async Task<TestDatabase> NotCreatedAsync() => NotCreated(await LocalCluster.AdminConnectionStringAsync());

    private static TestDatabase NotCreated(string admin)
    {
        var name = $"approvalflow_test_{Guid.NewGuid():N}"[..40];
        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name, MaxPoolSize = 200 };
        return new TestDatabase(builder.ConnectionString, admin, name);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    public static string RepositoryRoot() => LocalCluster.RepositoryRoot();
}
