using System.Collections.Immutable;
using NodaTime;

namespace ApprovalFlow.Engine.Calendar;

/// <summary>
/// An in-memory <see cref="IClosureSource"/>: the host adds closures as an administrator decides them (or
/// loads them from its database at start-up with <see cref="Replace"/>). Thread-safe: every change
/// swaps in a new immutable snapshot, so a calculation running concurrently sees the closures either
/// before or after the change, never half of it.
/// </summary>
public sealed class ClosureList : IClosureSource
{
    private ImmutableDictionary<LocalDate, Closure> _current = ImmutableDictionary<LocalDate, Closure>.Empty;

    /// <summary>Creates the list, empty or with <paramref name="closures"/>.</summary>
    /// <param name="closures">Initial closures; a later one on the same date replaces an earlier one.</param>
    public ClosureList(IEnumerable<Closure>? closures = null)
    {
        if (closures is not null)
        {
            Replace(closures);
        }
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<LocalDate, Closure> Current => Volatile.Read(ref _current);

    /// <summary>Closes offices on <paramref name="date"/>; replaces the reason if the day is already closed.</summary>
    /// <param name="date">The date (any calendar; stored as ISO).</param>
    /// <param name="reason">Why, for people; not empty.</param>
    /// <exception cref="ArgumentException"><paramref name="reason"/> is empty.</exception>
    public void Add(LocalDate date, string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var iso = date.WithCalendar(CalendarSystem.Iso);
        ImmutableInterlocked.AddOrUpdate(ref _current, iso, new Closure(iso, reason), (_, _) => new Closure(iso, reason));
    }

    /// <summary>Reopens <paramref name="date"/> (e.g. a closure entered by mistake).</summary>
    /// <param name="date">The date (any calendar).</param>
    /// <returns>Whether the date was closed.</returns>
    public bool Remove(LocalDate date) =>
        ImmutableInterlocked.TryRemove(ref _current, date.WithCalendar(CalendarSystem.Iso), out _);

    /// <summary>Replaces all closures at once (e.g. reloaded from the database).</summary>
    /// <param name="closures">The closures; a later one on the same date replaces an earlier one.</param>
    /// <exception cref="ArgumentException">A reason is empty.</exception>
    public void Replace(IEnumerable<Closure> closures)
    {
        ArgumentNullException.ThrowIfNull(closures);
        var builder = ImmutableDictionary.CreateBuilder<LocalDate, Closure>();
        foreach (var closure in closures)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(closure.Reason, nameof(closures));
            var iso = closure.Date.WithCalendar(CalendarSystem.Iso);
            builder[iso] = closure with { Date = iso };
        }

        Volatile.Write(ref _current, builder.ToImmutable());
    }
}
