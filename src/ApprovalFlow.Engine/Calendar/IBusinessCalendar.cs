using NodaTime;

namespace ApprovalFlow.Engine.Calendar;

/// <summary>
/// Turns timer and due-date periods into instants. <see cref="CalendarDaysCalendar"/> counts plain calendar
/// days; <see cref="WorkingDayCalendar"/> (Solar Hijri working days, Asia/Tehran) does the same for periods and
/// adds working-day arithmetic, used in expressions through <see cref="BusinessCalendarFunctions"/>.
/// Implementations are thread-safe and pure.
/// </summary>
public interface IBusinessCalendar
{
    /// <summary>The zone in which local dates and times without an offset are read (e.g. <c>Asia/Tehran</c>).</summary>
    DateTimeZone Zone { get; }

    /// <summary>The instant <paramref name="period"/> after <paramref name="from"/>.</summary>
    /// <param name="from">The start instant (any offset).</param>
    /// <param name="period">An ISO 8601 period; years, months and days are added to the local date in <see cref="Zone"/>.</param>
    /// <returns>The resulting instant, in UTC.</returns>
    DateTimeOffset Add(DateTimeOffset from, Period period);

    /// <summary>
    /// The instant <paramref name="workingDays"/> working days after (or, when negative, before)
    /// <paramref name="from"/>; a calendar where every day works counts calendar days.
    /// </summary>
    /// <param name="from">The start instant (any offset).</param>
    /// <param name="workingDays">Working days; negative counts back.</param>
    /// <returns>The resulting instant, in UTC.</returns>
    DateTimeOffset AddWorkingDays(DateTimeOffset from, int workingDays);
}
