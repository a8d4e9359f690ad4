using Microsoft.Extensions.Options;
using NodaTime;

namespace ApprovalFlow.Server.Features.Calendar;

/// <summary>
/// Rules of <see cref="CalendarOptions"/> beyond data annotations, all reported at once: a known IANA
/// zone, weekend day names that leave a working day, an office day end <c>HH:mm</c> after 00:00, an
/// existing holidays folder and a refresh interval of at least 1 s.
/// </summary>
internal sealed class CalendarOptionsValidator(IHostEnvironment environment) : IValidateOptions<CalendarOptions>
{
    public ValidateOptionsResult Validate(string? name, CalendarOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Zone is null)
        {
            failures.Add($"Calendar:TimeZone '{options.TimeZone}' is not an IANA time zone id such as Asia/Tehran.");
        }

        var unknown = options.EffectiveWeekend.Where(day => CalendarOptions.ParseDay(day) is null).ToList();
        if (unknown.Count > 0)
        {
            failures.Add($"Calendar:Weekend names no day of the week: {string.Join(", ", unknown.Select(d => $"'{d}'"))} (use Saturday ... Friday).");
        }
        else if (options.WeekendDays.Count == 7)
        {
            failures.Add("Calendar:Weekend covers every day of the week: no working day is left.");
        }

        if (options.OfficeDayEndTime is not { } end)
        {
            failures.Add($"Calendar:OfficeDayEnd '{options.OfficeDayEnd}' is not a time of day HH:mm such as 14:00.");
        }
        else if (end == LocalTime.Midnight)
        {
            failures.Add("Calendar:OfficeDayEnd cannot be 00:00.");
        }

        if (!string.IsNullOrWhiteSpace(options.HolidaysDirectory) && options.ResolveHolidaysDirectory(environment.ContentRootPath) is null)
        {
            failures.Add($"Calendar:HolidaysDirectory '{options.HolidaysDirectory}' was not found (looked at {string.Join(" and ", options.HolidaysDirectoryCandidates(environment.ContentRootPath))}).");
        }

        if (options.ClosureRefreshInterval < TimeSpan.FromSeconds(1))
        {
            failures.Add($"Calendar:ClosureRefreshInterval {options.ClosureRefreshInterval} is shorter than 1 s.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
