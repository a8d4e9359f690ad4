using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Npgsql;

namespace ApprovalFlow.Benchmarks.Durable;

/// <summary>
/// Counts the commands Npgsql sends from this process (its <c>Npgsql</c> activity source: one activity
/// per command or batch, i.e. one round trip), grouped by statement, and the transactions the server
/// committed in the database (<c>pg_stat_database.xact_commit</c>). Thread-safe.
/// </summary>
internal sealed class CommandCounter : IDisposable
{
    private readonly ConcurrentDictionary<string, int> _statements = new(StringComparer.Ordinal);
    private readonly ActivityListener _listener;

    public CommandCounter()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                var text = activity.GetTagItem("db.query.text") as string ?? activity.DisplayName;
                _statements.AddOrUpdate(Shorten(text), 1, (_, n) => n + 1);
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Reset() => _statements.Clear();

    public static async Task<long> CommittedAsync(BenchmarkDatabase database)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_stat_clear_snapshot(); SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.NextResultAsync();
        await reader.ReadAsync();
        return reader.GetInt64(0);
    }

    /// <summary>Commands per operation, most frequent first.</summary>
    public string Report(int operations)
    {
        var text = new StringBuilder();
        var total = _statements.Values.Sum();
        text.AppendLine(CultureInfo.InvariantCulture, $"    {(double)total / operations,6:F2} commands (round trips) per completion, by statement:");
        foreach (var (statement, count) in _statements.OrderByDescending(s => s.Value))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"    {(double)count / operations,6:F2}  {statement}");
        }

        return text.ToString();
    }

    public void Dispose() => _listener.Dispose();

    private static string Shorten(string sql)
    {
        var oneLine = string.Join(' ', sql.Split((char[])['\n', '\r', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries));
        return oneLine.Length <= 150 ? oneLine : oneLine[..150] + "...";
    }
}
