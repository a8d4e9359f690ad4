using NodaTime;

namespace ApprovalFlow.Engine.Calendar;

/// <summary>
/// Settings of a <see cref="WorkingDayCalendar"/>. Every property has the default of an Iranian government
/// office in Tehran; set only what differs. Not thread-safe while being initialised; the calendar copies
/// what it needs when created.
/// </summary>
public sealed class WorkingDayCalendarOptions
{
    /// <summary>
    /// The zone of office days. Default <c>Asia/Tehran</c> from the IANA tz database
    /// (<see cref="DateTimeZoneProviders.Tzdb"/>): UTC+03:30 all year since 1402; the zone history keeps the
    /// daylight saving time of earlier years.
    /// </summary>
    public DateTimeZone Zone { get; init; } = DateTimeZoneProviders.Tzdb["Asia/Tehran"];

    /// <summary>
    /// The days of the weekly weekend. Default Thursday and Friday (working week Saturday to Wednesday).
    /// Friday is the only constitutional weekly holiday; Thursday closure is decided per province, so
    /// offices that work on Thursdays set only Friday. Must leave at least one working day.
    /// </summary>
    public IReadOnlyCollection<IsoDayOfWeek> Weekend { get; init; } = [IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday];

    /// <summary>
    /// The local time (in <see cref="Zone"/>) at which the office day ends. Default 14:00. Deadlines computed
    /// in working days fall at this time, and work arriving at or after it counts as arriving on the next
    /// working day. Must be after 00:00. Office hours change by season (e.g. until 13:00 in summer 1404):
    /// create a new calendar when they do.
    /// </summary>
    public LocalTime OfficeDayEnd { get; init; } = new(14, 0);

    /// <summary>Official public holidays. Default none (<see cref="HolidayCalendarData.Empty"/>).</summary>
    public HolidayCalendarData Holidays { get; init; } = HolidayCalendarData.Empty;

    /// <summary>One-off closures decided at run time; default none (<see langword="null"/>).</summary>
    public IClosureSource? Closures { get; init; }
}
