using System.Diagnostics;
using System.Globalization;
using ApprovalFlow.Testing;
using Npgsql;

namespace ApprovalFlow.Benchmarks.Drills;

/// <summary>
/// A PostgreSQL cluster of the drill's own (<c>deploy/postgres.sh</c> with its own port and <c>APPROVALFLOW_PGDATA</c> under
/// <c>.data/</c>), which the database drill stops and starts; removed at the end. The tests' cluster is never touched.
/// </summary>
internal sealed class DrillCluster : IAsyncDisposable
{
    private DrillCluster(int port, string data)
    {
        Port = port;
        DataDirectory = data;
    }

    public int Port { get; }

    public string DataDirectory { get; }

    /// <summary>The connection string of the drill's database <c>approvalflow</c> (the service creates it).</summary>
    public string ConnectionString => new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "postgres", Database = "approvalflow", MaxPoolSize = 100 }.ConnectionString;

    public static async Task<DrillCluster> StartAsync()
    {
        var cluster = new DrillCluster(FreePort(), Path.Combine(BenchmarkDatabase.RepositoryRoot(), ".data", $"postgres-drill-{Environment.ProcessId}"));
        await cluster.RunAsync("start");
        return cluster;
    }

    public Task StartAgainAsync() => RunAsync("start");

    /// <summary><c>pg_ctl stop -m fast</c>: every session ends.</summary>
    public Task StopAsync() => RunAsync("stop");

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await StopAsync();
        var data = new DirectoryInfo(DataDirectory);
        if (data.LinkTarget is { } target)
        {
            Directory.Delete(target, recursive: true);
            data.Delete();
        }
        else if (data.Exists)
        {
            data.Delete(recursive: true);
        }
    }

    /// <summary>A loopback port for the drill's cluster, nodes and SMTP server (<see cref="LoopbackPorts"/>: <c>APPROVALFLOW_TEST_PORTS</c> keeps them in a range).</summary>
    public static int FreePort() => LoopbackPorts.Free();

    private async Task RunAsync(string action)
    {
        var info = new ProcessStartInfo("bash", [Path.Combine(BenchmarkDatabase.RepositoryRoot(), "deploy", "postgres.sh"), action])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["APPROVALFLOW_PGPORT"] = Port.ToString(CultureInfo.InvariantCulture);
        info.Environment["APPROVALFLOW_PGDATA"] = DataDirectory;
        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"deploy/postgres.sh {action} on port {Port} failed: {await error}");
        }
    }
}
