using System.Diagnostics;
using Npgsql;

namespace ApprovalFlow.Testing;

/// <summary>
/// The repository and its local PostgreSQL cluster for tests and benchmarks (linked into both projects):
/// <c>APPROVALFLOW_TEST_POSTGRES</c> when set, otherwise the cluster <c>deploy/postgres.sh</c> starts.
/// </summary>
internal static class LocalCluster
{
    /// <summary>The connection string of the cluster's <c>postgres</c> database.</summary>
    /// <exception cref="InvalidOperationException"><c>deploy/postgres.sh</c> failed.</exception>
    public static async Task<string> AdminConnectionStringAsync()
    {
        var configured = Environment.GetEnvironmentVariable("APPROVALFLOW_TEST_POSTGRES");
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

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

    /// <summary>The folder holding <c>ApprovalFlow.sln</c>, found above the running binaries.</summary>
    /// <exception cref="InvalidOperationException">No such folder.</exception>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ApprovalFlow.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("ApprovalFlow.sln not found above the binaries.");
    }
}
