using System.Text;
using ApprovalFlow.Engine.Calendar;
using NodaTime;

namespace ApprovalFlow.Engine.Tests.Calendar;

/// <summary>The shipped holiday data (workflows/calendars, copied to the test output) and helpers for Tehran times.</summary>
internal static class CalendarTestData
{
    public static readonly string Directory = Path.Combine(AppContext.BaseDirectory, "calendars");

    private static readonly Lazy<HolidayCalendarData> Loaded = new(() =>
        HolidayCalendarData.LoadDirectoryAsync(Directory, CancellationToken.None).GetAwaiter().GetResult());

    public static HolidayCalendarData Holidays => Loaded.Value;

    public static readonly DateTimeZone Tehran = DateTimeZoneProviders.Tzdb["Asia/Tehran"];

    /// <summary>A wall-clock time in Tehran as an instant.</summary>
    public static DateTimeOffset InTehran(int year, int month, int day, int hour, int minute = 0) =>
        new LocalDateTime(year, month, day, hour, minute).InZoneStrictly(Tehran).ToInstant().ToDateTimeOffset();

    public static DateTimeOffset Utc(int year, int month, int day, int hour, int minute = 0) =>
        new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    public static WorkingDayCalendar TehranCalendar(IClosureSource? closures = null, params IsoDayOfWeek[] weekend) =>
        new(new WorkingDayCalendarOptions
        {
            Holidays = Holidays,
            Closures = closures,
            Weekend = weekend.Length == 0 ? [IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday] : weekend,
        });

    /// <summary>The rows of workflows/calendars/iran-holidays-1403-1405.csv (RFC 4180 quoting).</summary>
    public static IReadOnlyList<Dictionary<string, string>> CsvRows()
    {
        var lines = File.ReadAllLines(Path.Combine(Directory, "iran-holidays-1403-1405.csv"), Encoding.UTF8)
            .Where(l => l.Length > 0)
            .ToList();
        var header = SplitCsv(lines[0]);
        return [.. lines.Skip(1).Select(l => header.Zip(SplitCsv(l)).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal))];
    }

    private static List<string> SplitCsv(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }
}
