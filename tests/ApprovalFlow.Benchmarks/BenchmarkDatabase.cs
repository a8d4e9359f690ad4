using ApprovalFlow.Testing;
using Npgsql;

namespace ApprovalFlow.Benchmarks;

/// <summary>
/// A fresh database on the local cluster of <c>deploy/postgres.sh</c> (started if needed, on
/// <c>APPROVALFLOW_PGPORT</c>), as the server tests make theirs; dropped at the end unless kept.
/// </summary>
internal sealed class BenchmarkDatabase : IAsyncDisposable
{
    private readonly string _admin;

    private BenchmarkDatabase(string admin, string name, bool keep)
    {
        _admin = admin;
        Keep = keep;
        Name = name;
        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name, MaxPoolSize = 200 };
        ConnectionString = builder.ConnectionString;
        Host = builder.Host!;
        Port = builder.Port;
        Username = builder.Username!;
    }

    public string ConnectionString { get; }

    public string Name { get; }

    public string Host { get; }

    public int Port { get; }

    public string Username { get; }

    /// <summary>Whether the database is kept (not dropped) at the end.</summary>
    public bool Keep { get; set; }

    public static async Task<BenchmarkDatabase> CreateAsync(bool keep, string prefix = "approvalflow_bench")
    {
        var admin = await LocalCluster.AdminConnectionStringAsync();
        var name = $"{prefix}_{DateTime.UtcNow:yyyyMMddHHmmss}";
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await create.ExecuteNonQueryAsync();
        return new BenchmarkDatabase(admin, name, keep);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (Keep)
        {
            Console.WriteLine($"Kept database {Name}.");
            return;
        }

        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    public static string RepositoryRoot() => LocalCluster.RepositoryRoot();
}
