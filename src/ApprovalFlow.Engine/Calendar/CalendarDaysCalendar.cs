using NodaTime;

namespace ApprovalFlow.Engine.Calendar;

/// <summary>
/// A calendar where every day counts: periods are added to the local date-time in <see cref="Zone"/>
/// (so <c>P1D</c> is one calendar day, across any offset change), then mapped back leniently
/// (NodaTime <c>Resolvers.LenientResolver</c>). Immutable and thread-safe.
/// </summary>
/// <param name="zone">The zone for local times; <see langword="null"/> for UTC.</param>
public sealed class CalendarDaysCalendar(DateTimeZone? zone = null) : IBusinessCalendar
{
    /// <inheritdoc />
    public DateTimeZone Zone { get; } = zone ?? DateTimeZone.Utc;

    /// <inheritdoc />
    public DateTimeOffset Add(DateTimeOffset from, Period period)
    {
        ArgumentNullException.ThrowIfNull(period);
        var local = Instant.FromDateTimeOffset(from).InZone(Zone).LocalDateTime;
        return (local + period).InZoneLeniently(Zone).ToInstant().ToDateTimeOffset();
    }

    /// <inheritdoc />
    /// <remarks>Every day is a working day here: the same local time <paramref name="workingDays"/> calendar days later.</remarks>
    public DateTimeOffset AddWorkingDays(DateTimeOffset from, int workingDays) => Add(from, Period.FromDays(workingDays));
}
