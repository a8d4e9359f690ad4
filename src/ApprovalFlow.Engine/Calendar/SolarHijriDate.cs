using System.Globalization;
using NodaTime;

namespace ApprovalFlow.Engine.Calendar;

/// <summary>
/// A date of the Solar Hijri (Jalali) calendar, Iran's official calendar: year, month 1–12 (Farvardin to
/// Esfand), day 1–31. Months 1–6 have 31 days, 7–11 have 30, Esfand has 29, or 30 in a leap year.
/// Leap years follow the astronomical rule (the year starts on the day of the March equinox at Tehran),
/// as NodaTime's <c>CalendarSystem.PersianAstronomical</c> and .NET's <see cref="PersianCalendar"/>
/// compute it: e.g. 1403 is a leap year (Esfand 30 = 2025-03-20), 1404 is not.
/// Text form <c>yyyy/MM/dd</c> (<c>1404/07/15</c>), with Latin or Persian digits. Immutable; create values
/// with the constructor, <see cref="FromLocalDate"/> or <see cref="Parse"/> (<c>default</c> is not a Solar Hijri date).
/// </summary>
public readonly struct SolarHijriDate : IEquatable<SolarHijriDate>, IComparable<SolarHijriDate>, IComparable
{
    private static readonly CalendarSystem Persian = CalendarSystem.PersianAstronomical;

    private static readonly string[] MonthNames =
    [
        "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
        "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند",
    ];

    private readonly LocalDate _date; // In the Persian calendar.

    /// <summary>Creates the date <paramref name="year"/>/<paramref name="month"/>/<paramref name="day"/>.</summary>
    /// <param name="year">Solar Hijri year, 1 to 9377 (e.g. 1404).</param>
    /// <param name="month">Month, 1 (Farvardin) to 12 (Esfand).</param>
    /// <param name="day">Day of the month, 1 to <see cref="DaysInMonth"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">The date does not exist (e.g. 1404/12/30).</exception>
    public SolarHijriDate(int year, int month, int day)
    {
        if (!IsValid(year, month, day))
        {
            throw new ArgumentOutOfRangeException(nameof(day), $"{Format(year, month, day)} is not a Solar Hijri date.");
        }

        _date = new LocalDate(year, month, day, Persian);
    }

    private SolarHijriDate(LocalDate persian) => _date = persian;

    /// <summary>The Solar Hijri year, e.g. 1404.</summary>
    public int Year => _date.Year;

    /// <summary>The month, 1 (Farvardin) to 12 (Esfand).</summary>
    public int Month => _date.Month;

    /// <summary>The day of the month, 1 to 31.</summary>
    public int Day => _date.Day;

    /// <summary>The ISO day of the week (Saturday is the first day of the Iranian week).</summary>
    public IsoDayOfWeek DayOfWeek => _date.DayOfWeek;

    /// <summary>The Persian name of the month, e.g. <c>مهر</c> for month 7.</summary>
    public string MonthName => MonthNames[Month - 1];

    /// <summary>Whether <paramref name="year"/> is a Solar Hijri leap year (Esfand has 30 days).</summary>
    /// <param name="year">Solar Hijri year, 1 to 9377.</param>
    /// <returns><see langword="true"/> for e.g. 1399 and 1403; <see langword="false"/> for 1404.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="year"/> is out of range.</exception>
    public static bool IsLeapYear(int year)
    {
        CheckYear(year);
        return Persian.IsLeapYear(year);
    }

    /// <summary>The number of days in a month: 31, 30, 29 or 30 (Esfand of a leap year).</summary>
    /// <param name="year">Solar Hijri year, 1 to 9377.</param>
    /// <param name="month">Month, 1 to 12.</param>
    /// <returns>The number of days.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The year or month is out of range.</exception>
    public static int DaysInMonth(int year, int month)
    {
        CheckYear(year);
        ArgumentOutOfRangeException.ThrowIfLessThan(month, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(month, 12);
        return Persian.GetDaysInMonth(year, month);
    }

    /// <summary>The Persian name of a month.</summary>
    /// <param name="month">Month, 1 (<c>فروردین</c>) to 12 (<c>اسفند</c>).</param>
    /// <returns>The name in Persian script.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="month"/> is not 1 to 12.</exception>
    public static string GetMonthName(int month)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(month, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(month, 12);
        return MonthNames[month - 1];
    }

    /// <summary>The Solar Hijri date of a date in any calendar (usually the ISO/Gregorian one).</summary>
    /// <param name="date">The date, e.g. 2025-03-21.</param>
    /// <returns>The same day in the Solar Hijri calendar, e.g. 1404/01/01.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The date is before 1/01/01 Solar Hijri (622 CE).</exception>
    public static SolarHijriDate FromLocalDate(LocalDate date) => new(date.WithCalendar(Persian));

    /// <summary>This day as an ISO (Gregorian) date, e.g. 1404/01/01 → 2025-03-21.</summary>
    /// <returns>The ISO date.</returns>
    public LocalDate ToLocalDate() => _date.WithCalendar(CalendarSystem.Iso);

    /// <summary>The date <paramref name="days"/> calendar days later (earlier when negative).</summary>
    /// <param name="days">Calendar days to add.</param>
    /// <returns>The new date.</returns>
    public SolarHijriDate PlusDays(int days) => new(_date.PlusDays(days));

    /// <summary>
    /// Reads <c>yyyy/MM/dd</c>: year of 1–4 digits, month and day of 1–2 digits, Latin, Persian or
    /// Arabic-Indic digits, <c>/</c> between the parts (never <c>-</c>, which would read like an ISO date),
    /// surrounding spaces ignored.
    /// </summary>
    /// <param name="text">E.g. <c>1404/07/15</c>, <c>۱۴۰۴/۷/۱۵</c>.</param>
    /// <returns>The date.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException">The text is not of that form or the date does not exist.</exception>
    public static SolarHijriDate Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var date)
            ? date
            : throw new FormatException($"'{text}' is not a Solar Hijri date of the form yyyy/MM/dd such as 1404/07/15.");
    }

    /// <summary>Reads <c>yyyy/MM/dd</c> as <see cref="Parse"/> does, without throwing.</summary>
    /// <param name="text">The text; <see langword="null"/> fails.</param>
    /// <param name="date">The date when the result is <see langword="true"/>.</param>
    /// <returns>Whether the text is an existing Solar Hijri date.</returns>
    public static bool TryParse(string? text, out SolarHijriDate date)
    {
        date = default;
        if (text is null)
        {
            return false;
        }

        var parts = PersianDigits.ToLatin(text.Trim()).Split('/');
        if (parts.Length != 3
            || !TryNumber(parts[0], 4, out var year)
            || !TryNumber(parts[1], 2, out var month)
            || !TryNumber(parts[2], 2, out var day)
            || !IsValid(year, month, day))
        {
            return false;
        }

        date = new SolarHijriDate(new LocalDate(year, month, day, Persian));
        return true;
    }

    /// <summary>The date as <c>yyyy/MM/dd</c> with Latin digits, e.g. <c>1404/07/15</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Format(Year, Month, Day);

    /// <summary>The date as <c>yyyy/MM/dd</c> with Persian digits, e.g. <c>۱۴۰۴/۰۷/۱۵</c>.</summary>
    /// <returns>The text.</returns>
    public string ToPersianString() => PersianDigits.ToPersian(ToString());

    /// <summary>The date written out in Persian with Persian digits, e.g. <c>۱۵ مهر ۱۴۰۴</c>.</summary>
    /// <returns>The text.</returns>
    public string ToLongPersianString() =>
        PersianDigits.ToPersian(string.Create(CultureInfo.InvariantCulture, $"{Day} {MonthName} {Year}"));

    /// <inheritdoc />
    public bool Equals(SolarHijriDate other) => _date == other._date;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is SolarHijriDate other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _date.GetHashCode();

    /// <inheritdoc />
    public int CompareTo(SolarHijriDate other) => _date.CompareTo(other._date);

    /// <inheritdoc />
    public int CompareTo(object? obj) => obj switch
    {
        null => 1,
        SolarHijriDate other => CompareTo(other),
        _ => throw new ArgumentException("The object is not a SolarHijriDate.", nameof(obj)),
    };

    /// <summary>Whether two dates are the same day.</summary>
    /// <param name="left">A date.</param>
    /// <param name="right">Another date.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(SolarHijriDate left, SolarHijriDate right) => left.Equals(right);

    /// <summary>Whether two dates are different days.</summary>
    /// <param name="left">A date.</param>
    /// <param name="right">Another date.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(SolarHijriDate left, SolarHijriDate right) => !left.Equals(right);

    /// <summary>Whether <paramref name="left"/> is earlier.</summary>
    /// <param name="left">A date.</param>
    /// <param name="right">Another date.</param>
    /// <returns>The comparison.</returns>
    public static bool operator <(SolarHijriDate left, SolarHijriDate right) => left.CompareTo(right) < 0;

    /// <summary>Whether <paramref name="left"/> is later.</summary>
    /// <param name="left">A date.</param>
    /// <param name="right">Another date.</param>
    /// <returns>The comparison.</returns>
    public static bool operator >(SolarHijriDate left, SolarHijriDate right) => left.CompareTo(right) > 0;

    /// <summary>Whether <paramref name="left"/> is earlier or the same day.</summary>
    /// <param name="left">A date.</param>
    /// <param name="right">Another date.</param>
    /// <returns>The comparison.</returns>
    public static bool operator <=(SolarHijriDate left, SolarHijriDate right) => left.CompareTo(right) <= 0;

    /// <summary>Whether <paramref name="left"/> is later or the same day.</summary>
    /// <param name="left">A date.</param>
    /// <param name="right">Another date.</param>
    /// <returns>The comparison.</returns>
    public static bool operator >=(SolarHijriDate left, SolarHijriDate right) => left.CompareTo(right) >= 0;

    private static bool IsValid(int year, int month, int day) =>
        year >= Persian.MinYear && year <= Persian.MaxYear
        && month is >= 1 and <= 12
        && day >= 1 && day <= Persian.GetDaysInMonth(year, month);

    private static void CheckYear(int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, Persian.MinYear);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, Persian.MaxYear);
    }

    private static bool TryNumber(string text, int maxDigits, out int value)
    {
        value = 0;
        if (text.Length == 0 || text.Length > maxDigits)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }

    private static string Format(int year, int month, int day) =>
        string.Create(CultureInfo.InvariantCulture, $"{year:0000}/{month:00}/{day:00}");
}
