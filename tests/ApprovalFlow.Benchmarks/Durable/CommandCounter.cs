using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace ApprovalFlow.Benchmarks.Durable;

/// <summary>
/// Counts the commands Npgsql sends from this process (its <c>Npgsql</c> activity source: one activity
/// per command or batch, i.e. one round trip), grouped by statement, and the transactions the server
/// committed in the database (<c>pg_stat_database.xact_commit</c>). Commands run on behalf of one
/// completion (inside a <see cref="Completion"/> activity, or in the HTTP request it sent: the trace
/// context travels in <c>traceparent</c>) are counted apart from background work (Hangfire, the outbox
/// dispatcher, mail jobs). Npgsql traces no activity for <c>COMMIT</c>, so EF Core's
/// <c>TransactionCommitted</c> events are counted as round trips too; a completion's server transactions
/// are its commands outside an explicit transaction plus its commits, those of EF Core and those sent as the last
/// statement of a batch (<c>CommitInBatchInterceptor</c>). Thread-safe.
/// </summary>
internal sealed class CommandCounter : IDisposable, IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
{
    private const string Commit = "COMMIT (EF Core transaction)";

    private static readonly ActivitySource Source = new("ApprovalFlow.Benchmarks");

    private readonly ConcurrentDictionary<string, int> _own = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _background = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<ActivityTraceId, byte> _completions = new();
    private readonly ActivityListener _listener;
    private readonly IDisposable _diagnostics;
    private readonly List<IDisposable> _subscriptions = [];
    private int _ownInTransaction;
    private int _ownBatchCommits;

    public CommandCounter()
    {
        _listener = new ActivityListener
        {
            // The ASP.NET Core and HttpClient sources are listened to so that their activities exist and carry the trace.
            ShouldListenTo = source => source.Name is "Npgsql" or "ApprovalFlow.Benchmarks" or "Microsoft.AspNetCore" or "System.Net.Http",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStarted = activity =>
            {
                if (activity.Source == Source)
                {
                    _completions[activity.TraceId] = 0;
                }
            },
            ActivityStopped = activity =>
            {
                if (activity.Source.Name != "Npgsql")
                {
                    return;
                }

                var text = activity.GetTagItem("db.query.text") as string ?? activity.DisplayName;
                var own = _completions.ContainsKey(activity.TraceId);
                Add(own, Shorten(text));
                if (own && text.TrimEnd().EndsWith("\nCOMMIT;", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref _ownBatchCommits);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
        _diagnostics = DiagnosticListener.AllListeners.Subscribe(this);
    }

    /// <summary>Starts the activity that marks the commands of one completion (dispose it when the completion ends).</summary>
    public static Activity? Completion() => Source.StartActivity("completion");

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

    /// <summary>Round trips and transactions per operation, the completion's own and the background's, most frequent first.</summary>
    public string Report(int operations)
    {
        var text = new StringBuilder();
        var own = _own.Values.Sum();
        text.AppendLine(CultureInfo.InvariantCulture, $"    the completion's own: {(double)own / operations,6:F2} round trips and {(double)(own - _ownInTransaction + _ownBatchCommits) / operations:F2} transactions per completion ({(double)_ownBatchCommits / operations:F2} committed in the step's batch), by statement:");
        foreach (var (statement, count) in _own.OrderByDescending(s => s.Value))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"    {(double)count / operations,6:F2}  {statement}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"    background (Hangfire, outbox, mail jobs; COMMITs of raw Npgsql transactions not counted): {(double)_background.Values.Sum() / operations,6:F2} commands per completion, by statement:");
        foreach (var (statement, count) in _background.OrderByDescending(s => s.Value).Take(12))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"    {(double)count / operations,6:F2}  {statement}");
        }

        return text.ToString();
    }

    /// <summary>Every command counted, per operation (e.g. per timer fired), most frequent statements first.</summary>
    public string BackgroundReport(int operations, string unit, int statements)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"    {(double)_background.Values.Sum() / operations,6:F2} round trips per {unit} (commands traced by Npgsql and EF Core commits), by statement:");
        foreach (var (statement, count) in _background.OrderByDescending(s => s.Value).Take(statements))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"    {(double)count / operations,6:F2}  {statement}");
        }

        return text.ToString();
    }

    public void Dispose()
    {
        _listener.Dispose();
        _diagnostics.Dispose();
        lock (_subscriptions)
        {
            _subscriptions.ForEach(s => s.Dispose());
        }
    }

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener value)
    {
        if (value.Name == DbLoggerCategory.Name)
        {
            lock (_subscriptions)
            {
                _subscriptions.Add(value.Subscribe(this, name => name == RelationalEventId.TransactionCommitted.Name || name == RelationalEventId.CommandExecuted.Name));
            }
        }
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        var own = Activity.Current is { } current && _completions.ContainsKey(current.TraceId);
        if (value.Value is TransactionEndEventData)
        {
            Add(own, Commit);
        }
        else if (own && value.Value is CommandExecutedEventData { Command.Transaction: not null })
        {
            Interlocked.Increment(ref _ownInTransaction);
        }
    }

    void IObserver<DiagnosticListener>.OnCompleted()
    {
    }

    void IObserver<DiagnosticListener>.OnError(Exception error)
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnCompleted()
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error)
    {
    }

    private void Add(bool own, string statement) => (own ? _own : _background).AddOrUpdate(statement, 1, (_, n) => n + 1);

    private static string Shorten(string sql)
    {
        var oneLine = string.Join(' ', sql.Split((char[])['\n', '\r', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries));
        return oneLine.Length <= 150 ? oneLine : oneLine[..150] + "...";
    }
}
