using ApprovalFlow.Bpmn.Model;

namespace ApprovalFlow.Server.Data;

/// <summary>
/// The schedule of one timer start event of the latest version of a definition key (BPMN 2.0.2 §10.5.2):
/// one row per (key, start event), replaced when another version becomes the latest. A firing claims the
/// row by moving <see cref="NextDueAt"/> on in the transaction that starts the instance, guarded by
/// <see cref="Version"/> (optimistic concurrency), so two nodes never start the same firing twice.
/// </summary>
public sealed class TimerStartScheduleRecord
{
    /// <summary>Row id; the Hangfire jobs that fire it carry it.</summary>
    public Guid Id { get; set; }

    /// <summary>The definition version (row id) whose start event this is.</summary>
    public Guid DefinitionId { get; set; }

    /// <summary>The definition key.</summary>
    public required string DefinitionKey { get; set; }

    /// <summary>The timer start event's id.</summary>
    public required string StartEventId { get; set; }

    /// <summary>The timer's kind.</summary>
    public TimerKind Kind { get; set; }

    /// <summary>The timer text, evaluated once when the version became the latest.</summary>
    public required string Expression { get; set; }

    /// <summary>The next firing's due instant (UTC), or <see langword="null"/> when the timer has no more firings.</summary>
    public DateTimeOffset? NextDueAt { get; set; }

    /// <summary>The next firing's 0-based place in the timer's occurrences (bounds <c>R3/...</c>).</summary>
    public int Occurrence { get; set; }

    /// <summary>How many instances it has started.</summary>
    public int FiredCount { get; set; }

    /// <summary>When it last started an instance (UTC), or <see langword="null"/>.</summary>
    public DateTimeOffset? LastFiredAt { get; set; }

    /// <summary>When the version became the latest and the schedule was made (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Optimistic-concurrency version, raised by each firing.</summary>
    public int Version { get; set; }
}
