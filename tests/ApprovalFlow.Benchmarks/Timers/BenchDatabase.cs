using System.Diagnostics;
using Npgsql;

namespace ApprovalFlow.Benchmarks.Timers;

/// <summary>
/// A fresh PostgreSQL database on the local cluster of <c>deploy/postgres.sh</c> (started if it is not
/// running; port from <c>APPROVALFLOW_PGPORT</c>), dropped again at the end — as the server tests do.
/// </summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    private BenchDatabase(string connectionString, string adminConnectionString, string name)
    {
        ConnectionString = connectionString;
        AdminConnectionString = adminConnectionString;
        Name = name;
    }

    public string ConnectionString { get; }

    public string AdminConnectionString { get; }

    public string Name { get; }

    public bool Keep { get; set; }

    public static async Task<BenchDatabase> CreateAsync(string prefix)
    {
        var admin = await ClusterConnectionStringAsync();
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 60)];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name, MaxPoolSize = 200 };
        return new BenchDatabase(builder.ConnectionString, admin, name);
    }

    public async ValueTask DisposeAsync()
    {
        if (Keep)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private static async Task<string> ClusterConnectionStringAsync()
    {
        var script = Path.Combine(RepositoryRoot(), "deploy", "postgres.sh");
        using var process = Process.Start(new ProcessStartInfo("bash", [script]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"deploy/postgres.sh failed ({process.ExitCode}): {error}");
        }

        return new NpgsqlConnectionStringBuilder(output.Trim().Split('\n')[^1]) { Database = "postgres" }.ConnectionString;
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ApprovalFlow.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("ApprovalFlow.sln not found above the benchmark binaries.");
    }
}
