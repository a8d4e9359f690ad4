using System.Diagnostics.Metrics;
using ApprovalFlow.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ApprovalFlow.Server.Hosting.Telemetry;

/// <summary>
/// Observable gauges read from the database, on the <see cref="ApprovalFlowTelemetry.Name"/> meter (Prometheus names in brackets):
/// <list type="bullet">
/// <item><c>approvalflow.tasks.open</c> (<c>approvalflow_tasks_open</c>): open user tasks; tag <c>definition</c> (the task's own process key).</item>
/// <item><c>approvalflow.tasks.overdue</c> (<c>approvalflow_tasks_overdue</c>): open user tasks past their due instant; tag <c>definition</c>.</item>
/// <item><c>approvalflow.outbox.pending</c> (<c>approvalflow_outbox_pending</c>): outbox rows not yet handed to Hangfire.</item>
/// <item><c>approvalflow.outbox.oldest_pending.age</c> (<c>approvalflow_outbox_oldest_pending_age_seconds</c>): s, age of the oldest of them (0 when none).</item>
/// </list>
/// All four come from one reading (two queries) reused for <see cref="TelemetryOptions.GaugeRefreshInterval"/>, however
/// often and by however many readers they are collected. While the database cannot be read the gauges report nothing
/// (no stale numbers), and the next reading is tried after the interval. Thread-safe singleton.
/// </summary>
public sealed partial class WorkloadGauges
{
    private const string NoDefinition = "";

    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private readonly ILogger<WorkloadGauges> _logger;
    private readonly Lock _lock = new();
    private Reading _reading = Reading.None;
    private long _readAt = long.MinValue;

    /// <summary>Creates the gauges on the factory's <see cref="ApprovalFlowTelemetry.Name"/> meter.</summary>
    public WorkloadGauges(IMeterFactory meters, IServiceScopeFactory scopes, TimeProvider time, IOptions<TelemetryOptions> options, ILogger<WorkloadGauges> logger)
    {
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(options);
        _scopes = scopes;
        _time = time;
        _interval = options.Value.GaugeRefreshInterval;
        _logger = logger;
        var meter = meters.Create(ApprovalFlowTelemetry.Name);
        meter.CreateObservableGauge("approvalflow.tasks.open", () => Current().Tasks.Select(t => Tagged(t.Open, t.DefinitionKey)), "{task}", "Open user tasks by definition key.");
        meter.CreateObservableGauge("approvalflow.tasks.overdue", () => Current().Tasks.Select(t => Tagged(t.Overdue, t.DefinitionKey)), "{task}", "Open user tasks past their due instant, by definition key.");
        meter.CreateObservableGauge("approvalflow.outbox.pending", () => Current().Outbox is { } o ? [new Measurement<long>(o.Pending)] : Array.Empty<Measurement<long>>(), "{row}", "Outbox rows not yet handed to Hangfire.");
        meter.CreateObservableGauge("approvalflow.outbox.oldest_pending.age", () => Current().Outbox is { } o ? [new Measurement<double>(o.OldestAgeSeconds)] : Array.Empty<Measurement<double>>(), "s", "Age of the oldest outbox row not yet handed to Hangfire (0 when none).");
    }

    private static Measurement<long> Tagged(long value, string definitionKey) => new(value, new KeyValuePair<string, object?>(ApprovalFlowTelemetry.DefinitionTag, definitionKey));

    /// <summary>The reading of the current interval: read now if the last one is older than the interval.</summary>
    private Reading Current()
    {
        lock (_lock)
        {
            if (_readAt != long.MinValue && _time.GetElapsedTime(_readAt) < _interval)
            {
                return _reading;
            }

            _readAt = _time.GetTimestamp();
            _reading = Read();
            return _reading;
        }
    }

    private Reading Read()
    {
        try
        {
            using var scope = _scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
            db.Database.SetCommandTimeout(TimeSpan.FromSeconds(5));
            var now = _time.GetUtcNow();
            var tasks = db.Tasks.AsNoTracking()
                .Where(t => t.Status == UserTaskStatus.Open)
                .GroupBy(t => t.DefinitionKey)
                .Select(g => new TaskCount(g.Key ?? NoDefinition, g.LongCount(), g.LongCount(t => t.DueAt < now)))
                .ToList();
            var outbox = db.Outbox.AsNoTracking()
                .Where(o => o.DispatchedAt == null)
                .GroupBy(_ => 1)
                .Select(g => new { Pending = g.LongCount(), Oldest = g.Min(o => o.CreatedAt) })
                .SingleOrDefault();
            return new Reading(tasks, outbox is null ? new OutboxBacklog(0, 0) : new OutboxBacklog(outbox.Pending, Math.Max(0, (now - outbox.Oldest).TotalSeconds)));
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or InvalidOperationException or TimeoutException)
        {
            LogReadFailed(_logger, e.GetType().Name, e.Message);
            return Reading.None;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The task and outbox gauges could not read the database ({ErrorType}: {Error}); they report nothing until the next reading")]
    private static partial void LogReadFailed(ILogger logger, string errorType, string error);

    private sealed record TaskCount(string DefinitionKey, long Open, long Overdue);

    private sealed record OutboxBacklog(long Pending, double OldestAgeSeconds);

    private sealed record Reading(IReadOnlyList<TaskCount> Tasks, OutboxBacklog? Outbox)
    {
        public static Reading None { get; } = new([], null);
    }
}
