using NodaTime;

namespace ApprovalFlow.Engine.Calendar;

/// <summary>
/// The organisation's business calendar: working days are the days that are not weekend
/// (<see cref="WorkingDayCalendarOptions.Weekend"/>), not official public holidays
/// (<see cref="WorkingDayCalendarOptions.Holidays"/>, Solar Hijri years from
/// <c>workflows/calendars/iran-&lt;year&gt;.json</c>) and not one-off closures
/// (<see cref="WorkingDayCalendarOptions.Closures"/>). Days of a Solar Hijri year without holiday data
/// count by weekend and closures only (see <see cref="HolidayCalendarData.Covers"/>).
/// <para>
/// <see cref="Add"/> (the <see cref="IBusinessCalendar"/> contract, used for ISO 8601 periods such as
/// <c>P3D</c> in timers) counts calendar days in <see cref="Zone"/>; working days are counted only by
/// <see cref="AddWorkingDays"/> (and the expression functions of
/// <see cref="BusinessCalendarFunctions"/>).
/// </para>
/// Thread-safe and pure: closures are read from their source once per call, so a closure added later
/// counts for every calculation made afterwards.
/// </summary>
public sealed class WorkingDayCalendar : IBusinessCalendar
{
    /// <summary>The largest number of working days <see cref="AddWorkingDays"/> accepts either way (about 40 years).</summary>
    public const int MaxWorkingDays = 10_000;

    private static readonly IReadOnlyDictionary<LocalDate, Closure> NoClosures = new Dictionary<LocalDate, Closure>();

    private readonly bool[] _weekend = new bool[8]; // Indexed by IsoDayOfWeek (1–7).
    private readonly IClosureSource? _closures;
    private readonly CalendarDaysCalendar _calendarDays;

    /// <summary>Creates the calendar.</summary>
    /// <param name="options">Settings; the defaults of <see cref="WorkingDayCalendarOptions"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">
    /// A setting is <see langword="null"/>, a weekend day is not a day of the week, every day is weekend, or
    /// the office day ends at 00:00.
    /// </exception>
    public WorkingDayCalendar(WorkingDayCalendarOptions? options = null)
    {
        options ??= new WorkingDayCalendarOptions();
        Zone = options.Zone ?? throw new ArgumentException("The zone is not set.", nameof(options));
        Holidays = options.Holidays ?? throw new ArgumentException("The holidays are not set.", nameof(options));
        var weekend = options.Weekend ?? throw new ArgumentException("The weekend is not set.", nameof(options));
        foreach (var day in weekend)
        {
            if (day is < IsoDayOfWeek.Monday or > IsoDayOfWeek.Sunday)
            {
                throw new ArgumentException($"The weekend day {day} is not a day of the week.", nameof(options));
            }

            _weekend[(int)day] = true;
        }

        if (_weekend.Count(w => w) == 7)
        {
            throw new ArgumentException("The weekend covers every day of the week: no working day is left.", nameof(options));
        }

        if (options.OfficeDayEnd == LocalTime.Midnight)
        {
            throw new ArgumentException("The office day cannot end at 00:00.", nameof(options));
        }

        Weekend = [.. Enumerable.Range(1, 7).Where(d => _weekend[d]).Select(d => (IsoDayOfWeek)d)];
        OfficeDayEnd = options.OfficeDayEnd;
        _closures = options.Closures;
        _calendarDays = new CalendarDaysCalendar(Zone);
    }

    /// <inheritdoc />
    public DateTimeZone Zone { get; }

    /// <summary>The weekend days, Monday first.</summary>
    public IReadOnlyList<IsoDayOfWeek> Weekend { get; }

    /// <summary>The local time in <see cref="Zone"/> at which the office day ends (e.g. 14:00).</summary>
    public LocalTime OfficeDayEnd { get; }

    /// <summary>The official public holidays.</summary>
    public HolidayCalendarData Holidays { get; }

    /// <summary>Whether offices work on <paramref name="date"/>: not weekend, holiday or closure.</summary>
    /// <param name="date">A local date in <see cref="Zone"/> (any calendar system).</param>
    /// <returns>Whether it is a working day, judged by the closures known now.</returns>
    public bool IsWorkingDay(LocalDate date) => IsWorkingDay(date.WithCalendar(CalendarSystem.Iso), CurrentClosures());

    /// <summary>The instant the office day of <paramref name="date"/> ends (whether or not it is a working day).</summary>
    /// <param name="date">A local date in <see cref="Zone"/>.</param>
    /// <returns>The UTC instant, e.g. 1404/02/15 14:00 Tehran → <c>2025-05-05T10:30:00Z</c>.</returns>
    public DateTimeOffset EndOfOfficeDay(LocalDate date) =>
        date.WithCalendar(CalendarSystem.Iso).At(OfficeDayEnd).InZoneLeniently(Zone).ToInstant().ToDateTimeOffset();

