using System.Globalization;
using ApprovalFlow.Engine.Calendar;
using ApprovalFlow.Server.Pages;
using Microsoft.Extensions.Localization;
using NodaTime;

namespace ApprovalFlow.Server.Web;

/// <summary>How a due date stands: <see cref="Overdue"/> (red), <see cref="Soon"/> (amber: within two working days), or <see cref="Later"/>.</summary>
public enum DueState
{
    /// <summary>More than two working days left.</summary>
    Later,

    /// <summary>Due today or within two working days.</summary>
    Soon,

    /// <summary>Past its due instant.</summary>
    Overdue,
}

/// <summary>A due date for people: the date, how many working days are left or late, and its <see cref="DueState"/>.</summary>
/// <param name="Date">The date in the user's calendar.</param>
/// <param name="Remaining">"in 3 working days", "2 working days late", "due today".</param>
/// <param name="State">Overdue, soon or later.</param>
public sealed record DueText(string Date, string Remaining, DueState State);

/// <summary>
/// The one formatter of dates and numbers in the web app. Dates are shown in <c>Calendar:TimeZone</c>:
/// Solar Hijri with Persian digits for <c>fa</c> (<c>۱۵ مهر ۱۴۰۴</c>), Gregorian for <c>en</c>
/// (<c>7 Oct 2025</c>); working days left or late come from the business calendar (weekends, public
/// holidays and closures do not count). Scoped.
/// </summary>
public sealed class DisplayFormat(WorkingDayCalendar calendar, TimeProvider time, IStringLocalizer<SharedTexts> texts)
{
    /// <summary>Due within this many working days is marked as soon: 2.</summary>
    public const int SoonWorkingDays = 2;

    /// <summary>The longest count of working days computed; beyond it the text says "more than".</summary>
    private const int MaxCountedDays = 400;

    private static readonly CultureInfo EnglishDates = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>The date of <paramref name="instant"/> in the user's calendar.</summary>
    public string Date(DateTimeOffset instant)
    {
        return Date(Day(instant));
    }

    /// <summary>The calendar day of <paramref name="instant"/> in <c>Calendar:TimeZone</c>.</summary>
    public LocalDate Day(DateTimeOffset instant) => Instant.FromDateTimeOffset(instant).InZone(calendar.Zone).Date;

    /// <summary>The calendar day <paramref name="day"/> in the user's calendar (<c>۱۵ مهر ۱۴۰۴</c>, <c>7 Oct 2025</c>).</summary>
    public static string Date(LocalDate day) => UserLanguage.Current == UserLanguage.Persian
        ? SolarHijriDate.FromLocalDate(day).ToLongPersianString()
        : day.ToDateTimeUnspecified().ToString("d MMM yyyy", EnglishDates);

    /// <summary>The date and the time of day (24-hour) of <paramref name="instant"/> in the user's calendar.</summary>
    public string DateTime(DateTimeOffset instant)
    {
        var clock = Instant.FromDateTimeOffset(instant).InZone(calendar.Zone).TimeOfDay.ToString("HH:mm", CultureInfo.InvariantCulture);
        return texts["DateAtTime", Date(instant), Number(clock)];
    }

    /// <summary><paramref name="value"/> with Persian digits for <c>fa</c>, Latin digits for <c>en</c>.</summary>
    public string Number(long value) => Number(value.ToString(CultureInfo.InvariantCulture));

    /// <summary><paramref name="text"/> with its digits in the user's script.</summary>
    public string Number(string text) => UserLanguage.Current == UserLanguage.Persian ? PersianDigits.ToPersian(text) : text;

    /// <summary>The due date <paramref name="due"/> with the working days left or late from now.</summary>
    public DueText Due(DateTimeOffset due)
    {
        var now = time.GetUtcNow();
        var today = Instant.FromDateTimeOffset(now).InZone(calendar.Zone).Date;
        var dueDay = Instant.FromDateTimeOffset(due).InZone(calendar.Zone).Date;
        if (due < now)
        {
            var late = Math.Max(1, WorkingDaysBetween(dueDay, today));
            return new DueText(Date(due), texts["DueLate", Number(late)], DueState.Overdue);
        }

        var left = WorkingDaysBetween(today, dueDay);
        var remaining = left == 0 ? texts["DueToday"].Value : texts["DueIn", Number(left)].Value;
        return new DueText(Date(due), remaining, left <= SoonWorkingDays ? DueState.Soon : DueState.Later);
    }

    /// <summary>Working days after <paramref name="from"/> up to and including <paramref name="to"/> (0 when <paramref name="to"/> is not later).</summary>
    private int WorkingDaysBetween(LocalDate from, LocalDate to)
    {
        var count = 0;
        for (var day = from.PlusDays(1); day <= to && count < MaxCountedDays; day = day.PlusDays(1))
        {
            if (calendar.IsWorkingDay(day))
            {
                count++;
            }
        }

        return count;
    }
}
