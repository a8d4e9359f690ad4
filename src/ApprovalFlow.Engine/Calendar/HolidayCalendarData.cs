using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using NodaTime;
using NodaTime.Text;

namespace ApprovalFlow.Engine.Calendar;

/// <summary>
/// Official public holidays of whole Solar Hijri years, read from the data files
/// <c>workflows/calendars/iran-&lt;year&gt;.json</c>:
/// <code>
/// { "year": 1404, "source": "...", "holidays": [
///   { "date": "1404/01/01", "gregorian": "2025-03-21", "type": "solar", "name": "آغاز نوروز", "nameEn": "Nowruz (New Year)" } ] }
/// </code>
/// Every entry is checked when read: the Solar Hijri date exists and lies in the file's year, and the
/// Gregorian date is the same day. Several entries may share a day (two holidays coincide). Immutable and
/// thread-safe; only the <c>Load…Async</c> methods touch the file system.
/// </summary>
public sealed partial class HolidayCalendarData
{
    private readonly FrozenDictionary<LocalDate, Holiday[]> _byDate;

    private HolidayCalendarData(IEnumerable<int> years, IEnumerable<Holiday> holidays)
    {
        Years = [.. years.Order()];
        Holidays = [.. holidays.OrderBy(h => h.Date)]; // Stable: file order within a day.
        _byDate = Holidays.GroupBy(h => h.Gregorian).ToFrozenDictionary(g => g.Key, g => g.ToArray());
    }

    /// <summary>No holidays and no years: only weekends and closures count.</summary>
    public static HolidayCalendarData Empty { get; } = new([], []);

    /// <summary>The Solar Hijri years whose holidays are known, ascending (e.g. 1403, 1404, 1405).</summary>
    public IReadOnlyList<int> Years { get; }

    /// <summary>All holidays, by date; holidays on the same day in the order of their file.</summary>
    public IReadOnlyList<Holiday> Holidays { get; }

    /// <summary>Whether the data lists the holidays of the Solar Hijri year of <paramref name="date"/>.</summary>
    /// <param name="date">A date (any calendar).</param>
    /// <returns><see langword="false"/> when a day of that year can only be judged by weekend and closures.</returns>
    public bool Covers(LocalDate date) => Years.Contains(SolarHijriDate.FromLocalDate(date).Year);

    /// <summary>Whether <paramref name="date"/> is an official public holiday.</summary>
    /// <param name="date">A date (any calendar).</param>
    /// <returns>Whether at least one holiday falls on it.</returns>
    public bool IsHoliday(LocalDate date) => _byDate.ContainsKey(date.WithCalendar(CalendarSystem.Iso));

    /// <summary>The holidays on <paramref name="date"/>; empty on an ordinary day.</summary>
    /// <param name="date">A date (any calendar).</param>
    /// <returns>The holidays, in file order.</returns>
    public IReadOnlyList<Holiday> HolidaysOn(LocalDate date) =>
        _byDate.TryGetValue(date.WithCalendar(CalendarSystem.Iso), out var holidays) ? holidays : [];

    /// <summary>Creates data from holidays built in code (tests, other sources).</summary>
    /// <param name="years">The Solar Hijri years the holidays cover completely.</param>
    /// <param name="holidays">The holidays; each must lie in one of <paramref name="years"/>.</param>
    /// <returns>The data.</returns>
    /// <exception cref="ArgumentException">A holiday lies outside <paramref name="years"/>.</exception>
    public static HolidayCalendarData Create(IEnumerable<int> years, IEnumerable<Holiday> holidays)
    {
        ArgumentNullException.ThrowIfNull(years);
        ArgumentNullException.ThrowIfNull(holidays);
        var yearSet = years.ToHashSet();
        var list = holidays.ToList();
        if (list.Find(h => !yearSet.Contains(h.Date.Year)) is { } outside)
        {
            throw new ArgumentException($"The holiday on {outside.Date} lies outside the years given.", nameof(holidays));
        }

        return new HolidayCalendarData(yearSet, list);
    }

    /// <summary>Combines the data of several years.</summary>
    /// <param name="parts">Data of distinct years.</param>
    /// <returns>All their years and holidays.</returns>
    /// <exception cref="ArgumentException">Two parts cover the same year.</exception>
    public static HolidayCalendarData Combine(IEnumerable<HolidayCalendarData> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var list = parts.ToList();
        var years = list.SelectMany(p => p.Years).ToList();
        if (years.GroupBy(y => y).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new ArgumentException($"Holiday data for the year {twice.Key} is given twice.", nameof(parts));
        }

        return new HolidayCalendarData(years, list.SelectMany(p => p.Holidays));
    }

