using System.ComponentModel.DataAnnotations;
using NodaTime;
using NodaTime.Text;

namespace ApprovalFlow.Server.Features.Calendar;

/// <summary>
/// The business calendar (section <c>Calendar</c>), validated at start by data annotations and
/// <see cref="CalendarOptionsValidator"/>. Read once at start: changing it needs a restart.
/// </summary>
public sealed class CalendarOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Calendar";

    /// <summary>Default of <see cref="HolidaysDirectory"/>: the repository's data files, which the build also copies to the output directory.</summary>
    public const string DefaultHolidaysDirectory = "workflows/calendars";

    private static readonly string[] DefaultWeekend = ["Thursday", "Friday"];

    /// <summary>
    /// IANA zone of office days, of deadlines in working days and of timer dates without an offset.
    /// Default <c>Asia/Tehran</c> (UTC+03:30 all year since 1402).
    /// </summary>
    [Required]
    public string TimeZone { get; set; } = "Asia/Tehran";

    /// <summary>
    /// The weekend as English day names (<c>Saturday</c> … <c>Friday</c>, any case). Default
    /// <c>["Thursday", "Friday"]</c> when unset; must leave at least one working day.
    /// </summary>
    public IList<string>? Weekend { get; set; }

    /// <summary>
    /// The local time (<c>HH:mm</c>, 24-hour, in <see cref="TimeZone"/>) the office day ends: deadlines in
    /// working days fall at this time and work arriving later counts from the next working day. Default
    /// <c>14:00</c>; must be after <c>00:00</c>.
    /// </summary>
    [Required]
    public string OfficeDayEnd { get; set; } = "14:00";

    /// <summary>
    /// Folder of the holiday data files <c>iran-&lt;year&gt;.json</c> (<c>workflows/calendars/README.md</c>):
    /// absolute, or relative to the content root or, failing that, to the application's base directory
    /// (where the build copies the repository's files). Default <c>workflows/calendars</c>. A missing
    /// folder stops start-up.
    /// </summary>
    [Required]
    public string HolidaysDirectory { get; set; } = DefaultHolidaysDirectory;

    /// <summary>
    /// How often one-off closures are read again from the database, to see those added or removed by other
    /// service processes (this process's own changes count at once). Default 30 s; at least 1 s.
    /// </summary>
    public TimeSpan ClosureRefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary><see cref="Weekend"/>, or its default when unset.</summary>
    public IReadOnlyList<string> EffectiveWeekend => Weekend is { Count: > 0 } weekend ? [.. weekend] : DefaultWeekend;

    /// <summary>The zone named by <see cref="TimeZone"/>, or <see langword="null"/> when unknown.</summary>
    public DateTimeZone? Zone => DateTimeZoneProviders.Tzdb.GetZoneOrNull(TimeZone ?? string.Empty);

    /// <summary>The parsed <see cref="OfficeDayEnd"/>, or <see langword="null"/> when it is not <c>HH:mm</c>.</summary>
    public LocalTime? OfficeDayEndTime =>
        LocalTimePattern.CreateWithInvariantCulture("H:mm").Parse(OfficeDayEnd?.Trim() ?? string.Empty) is { Success: true } time ? time.Value : null;

    /// <summary>The parsed weekend days; the names that are no day of the week are left out (see <see cref="CalendarOptionsValidator"/>).</summary>
    public IReadOnlyList<IsoDayOfWeek> WeekendDays =>
        [.. EffectiveWeekend.Select(name => ParseDay(name)).OfType<IsoDayOfWeek>().Distinct()];

    /// <summary>
    /// The paths <see cref="HolidaysDirectory"/> may name, in the order they are tried: itself when
    /// absolute, else under <paramref name="contentRoot"/> and then under the application's base directory.
    /// </summary>
    /// <param name="contentRoot">The host's content root.</param>
    /// <returns>One or two full paths.</returns>
    public IReadOnlyList<string> HolidaysDirectoryCandidates(string contentRoot) => Hosting.ContentPaths.Candidates(HolidaysDirectory, contentRoot);

    /// <summary>The first of <see cref="HolidaysDirectoryCandidates"/> that exists, or <see langword="null"/>.</summary>
    /// <param name="contentRoot">The host's content root.</param>
    /// <returns>The full path of the folder, or <see langword="null"/> when none exists.</returns>
    public string? ResolveHolidaysDirectory(string contentRoot) => Hosting.ContentPaths.Resolve(HolidaysDirectory, contentRoot, System.IO.Directory.Exists);

    /// <summary>Reads an English day name (<c>Friday</c>, any case).</summary>
    /// <param name="name">The name.</param>
    /// <returns>The day, or <see langword="null"/> when it is no day of the week.</returns>
    internal static IsoDayOfWeek? ParseDay(string? name) =>
        Enum.TryParse<DayOfWeek>(name?.Trim(), ignoreCase: true, out var day) && Enum.IsDefined(day) && !int.TryParse(name, out _)
            ? day == DayOfWeek.Sunday ? IsoDayOfWeek.Sunday : (IsoDayOfWeek)(int)day
            : null;
}