    /// <summary>
    /// The deadline <paramref name="workingDays"/> working days after <paramref name="from"/>, at the end of
    /// the office day (<see cref="OfficeDayEnd"/>).
    /// </summary>
    /// <remarks>
    /// <para>
    /// <b>Counting rule.</b> First the <i>start day</i>: the local date of <paramref name="from"/> in
    /// <see cref="Zone"/> if it is a working day and <paramref name="from"/> is before the end of its office
    /// day; otherwise the next working day (work arriving after hours, on a weekend or a holiday counts as
    /// arriving on the next working day). The start day itself is not counted: the result is the end of the
    /// office day of the <paramref name="workingDays"/>-th working day after it, so the task always gets
    /// <paramref name="workingDays"/> full office days. With 0 the result is the end of the start day.
    /// </para>
    /// <para>
    /// <b>Negative</b> <paramref name="workingDays"/> (reminders before a due date) count back from the local
    /// date of <paramref name="from"/>, whatever its time of day or kind of day: the result is the end of the
    /// office day of the |n|-th working day before that date. So <c>AddWorkingDays(AddWorkingDays(t, n), -n)</c>
    /// is the end of the start day of <c>t</c>.
    /// </para>
    /// <para>
    /// Examples with the defaults (weekend Thursday and Friday, office day ends 14:00 Tehran = 10:30 UTC),
    /// in the ordinary week of Wednesday 1404/02/10 (2025-04-30):
    /// Wednesday 10:00 + 3 → Monday 1404/02/15 14:00 (Saturday, Sunday, Monday);
    /// Wednesday 16:00 + 3 → Tuesday 1404/02/16 14:00 (start day Saturday; Sunday, Monday, Tuesday);
    /// Thursday any time + 3 → Tuesday 1404/02/16 14:00;
    /// Wednesday 10:00 + 0 → Wednesday 14:00; Wednesday 16:00 + 0 → Saturday 1404/02/13 14:00;
    /// Tuesday 1404/02/16 14:00 − 2 → Sunday 1404/02/14 14:00.
    /// </para>
    /// </remarks>
    /// <param name="from">The instant counting starts from (any offset), e.g. the step's now.</param>
    /// <param name="workingDays">Working days, −<see cref="MaxWorkingDays"/> to <see cref="MaxWorkingDays"/>.</param>
    /// <returns>The UTC instant of the end of the office day reached.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="workingDays"/> is out of range.</exception>
    public DateTimeOffset AddWorkingDays(DateTimeOffset from, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workingDays, -MaxWorkingDays);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(workingDays, MaxWorkingDays);

        var closures = CurrentClosures(); // One snapshot for the whole calculation.
        var local = Instant.FromDateTimeOffset(from).InZone(Zone).LocalDateTime;
        var day = local.Date;
        if (workingDays >= 0)
        {
            if (!IsWorkingDay(day, closures) || local.TimeOfDay >= OfficeDayEnd)
            {
                day = Step(day, 1, closures);
            }

            for (var i = 0; i < workingDays; i++)
            {
                day = Step(day, 1, closures);
            }
        }
        else
        {
            for (var i = 0; i < -workingDays; i++)
            {
                day = Step(day, -1, closures);
            }
        }

        return EndOfOfficeDay(day);
    }

    /// <summary>The first working day after <paramref name="date"/> (not <paramref name="date"/> itself).</summary>
    /// <param name="date">A local date in <see cref="Zone"/>.</param>
    /// <returns>The ISO date of the next working day.</returns>
    public LocalDate NextWorkingDay(LocalDate date) => Step(date.WithCalendar(CalendarSystem.Iso), 1, CurrentClosures());

    /// <summary>The last working day before <paramref name="date"/> (not <paramref name="date"/> itself).</summary>
    /// <param name="date">A local date in <see cref="Zone"/>.</param>
    /// <returns>The ISO date of the previous working day.</returns>
    public LocalDate PreviousWorkingDay(LocalDate date) => Step(date.WithCalendar(CalendarSystem.Iso), -1, CurrentClosures());

    /// <inheritdoc />
    /// <remarks>Calendar days, as <see cref="CalendarDaysCalendar"/>: weekends and holidays are not skipped.</remarks>
    public DateTimeOffset Add(DateTimeOffset from, Period period) => _calendarDays.Add(from, period);

    private IReadOnlyDictionary<LocalDate, Closure> CurrentClosures() => _closures?.Current ?? NoClosures;

    private bool IsWorkingDay(LocalDate isoDate, IReadOnlyDictionary<LocalDate, Closure> closures) =>
        !_weekend[(int)isoDate.DayOfWeek] && !Holidays.IsHoliday(isoDate) && !closures.ContainsKey(isoDate);

    /// <summary>The nearest working day strictly after (+1) or before (−1) <paramref name="day"/>; at least one weekday is not weekend and closures are finite, so it ends.</summary>
    private LocalDate Step(LocalDate day, int direction, IReadOnlyDictionary<LocalDate, Closure> closures)
    {
        do
        {
            day = day.PlusDays(direction);
        }
        while (!IsWorkingDay(day, closures));

        return day;
    }
}