    /// <summary>Reads one year's data file from its JSON text (pure; no file access).</summary>
    /// <param name="json">The file's content.</param>
    /// <param name="dataSource">A name for error messages, e.g. the file path.</param>
    /// <returns>The year's holidays.</returns>
    /// <exception cref="CalendarDataException">
    /// The JSON is invalid, a field is missing or mistyped, a date does not exist or lies outside the year,
    /// the Gregorian date is not the same day, or the type is not <c>solar</c>, <c>lunar</c> or <c>one-off</c>.
    /// </exception>
    public static HolidayCalendarData Parse(string json, string dataSource)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(dataSource);
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new CalendarDataException(dataSource, "the root is not a JSON object.");
            }

            var year = Required(root, "year", JsonValueKind.Number, dataSource, "the root");
            if (!year.TryGetInt32(out var yearValue) || yearValue < 1 || yearValue > 9377)
            {
                throw new CalendarDataException(dataSource, $"\"year\" {year.GetRawText()} is not a Solar Hijri year.");
            }

            var holidays = new List<Holiday>();
            var index = 0;
            foreach (var entry in Required(root, "holidays", JsonValueKind.Array, dataSource, "the root").EnumerateArray())
            {
                holidays.Add(ReadHoliday(entry, yearValue, dataSource, $"holidays[{index++}]"));
            }

            return new HolidayCalendarData([yearValue], holidays);
        }
        catch (JsonException ex)
        {
            throw new CalendarDataException(dataSource, $"not valid JSON: {ex.Message}", ex);
        }
    }

    /// <summary>Reads data files, e.g. <c>iran-1403.json</c>, <c>iran-1404.json</c>, <c>iran-1405.json</c>.</summary>
    /// <param name="paths">File paths, given by the host.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <returns>All their years and holidays.</returns>
    /// <exception cref="CalendarDataException">
    /// A file cannot be read or is invalid (see <see cref="Parse"/>), its name <c>…-&lt;year&gt;.json</c>
    /// names another year than its content, or two files cover the same year.
    /// </exception>
    public static async Task<HolidayCalendarData> LoadFilesAsync(IEnumerable<string> paths, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var parts = new List<HolidayCalendarData>();
        var seen = new Dictionary<int, string>();
        foreach (var path in paths)
        {
            string json;
            try
            {
                json = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new CalendarDataException(path, $"cannot read the holiday data file: {ex.Message}", ex);
            }

            var part = Parse(json, path);
            var year = part.Years[0];
            if (YearInFileName().Match(Path.GetFileName(path)) is { Success: true } match
                && int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) != year)
            {
                throw new CalendarDataException(path, $"the file name names the year {match.Groups[1].Value} but the data is for {year}.");
            }

            if (!seen.TryAdd(year, path))
            {
                throw new CalendarDataException(path, $"the year {year} is also given by {seen[year]}.");
            }

            parts.Add(part);
        }

        return Combine(parts);
    }

    /// <summary>Reads every data file <c>iran-&lt;year&gt;.json</c> in a directory (e.g. <c>workflows/calendars</c>).</summary>
    /// <param name="directory">The directory, given by the host.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <returns>All years found; <see cref="Empty"/> is never returned silently: no file is an error.</returns>
    /// <exception cref="CalendarDataException">The directory is missing, holds no <c>iran-&lt;year&gt;.json</c>, or a file is invalid.</exception>
    public static Task<HolidayCalendarData> LoadDirectoryAsync(string directory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!Directory.Exists(directory))
        {
            throw new CalendarDataException(directory, "the holiday data directory does not exist.");
        }

        var files = Directory.GetFiles(directory, "iran-*.json")
            .Where(f => YearInFileName().IsMatch(Path.GetFileName(f)))
            .Order(StringComparer.Ordinal)
            .ToList();
        return files.Count == 0
            ? throw new CalendarDataException(directory, "no holiday data file iran-<year>.json in the directory.")
            : LoadFilesAsync(files, cancellationToken);
    }

    private static Holiday ReadHoliday(JsonElement entry, int year, string dataSource, string where)
    {
        if (entry.ValueKind != JsonValueKind.Object)
        {
            throw new CalendarDataException(dataSource, $"{where} is not an object.");
        }

        var dateText = Required(entry, "date", JsonValueKind.String, dataSource, where).GetString()!;
        if (!SolarHijriDate.TryParse(dateText, out var date))
        {
            throw new CalendarDataException(dataSource, $"{where}: \"{dateText}\" is not an existing Solar Hijri date yyyy/MM/dd.");
        }

        if (date.Year != year)
        {
            throw new CalendarDataException(dataSource, $"{where}: {date} is not in the year {year} of the file.");
        }

        var gregorianText = Required(entry, "gregorian", JsonValueKind.String, dataSource, where).GetString()!;
        var gregorian = LocalDatePattern.Iso.Parse(gregorianText);
        if (!gregorian.Success)
        {
            throw new CalendarDataException(dataSource, $"{where}: \"{gregorianText}\" is not an ISO date yyyy-MM-dd.");
        }

        if (gregorian.Value != date.ToLocalDate())
        {
            throw new CalendarDataException(dataSource, $"{where}: {date} is {LocalDatePattern.Iso.Format(date.ToLocalDate())}, not {gregorianText}.");
        }

        var typeText = Required(entry, "type", JsonValueKind.String, dataSource, where).GetString();
        var kind = typeText switch
        {
            "solar" => HolidayKind.Solar,
            "lunar" => HolidayKind.Lunar,
            "one-off" => HolidayKind.OneOff,
            _ => throw new CalendarDataException(dataSource, $"{where}: type \"{typeText}\" is not solar, lunar or one-off."),
        };

        var name = Required(entry, "name", JsonValueKind.String, dataSource, where).GetString()!;
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new CalendarDataException(dataSource, $"{where}: \"name\" is empty.");
        }

        var nameEn = entry.TryGetProperty("nameEn", out var en) && en.ValueKind == JsonValueKind.String ? en.GetString()! : string.Empty;
        return new Holiday(date, kind, name, nameEn);
    }

    private static JsonElement Required(JsonElement parent, string name, JsonValueKind kind, string dataSource, string where) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == kind
            ? value
            : throw new CalendarDataException(dataSource, $"{where}: \"{name}\" is missing or not {Describe(kind)}.");

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Number => "a number",
        JsonValueKind.String => "a string",
        JsonValueKind.Array => "an array",
        _ => "an object",
    };

    [GeneratedRegex(@"^iran-(\d{4})\.json$", RegexOptions.CultureInvariant)]
    private static partial Regex YearInFileName();
}
