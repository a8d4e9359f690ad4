using System.Text.Json;
using ApprovalFlow.Engine.Expressions;
using NodaTime;
using NodaTime.Text;

namespace ApprovalFlow.Engine.Calendar;

/// <summary>
/// The business-calendar functions for expressions; register them with the evaluator:
/// <c>new JintExpressionEvaluator(BusinessCalendarFunctions.Create(calendar))</c>. Results are ISO 8601
/// UTC instants (<c>2025-05-05T10:30:00Z</c>), which due-date expressions
/// (<c>camunda:dueDate="${workingDays(10)}"</c>, <c>followUpDate</c>) and <c>timeDate</c> timers accept.
/// (A <c>timeDuration</c> timer needs a duration: use <c>timeDate</c> with these functions.)
/// <list type="bullet">
/// <item><c>workingDays(n)</c>: the instant <c>n</c> working days after the step's now, at the end of the
/// office day (<see cref="WorkingDayCalendar.AddWorkingDays"/>; <c>n</c> may be negative).</item>
/// <item><c>addWorkingDays(date, n)</c>: the same from <c>date</c>.</item>
/// <item><c>isWorkingDay(date)</c>: <see langword="true"/> or <see langword="false"/> for the local date of
/// <c>date</c> in the calendar's zone.</item>
/// <item><c>jalali(text)</c>: for a Solar Hijri date (<c>'1404/07/15'</c>, Latin or Persian digits) the
/// instant its day starts in the zone (<c>'2025-10-06T20:30:00Z'</c>, i.e. 00:00 Tehran); for an instant
/// or ISO date the other way round, the Solar Hijri date with Latin digits (<c>'1404/07/15'</c>).</item>
/// </list>
/// A <c>date</c> argument is one of: an ISO 8601 instant with offset (<c>2025-04-30T10:00:00Z</c>,
/// <c>...+03:30</c>) or a JavaScript <c>Date</c>; a local date-time without offset, read in the zone; an ISO
/// date <c>2025-04-30</c> or a Solar Hijri date <c>1404/02/10</c>, meaning the start (00:00) of that day in
/// the zone. <c>n</c> is a whole number. A bad argument fails the expression with a message.
/// Thread-safe; the functions read only the step's now and the calendar.
/// </summary>
public static class BusinessCalendarFunctions
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
    ];

    private static readonly InstantPattern Output = InstantPattern.General; // uuuu-MM-ddTHH:mm:ssZ

    /// <summary>Creates <c>workingDays</c>, <c>addWorkingDays</c>, <c>isWorkingDay</c> and <c>jalali</c> for <paramref name="calendar"/>.</summary>
    /// <param name="calendar">The business calendar; its zone reads dates without an offset.</param>
    /// <returns>The four functions.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="calendar"/> is <see langword="null"/>.</exception>
    public static IReadOnlyList<ExpressionFunction> Create(WorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return
        [
            new("workingDays", (context, args) =>
            {
                Arity("workingDays(n)", args, 1);
                return Json(Format(calendar.AddWorkingDays(context.Now, Count(args[0]))));
            }),
            new("addWorkingDays", (_, args) =>
            {
                Arity("addWorkingDays(date, n)", args, 2);
                return Json(Format(calendar.AddWorkingDays(ReadInstant(calendar.Zone, args[0]), Count(args[1]))));
            }),
            new("isWorkingDay", (_, args) =>
            {
                Arity("isWorkingDay(date)", args, 1);
                return JsonSerializer.SerializeToElement(calendar.IsWorkingDay(ReadLocalDate(calendar.Zone, args[0])));
            }),
            new("jalali", (_, args) =>
            {
                Arity("jalali(date)", args, 1);
                var text = Text(args[0]);
                return SolarHijriDate.TryParse(text, out var jalali)
                    ? Json(Format(jalali.ToLocalDate().AtStartOfDayInZone(calendar.Zone).ToInstant().ToDateTimeOffset()))
                    : Json(SolarHijriDate.FromLocalDate(ReadLocalDate(calendar.Zone, args[0])).ToString());
            }),
        ];
    }

    private static void Arity(string signature, IReadOnlyList<JsonElement> args, int count)
    {
        if (args.Count != count)
        {
            throw new ArgumentException($"{signature} takes {count} argument(s), not {args.Count}.");
        }
    }

    private static int Count(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n)
            ? n
            : throw new ArgumentException($"the number of working days must be a whole number, not {value.GetRawText()}.");

    private static string Text(JsonElement value) =>
        value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new ArgumentException($"a date must be a string or Date, not {value.GetRawText()}.");

    private static DateTimeOffset ReadInstant(DateTimeZone zone, JsonElement value)
    {
        var text = Text(value).Trim();
        foreach (var pattern in OffsetPatterns)
        {
            if (pattern.Parse(text) is { Success: true } offset)
            {
                return offset.Value.ToInstant().ToDateTimeOffset();
            }
        }

        foreach (var pattern in LocalPatterns)
        {
            if (pattern.Parse(text) is { Success: true } local)
            {
                return local.Value.InZoneLeniently(zone).ToInstant().ToDateTimeOffset();
            }
        }

        return TryReadDate(text, out var date)
            ? date.AtStartOfDayInZone(zone).ToInstant().ToDateTimeOffset()
            : throw new ArgumentException(
                $"'{text}' is not an ISO 8601 instant (2025-04-30T10:00:00Z), ISO date (2025-04-30) or Solar Hijri date (1404/02/10).");
    }

    private static LocalDate ReadLocalDate(DateTimeZone zone, JsonElement value) =>
        TryReadDate(Text(value).Trim(), out var date)
            ? date
            : Instant.FromDateTimeOffset(ReadInstant(zone, value)).InZone(zone).Date;

    private static bool TryReadDate(string text, out LocalDate date)
    {
        if (LocalDatePattern.Iso.Parse(text) is { Success: true } iso)
        {
            date = iso.Value;
            return true;
        }

        var isJalali = SolarHijriDate.TryParse(text, out var jalali);
        date = isJalali ? jalali.ToLocalDate() : default;
        return isJalali;
    }

    private static string Format(DateTimeOffset instant) => Output.Format(Instant.FromDateTimeOffset(instant));

    private static JsonElement Json(string text) => JsonSerializer.SerializeToElement(text);
}
