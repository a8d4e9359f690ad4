using ApprovalFlow.Bpmn.Model;
using ApprovalFlow.Bpmn.Timers;
using ApprovalFlow.Engine.Calendar;
using ApprovalFlow.Engine.Expressions;
using NodaTime;

namespace ApprovalFlow.Engine.TimerStarts;

/// <summary>
/// When a timer start event fires (BPMN 2.0.2 §10.5.2; Camunda 7's timer start semantics). Pure: the
/// caller passes the instants; thread-safe.
/// <list type="bullet">
/// <item><c>timeDate</c>: once, at that instant (at once when it has passed; no offset = the calendar's zone).</item>
/// <item><c>timeDuration</c>: once, that long after the version became the latest (periods through the business calendar's <see cref="IBusinessCalendar.Add"/>).</item>
/// <item><c>timeCycle</c> <c>R[n]/P</c>: every <c>P</c>, the first one <c>P</c> after activation; <c>R[n]/start/P</c>: at
/// <c>start</c>, <c>start + P</c>, …, occurrences before activation skipped; <c>n</c> bounds the occurrences (counted from
/// the first of the sequence), none bounds nothing.</item>
/// <item><c>timeCycle</c> cron (Quartz, <see cref="CronSchedule"/>): every occurrence after activation, read in the calendar's zone.</item>
/// </list>
/// An expression (<c>${...}</c>) is evaluated once, at activation, with no variables and that instant as its now, so
/// <c>${workingDays(3)}</c> in a <c>timeDate</c> counts three working days of the business calendar (Solar Hijri
/// holidays) from the moment the version became the latest. <b>Missed occurrences</b>: after a firing that ran late
/// (every node was down), the next occurrence is the first one after the moment it actually fired; the occurrences in
/// between are skipped (a late firing fires once, not once per missed occurrence) and count against <c>n</c>.
/// </summary>
/// <param name="evaluator">Evaluates timer expressions.</param>
/// <param name="calendar">Adds periods and gives the zone of local times and cron fields.</param>
public sealed class TimerStartCalculator(IExpressionEvaluator evaluator, IBusinessCalendar calendar)
{
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(calendar.Zone.Id);

    /// <summary>Evaluates and parses <paramref name="timer"/> and computes its first firing.</summary>
    /// <param name="timer">The start event's timer.</param>
    /// <param name="activatedAt">When the version became the latest of its key (UTC).</param>
    /// <param name="plan">The evaluated text and the first firing, when valid.</param>
    /// <param name="error">Why the timer cannot be scheduled (expression failure or invalid text), else <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when <paramref name="plan"/> is set.</returns>
    public bool TryPlan(TimerEventDefinition timer, DateTimeOffset activatedAt, out TimerStartPlan? plan, out string? error)
    {
        ArgumentNullException.ThrowIfNull(timer);
        plan = null;
        var text = timer.Value.Text;
        if (timer.Value.Script is { } script)
        {
            try
            {
                var value = evaluator.Evaluate(script, new Dictionary<string, System.Text.Json.JsonElement>(), activatedAt);
                text = value.ValueKind == System.Text.Json.JsonValueKind.String ? value.GetString()! : value.GetRawText();
            }
            catch (ExpressionException e)
            {
                error = $"'{timer.Value.Excerpt}' failed: {e.Reason}: {e.Message}";
                return false;
            }
        }

        if (!TimerStartScheduleParser.TryParse(timer.Kind, text, out var schedule, out error))
        {
            error = timer.Value.Script is null ? error : $"'{timer.Value.Excerpt}' gave '{text}': {error}";
            return false;
        }

        plan = new TimerStartPlan(text.Trim(), First(schedule!, activatedAt));
        return true;
    }

    /// <summary>The firing after <paramref name="fired"/>, which fired at <paramref name="firedAt"/>; <see langword="null"/> when the timer is done.</summary>
    /// <param name="kind">The timer's kind.</param>
    /// <param name="text">The evaluated text (<see cref="TimerStartPlan.Text"/>).</param>
    /// <param name="fired">The occurrence that fired.</param>
    /// <param name="firedAt">When it fired (UTC); occurrences up to this instant are skipped.</param>
    /// <exception cref="ArgumentException"><paramref name="text"/> is not a valid timer of <paramref name="kind"/>.</exception>
    public TimerStartOccurrence? Next(TimerKind kind, string text, TimerStartOccurrence fired, DateTimeOffset firedAt)
    {
        ArgumentNullException.ThrowIfNull(fired);
        if (!TimerStartScheduleParser.TryParse(kind, text, out var schedule, out var error))
        {
            throw new ArgumentException(error, nameof(text));
        }

        var after = fired.DueAt > firedAt ? fired.DueAt : firedAt;
        return schedule switch
        {
            CycleSchedule cycle => Advance(cycle, Add(fired.DueAt, cycle.Interval), fired.Index + 1, after, inclusive: false),
            CronSchedule cron => cron.NextAfter(after, _zone) is { } due ? new TimerStartOccurrence(due, fired.Index + 1) : null,
            _ => null,
        };
    }

    private TimerStartOccurrence? First(TimerSchedule schedule, DateTimeOffset activatedAt) => schedule switch
    {
        DateSchedule date => new TimerStartOccurrence(ToInstant(date), 0),
        DurationSchedule duration => new TimerStartOccurrence(Add(activatedAt, duration.Duration), 0),
        CycleSchedule { Start: { } start } cycle => Advance(cycle, ToInstant(start), 0, activatedAt, inclusive: true),
        CycleSchedule cycle => new TimerStartOccurrence(Add(activatedAt, cycle.Interval), 0),
        CronSchedule cron => cron.NextAfter(activatedAt, _zone) is { } due ? new TimerStartOccurrence(due, 0) : null,
        _ => throw new InvalidOperationException($"Unknown timer schedule {schedule}."),
    };

    /// <summary>From occurrence <paramref name="index"/> at <paramref name="due"/>, the first one after (or at, when inclusive) <paramref name="after"/>, within the cycle's repetitions.</summary>
    private TimerStartOccurrence? Advance(CycleSchedule cycle, DateTimeOffset due, int index, DateTimeOffset after, bool inclusive)
    {
        bool Passed(DateTimeOffset d) => inclusive ? d < after : d <= after;
        if (Passed(due) && !cycle.Interval.HasDateComponent)
        {
            // A fixed interval: jump over the passed occurrences at once (a long outage or an old start).
            var step = cycle.Interval.ToDuration().BclCompatibleTicks;
            var skip = ((after - due).Ticks / step) + (inclusive ? 0 : 1);
            skip = Math.Min(skip, int.MaxValue - index);
            due = due.AddTicks(skip * step);
            index += (int)skip;
        }

        while (Passed(due) && (cycle.Repetitions is not { } limit || index < limit))
        {
            due = Add(due, cycle.Interval);
            index++;
        }

        return cycle.Repetitions is { } n && index >= n ? null : new TimerStartOccurrence(due.ToUniversalTime(), index);
    }

    private DateTimeOffset ToInstant(DateSchedule date) => (date.Offset is { } offset
        ? date.Local.WithOffset(offset).ToInstant()
        : date.Local.InZoneLeniently(calendar.Zone).ToInstant()).ToDateTimeOffset();

    private DateTimeOffset Add(DateTimeOffset from, Period period) => calendar.Add(from, period).ToUniversalTime();
}
