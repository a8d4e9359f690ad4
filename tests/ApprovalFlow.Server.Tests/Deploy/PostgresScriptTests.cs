using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ApprovalFlow.Server.Tests.Support;
using Npgsql;

namespace ApprovalFlow.Server.Tests.Deploy;

/// <summary>
/// <c>deploy/postgres.sh</c> copied into folders the <c>postgres</c> user cannot enter (a clone under
/// <c>/root</c>, below a folder of mode 700), with spaces in their paths: it must start a cluster there,
/// print a connection string that works, and stop it. Each run has its own port (55450–55459) and is
/// removed again, cluster included.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public class PostgresScriptTests
{
    private const string Database = "af_script_test";

    [RootTheory]
    [InlineData("/root", "approvalflow script {0}", "")]
    [InlineData("/tmp", "approvalflow 700 {0}", "my clone")]
    public async Task PostgresScript_InAFolderThePostgresUserCannotEnter_StartsConnectsAndStops(string under, string folderPattern, string clone)
    {
        var folder = Path.Combine(under, string.Format(System.Globalization.CultureInfo.InvariantCulture, folderPattern, Guid.NewGuid().ToString("N")[..8]));
        var repo = Path.Combine(folder, clone);
        System.IO.Directory.CreateDirectory(Path.Combine(repo, "deploy"));
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var script = Path.Combine(repo, "deploy", "postgres.sh");
        File.Copy(Path.Combine(TestDatabase.RepositoryRoot(), "deploy", "postgres.sh"), script);
        var port = FreePort();
        try
        {
            var started = await RunAsync(repo, script, port, "start");
            Assert.True(started.ExitCode == 0, $"postgres.sh start failed ({started.ExitCode}): {started.Error}");
            var connectionString = started.Output.Trim().Split('\n')[^1];
            Assert.Equal($"Host=127.0.0.1;Port={port};Username=postgres;Database={Database}", connectionString);

            await using (var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false }.ConnectionString))
            {
                await admin.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE {Database}", admin);
                await create.ExecuteNonQueryAsync();
                await using var show = new NpgsqlCommand("SHOW data_directory", admin);
                var dataDirectory = (string)(await show.ExecuteScalarAsync())!;
                Assert.StartsWith("/var/lib/approvalflow/", dataDirectory, StringComparison.Ordinal);
                Assert.Equal(dataDirectory, ResolveLink(Path.Combine(repo, ".data", "postgres")));
                Assert.True(File.Exists(Path.Combine(repo, ".data", "postgres", "server.log")), "the server log is reachable as .data/postgres/server.log");
            }

            await using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString))
            {
                await connection.OpenAsync();
                await using var current = new NpgsqlCommand("SELECT current_database()", connection);
                Assert.Equal(Database, await current.ExecuteScalarAsync());
            }

            var stopped = await RunAsync(repo, script, port, "stop");
            Assert.True(stopped.ExitCode == 0, $"postgres.sh stop failed ({stopped.ExitCode}): {stopped.Error}");
            await using var afterStop = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
            await Assert.ThrowsAnyAsync<NpgsqlException>(() => afterStop.OpenAsync());
        }
        finally
        {
            await RunAsync(repo, script, port, "stop");
            if (ResolveLink(Path.Combine(repo, ".data", "postgres")) is { } outside && outside.StartsWith("/var/lib/approvalflow/", StringComparison.Ordinal))
            {
                System.IO.Directory.Delete(Path.GetDirectoryName(outside)!, recursive: true);
            }

            System.IO.Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string repo, string script, int port, string action)
    {
        var info = new ProcessStartInfo("bash", [script, action]) { WorkingDirectory = repo, RedirectStandardOutput = true, RedirectStandardError = true };
        info.Environment["APPROVALFLOW_PGPORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["APPROVALFLOW_DATABASE"] = Database;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }

    private static string? ResolveLink(string path) =>
        new DirectoryInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName;

    /// <summary>The first port of 55450–55459 nothing listens on (the range set aside for such extra clusters).</summary>
    private static int FreePort()
    {
        for (var port = 55450; port <= 55459; port++)
        {
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
            }
        }

        throw new InvalidOperationException("Ports 55450–55459 are all taken.");
    }
}

/// <summary>A theory that runs only as root (it needs <c>runuser</c> and folders the <c>postgres</c> user cannot enter).</summary>
public sealed class RootTheoryAttribute : TheoryAttribute
{
    public RootTheoryAttribute()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            Skip = "Needs root: the script's handling of folders the postgres user cannot enter runs only as root.";
        }
    }
}
