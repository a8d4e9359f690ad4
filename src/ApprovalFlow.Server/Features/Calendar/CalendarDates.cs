using ApprovalFlow.Engine.Calendar;
using NodaTime;
using NodaTime.Text;

namespace ApprovalFlow.Server.Features.Calendar;

/// <summary>Reads the dates and instants of calendar requests: ISO or Solar Hijri, Latin or Persian digits.</summary>
internal static class CalendarDates
{
    private static readonly OffsetDateTimePattern OffsetPattern = OffsetDateTimePattern.ExtendedIso;

    /// <summary>Earliest date accepted: 1900-01-01 (1278/10/11).</summary>
    private static readonly LocalDate Earliest = new(1900, 1, 1);

    /// <summary>Latest date accepted: 2199-12-31 (1578/10/10).</summary>
    private static readonly LocalDate Latest = new(2199, 12, 31);

    /// <summary>Whether <paramref name="date"/> is in the range the calendar serves (so a Jalali year written as ISO, 1405-09-15, is refused).</summary>
    private static bool Plausible(LocalDate date) => date >= Earliest && date <= Latest;

    /// <summary>
    /// Reads an ISO date <c>2025-08-03</c> or a Solar Hijri date <c>1404/05/12</c> (Latin, Persian or
    /// Arabic-Indic digits) between 1900 and 2199; anything else is refused.
    /// </summary>
    public static bool TryParseDate(string? text, out LocalDate date)
    {
        date = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var latin = PersianDigits.ToLatin(text.Trim());
        if (LocalDatePattern.Iso.Parse(latin) is { Success: true } iso)
        {
            date = iso.Value;
            return Plausible(date);
        }

        if (SolarHijriDate.TryParse(latin, out var jalali) && jalali.Year is >= 1278 and <= 1578)
        {
            date = jalali.ToLocalDate();
            return Plausible(date);
        }

        return false;
    }

    /// <summary>
    /// Reads an ISO 8601 instant with offset (<c>2025-04-30T10:00:00Z</c>) or a date as
    /// <see cref="TryParseDate"/> does, which means the start (00:00) of that day in <paramref name="zone"/>.
    /// </summary>
    public static bool TryParseInstant(string? text, DateTimeZone zone, out DateTimeOffset instant)
    {
        instant = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        if (OffsetPattern.Parse(PersianDigits.ToLatin(text.Trim())) is { Success: true } offset)
        {
            instant = offset.Value.ToInstant().ToDateTimeOffset();
            return Plausible(offset.Value.Date);
        }

        if (TryParseDate(text, out var date))
        {
            instant = date.AtStartOfDayInZone(zone).ToInstant().ToDateTimeOffset();
            return true;
        }

        return false;
    }

    /// <summary>The Solar Hijri date of <paramref name="date"/>, e.g. <c>1404/05/12</c>.</summary>
    public static string Jalali(LocalDate date) => SolarHijriDate.FromLocalDate(date).ToString();

    /// <summary>The Solar Hijri date of <paramref name="instant"/> in <paramref name="zone"/>.</summary>
    public static string Jalali(DateTimeOffset instant, DateTimeZone zone) => Jalali(Instant.FromDateTimeOffset(instant).InZone(zone).Date);
}
