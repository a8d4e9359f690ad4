using NodaTime;
using NodaTime.Text;

namespace ApprovalFlow.Bpmn.Timers;

/// <summary>
/// When to remind people of a task's deadline, relative to its due instant, read from the task's
/// <c>reminders</c> property (or the host's default policy): comma-separated
/// items, each a signed ISO 8601 period (<c>-P2D</c> two working days before, <c>P0D</c> at the due
/// time) or a repetition <c>R3/P1D</c> (three more, each one period after the previous). Whole days
/// count working days of the business calendar; periods with a time part (<c>-PT2S</c>) are plain
/// durations. After the last reminder the task is escalated. Immutable.
/// </summary>
public sealed record ReminderPolicy(IReadOnlyList<ReminderOffset> Offsets)
{
    /// <summary>Reads <paramref name="text"/>.</summary>
    /// <param name="text">The policy, e.g. <c>-P2D,P0D,R3/P1D</c>.</param>
    /// <param name="policy">The policy when the text is valid.</param>
    /// <param name="error">Why the text is invalid, naming the item; <see langword="null"/> when valid.</param>
    public static bool TryParse(string text, out ReminderPolicy? policy, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        var offsets = new List<ReminderOffset>();
        foreach (var raw in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (raw.StartsWith('R'))
            {
                var parts = raw.Split('/');
                if (parts.Length == 2 && offsets.Count > 0 && offsets[^1].Amount == 0 && TryPeriod(parts[1], out var unit))
                {
                    // A zero offset (P0D, PT0S) is "at the due time" in either unit.
                    offsets[^1] = offsets[^1] with { WorkingDays = unit.WorkingDays };
                }

                if (parts.Length != 2 || !int.TryParse(parts[0].AsSpan(1), System.Globalization.CultureInfo.InvariantCulture, out var count) || count < 1
                    || !TryPeriod(parts[1], out var step) || step.Negative || offsets.Count == 0 || step.WorkingDays != offsets[^1].WorkingDays)
                {
                    (policy, error) = (null, $"'{raw}' is not R<count>/<period> following an earlier reminder of the same kind (working days or time).");
                    return false;
                }

                for (var i = 0; i < count; i++)
                {
                    offsets.Add(offsets[^1] with { Amount = offsets[^1].Amount + step.Amount });
                }

                continue;
            }

            if (!TryPeriod(raw, out var offset))
            {
                (policy, error) = (null, $"'{raw}' is not a signed ISO 8601 period such as -P2D, P0D or -PT30S.");
                return false;
            }

            offsets.Add(offset);
        }

        if (offsets.Count == 0)
        {
            (policy, error) = (null, "The policy names no reminder.");
            return false;
        }

        (policy, error) = (new ReminderPolicy(offsets), null);
        return true;
    }

    /// <summary>The reminder instants for a task due at <paramref name="dueAt"/>, in order, using <paramref name="addWorkingDays"/> for whole days.</summary>
    public IReadOnlyList<DateTimeOffset> InstantsFor(DateTimeOffset dueAt, Func<DateTimeOffset, int, DateTimeOffset> addWorkingDays)
    {
        ArgumentNullException.ThrowIfNull(addWorkingDays);
        return [.. Offsets.Select(o => o.WorkingDays
            ? (o.Amount == 0 ? dueAt : addWorkingDays(dueAt, (int)o.Amount))
            : dueAt + TimeSpan.FromTicks(o.Amount))];
    }

    private static bool TryPeriod(string text, out ReminderOffset offset)
    {
        var negative = text.StartsWith('-');
        var result = PeriodPattern.NormalizingIso.Parse(negative ? text[1..] : text);
        offset = default;
        if (!result.Success)
        {
            return false;
        }

        var period = result.Value;
        var sign = negative ? -1 : 1;
        if (period.HasTimeComponent || period.Years != 0 || period.Months != 0)
        {
            if (period.HasDateComponent)
            {
                return false;
            }

            offset = new ReminderOffset(sign * period.ToDuration().BclCompatibleTicks, WorkingDays: false);
            return true;
        }

        offset = new ReminderOffset(sign * ((period.Weeks * 5) + period.Days), WorkingDays: true);
        return true;
    }
}

/// <summary>One reminder's offset from the due instant.</summary>
/// <param name="Amount">Working days when <paramref name="WorkingDays"/>, else ticks of plain time; negative is before the due instant.</param>
/// <param name="WorkingDays">Whether <paramref name="Amount"/> counts working days.</param>
public readonly record struct ReminderOffset(long Amount, bool WorkingDays)
{
    /// <summary><see langword="true"/> when the offset points before the due instant.</summary>
    public bool Negative => Amount < 0;
}
