using System.Diagnostics;
using ApprovalFlow.Server.Tests.Support;
using ApprovalFlow.Testing;
using Npgsql;

namespace ApprovalFlow.Server.Tests.Outage;

/// <summary>
/// A PostgreSQL cluster of a test's own (deploy/postgres.sh with its own <c>APPROVALFLOW_PGPORT</c> and
/// <c>APPROVALFLOW_PGDATA</c> under the repo's <c>.data/</c>), which the test may stop and start; the shared test
/// cluster is never touched. Removed again (stopped, data folder deleted) at the end.
/// </summary>
public sealed class OwnCluster : IAsyncDisposable
{
    private OwnCluster(int port, string data)
    {
        Port = port;
        DataDirectory = data;
    }

    /// <summary>The loopback port it listens on.</summary>
    public int Port { get; }

    /// <summary>Its data folder.</summary>
    public string DataDirectory { get; }

    /// <summary>The connection string of its <c>postgres</c> database (set by <see cref="CreateAsync"/>).</summary>
    public string AdminConnectionString { get; private set; } = string.Empty;

    /// <summary>Creates and starts a cluster on a free port.</summary>
    public static async Task<OwnCluster> CreateAsync()
    {
        var port = LoopbackPorts.Free();
        var cluster = new OwnCluster(port, Path.Combine(TestDatabase.RepositoryRoot(), ".data", $"postgres-own-{port}"));
        var output = await cluster.RunAsync("start");
        cluster.AdminConnectionString = new NpgsqlConnectionStringBuilder(output.Trim().Split('\n')[^1]) { Database = "postgres" }.ConnectionString;
        return cluster;
    }

    /// <summary>Starts it again (<c>deploy/postgres.sh start</c>); returns when it accepts connections.</summary>
    public Task StartAsync() => RunAsync("start");

    /// <summary>Stops it (<c>deploy/postgres.sh stop</c>: <c>pg_ctl stop -m fast</c>, which ends every session).</summary>
    public Task StopAsync() => RunAsync("stop");

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        var data = new DirectoryInfo(DataDirectory);
        if (data.LinkTarget is { } target)
        {
            System.IO.Directory.Delete(target, recursive: true);
            data.Delete();
        }
        else if (data.Exists)
        {
            data.Delete(recursive: true);
        }
    }

    private async Task<string> RunAsync(string action)
    {
        var info = new ProcessStartInfo("bash", [Path.Combine(TestDatabase.RepositoryRoot(), "deploy", "postgres.sh"), action])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["APPROVALFLOW_PGPORT"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["APPROVALFLOW_PGDATA"] = DataDirectory;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"deploy/postgres.sh {action} on port {Port} failed ({process.ExitCode}): {await error}");
        return await output;
    }
}
