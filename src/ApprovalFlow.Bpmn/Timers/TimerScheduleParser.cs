using System.Globalization;
using ApprovalFlow.Bpmn.Model;
using NodaTime;
using NodaTime.Text;

namespace ApprovalFlow.Bpmn.Timers;

/// <summary>
/// Reads the ISO 8601 text of a timer (<c>timeDate</c>, <c>timeDuration</c>, <c>timeCycle</c>) with
/// NodaTime's ISO patterns. Pure and thread-safe.
/// </summary>
public static class TimerScheduleParser
{
    private static readonly OffsetDateTimePattern[] OffsetPatterns =
    [
        OffsetDateTimePattern.ExtendedIso,
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mmo<G>"),
    ];

    private static readonly LocalDateTimePattern[] LocalPatterns =
    [
        LocalDateTimePattern.ExtendedIso,
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm"),
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd"),
    ];

    /// <summary>Parses <paramref name="text"/> as a timer of the given kind.</summary>
    /// <param name="kind">Which timer element the text came from.</param>
    /// <param name="text">ISO 8601 text, already stripped of any <c>${...}</c> evaluation.</param>
    /// <param name="schedule">The schedule when the text is valid.</param>
    /// <param name="error">Why the text is invalid, naming the expected shape; <see langword="null"/> when valid.</param>
    /// <returns><see langword="true"/> when <paramref name="text"/> is valid for <paramref name="kind"/>.</returns>
    public static bool TryParse(TimerKind kind, string text, out TimerSchedule? schedule, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.Trim();
        schedule = kind switch
        {
            TimerKind.Duration => ParseDuration(text, allowZero: true) is { } period ? new DurationSchedule(period) : null,
            TimerKind.Date => ParseDate(text),
            TimerKind.Cycle => ParseCycle(text),
            _ => null,
        };
        error = schedule is null ? Describe(kind, text) : null;
        return schedule is not null;
    }

    /// <summary>An ISO 8601 duration without negative parts; zero (<c>PT0S</c>, due at once) only when <paramref name="allowZero"/>.</summary>
    private static Period? ParseDuration(string text, bool allowZero)
    {
        var result = PeriodPattern.NormalizingIso.Parse(text);
        if (!result.Success || (!allowZero && result.Value.Equals(Period.Zero)) || HasNegativePart(result.Value))
        {
            return null;
        }

        return result.Value;
    }

    private static bool HasNegativePart(Period p) =>
        p.Years < 0 || p.Months < 0 || p.Weeks < 0 || p.Days < 0 || p.Hours < 0 || p.Minutes < 0
        || p.Seconds < 0 || p.Milliseconds < 0 || p.Ticks < 0 || p.Nanoseconds < 0;

    private static DateSchedule? ParseDate(string text)
    {
        foreach (var pattern in OffsetPatterns)
        {
            var result = pattern.Parse(text);
            if (result.Success)
            {
                return new DateSchedule(result.Value.LocalDateTime, result.Value.Offset);
            }
        }

        foreach (var pattern in LocalPatterns)
        {
            var result = pattern.Parse(text);
            if (result.Success)
            {
                return new DateSchedule(result.Value, null);
            }
        }

        return null;
    }

    private static CycleSchedule? ParseCycle(string text)
    {
        var parts = text.Split('/');
        if (parts.Length is < 2 or > 3 || parts[0].Length == 0 || parts[0][0] != 'R')
        {
            return null;
        }

        int? repetitions = null;
        if (parts[0].Length > 1)
        {
            if (!int.TryParse(parts[0].AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
            {
                return null;
            }

            repetitions = n;
        }

        DateSchedule? start = null;
        if (parts.Length == 3)
        {
            start = ParseDate(parts[1]);
            if (start is null)
            {
                return null;
            }
        }

        var interval = ParseDuration(parts[^1], allowZero: false);
        return interval is null ? null : new CycleSchedule(repetitions, start, interval);
    }

    private static string Describe(TimerKind kind, string text) => kind switch
    {
        TimerKind.Duration => $"'{text}' is not an ISO 8601 duration such as P3D, PT2S or PT0S.",
        TimerKind.Date => $"'{text}' is not an ISO 8601 date-time such as 2026-03-21T09:00:00+03:30.",
        _ => $"'{text}' is not an ISO 8601 repeating interval such as R3/PT1H or R/2026-03-21T09:00:00Z/P1D (cron is not supported).",
    };
}
