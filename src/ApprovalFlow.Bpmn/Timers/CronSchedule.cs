using System.Globalization;
using System.Text.RegularExpressions;
using Cronos;

namespace ApprovalFlow.Bpmn.Timers;

/// <summary>
/// A <c>timeCycle</c> written as a cron expression, accepted on timer start events only. The dialect
/// is Camunda 7's (Quartz): six fields <c>second minute hour day-of-month month day-of-week</c>, or
/// seven with a trailing year that must be <c>*</c>; <c>?</c>, <c>L</c>, <c>W</c>, <c>#</c>, ranges,
/// lists, steps and the names <c>JAN</c>–<c>DEC</c> and <c>SUN</c>–<c>SAT</c> are allowed. Numeric days
/// of the week count as in Quartz (<c>1</c> = Sunday … <c>7</c> = Saturday). Occurrences are computed
/// by Cronos in the service's time zone. Immutable and thread-safe.
/// </summary>
/// <param name="Text">The expression as written.</param>
/// <param name="Expression">The parsed expression (Cronos, seconds included, days of the week as names).</param>
public sealed partial record CronSchedule(string Text, CronExpression Expression) : TimerSchedule
{
    private static readonly string[] DayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    /// <summary>Reads a Quartz cron expression.</summary>
    /// <param name="text">Six or seven whitespace-separated fields.</param>
    /// <param name="schedule">The schedule when the text is valid.</param>
    /// <param name="error">Why it is not, naming the accepted dialect; <see langword="null"/> when valid.</param>
    /// <returns><see langword="true"/> when <paramref name="text"/> is a supported cron expression.</returns>
    public static bool TryParse(string text, out CronSchedule? schedule, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        schedule = null;
        var fields = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length == 7)
        {
            if (fields[6] is not ("*" or "?"))
            {
                error = $"'{text}' names years ('{fields[6]}'); the year field of a cron cycle must be '*' (years are not supported).";
                return false;
            }

            fields = fields[..6];
        }

        if (fields.Length != 6)
        {
            error = $"'{text}' has {fields.Length} fields; a cron cycle has Quartz's six: second minute hour day-of-month month day-of-week (e.g. '0 0 8 ? * SAT-WED').";
            return false;
        }

        var days = DayNumber().Replace(fields[5], m =>
            int.TryParse(m.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var day) && day is >= 1 and <= 7 ? DayNames[day - 1] : "!");
        if (days.Contains('!', StringComparison.Ordinal))
        {
            error = $"'{text}' has the day-of-week '{fields[5]}'; days of the week are 1 (Sunday) to 7 (Saturday) or SUN to SAT.";
            return false;
        }

        fields[5] = days;
        if (!CronExpression.TryParse(string.Join(' ', fields), CronFormat.IncludeSeconds, out var expression))
        {
            error = $"'{text}' is not a cron expression of six fields (second minute hour day-of-month month day-of-week, e.g. '0 0 8 ? * SAT-WED').";
            return false;
        }

        (schedule, error) = (new CronSchedule(text, expression), null);
        return true;
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/>, in <paramref name="zone"/>; <see langword="null"/> when there is none.</summary>
    /// <param name="after">The instant to start from.</param>
    /// <param name="zone">The time zone the fields are read in (the service's <c>Calendar:TimeZone</c>).</param>
    public DateTimeOffset? NextAfter(DateTimeOffset after, TimeZoneInfo zone) =>
        Expression.GetNextOccurrence(after, zone, inclusive: false)?.ToUniversalTime();

    // A day number at the start of the field or after ',' or '-' (not a step after '/' nor an ordinal after '#').
    [GeneratedRegex(@"(?<=^|[,\-])\d+")]
    private static partial Regex DayNumber();
}
