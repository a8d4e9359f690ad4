using System.Text;
using System.Text.RegularExpressions;
using Npgsql;

namespace ApprovalFlow.Benchmarks.Durable;

/// <summary>
/// The plans of every statement one page request runs, with its real parameters: PostgreSQL's <c>auto_explain</c>
/// (ANALYZE, BUFFERS, every duration) is switched on for the benchmark's database, the connection pools are cleared
/// so the service's next connections load it, the page is requested once, and the plans are read from the cluster's
/// log (<c>.data/postgres/server.log</c> of <c>deploy/postgres.sh</c>); Hangfire's own statements are left out.
/// </summary>
internal static partial class TaskPagePlans
{
    public static async Task<string> CaptureAsync(BenchmarkDatabase database, HttpClient client, string url)
    {
        var log = Path.Combine(BenchmarkDatabase.RepositoryRoot(), ".data", "postgres", "server.log");
        await SetAsync(database, """
            SET session_preload_libraries = 'auto_explain'; SET auto_explain.log_min_duration = 0; SET auto_explain.log_analyze = on;
            SET auto_explain.log_buffers = on; SET auto_explain.log_timing = on
            """);
        var from = new FileInfo(log).Length;
        try
        {
            NpgsqlConnection.ClearAllPools();
            using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
            response.EnsureSuccessStatusCode();
            await Task.Delay(500); // the log collector writes asynchronously
        }
        finally
        {
            await SetAsync(database, "RESET session_preload_libraries; RESET auto_explain.log_min_duration; RESET auto_explain.log_analyze; RESET auto_explain.log_buffers; RESET auto_explain.log_timing");
            NpgsqlConnection.ClearAllPools();
        }

        await using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(from, SeekOrigin.Begin);
        var text = await new StreamReader(stream).ReadToEndAsync();
        var plans = new StringBuilder();
        foreach (var entry in Entry().Split(text).Where(e => e.Contains("plan:", StringComparison.Ordinal) && !e.Contains("hangfire", StringComparison.OrdinalIgnoreCase)))
        {
            plans.AppendLine("      " + entry.Trim().Replace("\n", "\n      ", StringComparison.Ordinal));
        }

        return plans.Length == 0 ? $"      (no plans in {log})" : plans.ToString();
    }

    /// <summary>Database-level settings as <c>ALTER DATABASE ... SET/RESET</c> (each <c>SET x = y</c> / <c>RESET x</c> of <paramref name="statements"/>).</summary>
    private static async Task SetAsync(BenchmarkDatabase database, string statements)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        foreach (var statement in statements.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            await using var command = new NpgsqlCommand($"ALTER DATABASE \"{database.Name}\" {statement}", connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>A new log entry starts at the beginning of a line that is not a continuation (continuations start with a tab).</summary>
    [GeneratedRegex(@"\n(?=[^\t\n])")]
    private static partial Regex Entry();
}
