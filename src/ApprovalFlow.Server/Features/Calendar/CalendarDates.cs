using ApprovalFlow.Engine.Calendar;
using NodaTime;
using NodaTime.Text;

namespace ApprovalFlow.Server.Features.Calendar;

/// <summary>Reads the dates and instants of calendar requests: ISO or Solar Hijri, Latin or Persian digits.</summary>
internal static class CalendarDates
{
    private static readonly OffsetDateTimePattern OffsetPattern = OffsetDateTimePattern.ExtendedIso;

    /// <summary>Reads an ISO date <c>2025-08-03</c> or a Solar Hijri date <c>1404/05/12</c> (Latin, Persian or Arabic-Indic digits).</summary>
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
            return true;
        }

        if (SolarHijriDate.TryParse(latin, out var jalali))
        {
            date = jalali.ToLocalDate();
            return true;
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
            return true;
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
