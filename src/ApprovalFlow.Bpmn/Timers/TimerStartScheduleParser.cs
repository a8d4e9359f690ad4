using ApprovalFlow.Bpmn.Model;

namespace ApprovalFlow.Bpmn.Timers;

/// <summary>
/// Reads the text of a timer start event (BPMN 2.0.2 §10.5.2, §10.5.5): what <see cref="TimerScheduleParser"/>
/// reads, and for <c>timeCycle</c> also a Quartz cron expression (<see cref="CronSchedule"/>), as Camunda 7
/// accepts on timer start events. Pure and thread-safe.
/// </summary>
public static class TimerStartScheduleParser
{
    /// <summary>Parses <paramref name="text"/> as the timer of a start event.</summary>
    /// <param name="kind">Which timer element the text came from.</param>
    /// <param name="text">The text, already evaluated when it was an expression.</param>
    /// <param name="schedule">A <see cref="DateSchedule"/>, <see cref="DurationSchedule"/>, <see cref="CycleSchedule"/> or <see cref="CronSchedule"/>.</param>
    /// <param name="error">Why the text is invalid; <see langword="null"/> when valid.</param>
    /// <returns><see langword="true"/> when the text is valid.</returns>
    public static bool TryParse(TimerKind kind, string text, out TimerSchedule? schedule, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.Trim();
        if (kind != TimerKind.Cycle || text.StartsWith('R'))
        {
            return TimerScheduleParser.TryParse(kind, text, out schedule, out error);
        }

        var parsed = CronSchedule.TryParse(text, out var cron, out error);
        schedule = cron;
        return parsed;
    }
}
