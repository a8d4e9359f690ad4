using ApprovalFlow.Bpmn.Model;
using NodaTime;

namespace ApprovalFlow.Bpmn.Timers;

/// <summary>
/// The waits between attempts of a failed service task, read from
/// <c>camunda:failedJobRetryTimeCycle</c>. Two shapes (Camunda 7): <c>R3/PT1M</c> is three attempts
/// in all, a minute apart (two retries); <c>PT1M,PT5M,PT10M</c> is one retry after each listed wait
/// (four attempts in all). Pure and thread-safe.
/// </summary>
public static class RetrySchedule
{
    /// <summary>Reads <paramref name="text"/>.</summary>
    /// <param name="text">The attribute text.</param>
    /// <param name="waits">The wait before each retry, in order; empty for <c>R1/...</c> (no retry).</param>
    /// <returns><see langword="false"/> when the text is neither shape (or a repeat count is unbounded).</returns>
    public static bool TryParse(string text, out IReadOnlyList<Period> waits)
    {
        ArgumentNullException.ThrowIfNull(text);
        waits = [];
        if (TimerScheduleParser.TryParse(TimerKind.Cycle, text, out var parsed, out _) && parsed is CycleSchedule { Repetitions: { } attempts, Start: null } cycle)
        {
            waits = [.. Enumerable.Repeat(cycle.Interval, attempts - 1)];
            return true;
        }

        var list = new List<Period>();
        foreach (var part in text.Split(','))
        {
            if (!TimerScheduleParser.TryParse(TimerKind.Duration, part, out var single, out _) || single is not DurationSchedule duration)
            {
                return false;
            }

            list.Add(duration.Duration);
        }

        waits = list;
        return true;
    }
}
