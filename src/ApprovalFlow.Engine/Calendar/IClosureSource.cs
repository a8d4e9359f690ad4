using NodaTime;

namespace ApprovalFlow.Engine.Calendar;

/// <summary>
/// One-off closures (heat, energy shortage, pollution, mourning) decided at run time, e.g. added by an
/// administrator through the API. The host implements this from its database, or uses
/// <see cref="ClosureList"/> and keeps it up to date. <see cref="WorkingDayCalendar"/> reads
/// <see cref="Current"/> once per calculation, so a closure added later counts for every deadline
/// computed afterwards and never changes one already computed. Implementations are thread-safe and do
/// no I/O in <see cref="Current"/> (the engine is pure).
/// </summary>
public interface IClosureSource
{
    /// <summary>
    /// An immutable snapshot of all closures, keyed by ISO date (the local date in the calendar's zone).
    /// Must be cheap: it is read once for every working-day calculation.
    /// </summary>
    IReadOnlyDictionary<LocalDate, Closure> Current { get; }
}

/// <summary>A whole day on which offices are closed although it is neither weekend nor public holiday. Immutable.</summary>
/// <param name="Date">The ISO date (local in the calendar's zone).</param>
/// <param name="Reason">Why, for people (e.g. "Heat: cabinet decision of 1404/05/10").</param>
public sealed record Closure(LocalDate Date, string Reason);
