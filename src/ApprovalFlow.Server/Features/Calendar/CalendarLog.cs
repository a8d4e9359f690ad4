namespace ApprovalFlow.Server.Features.Calendar;

/// <summary>Log messages of the business calendar.</summary>
internal static partial class CalendarLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Business calendar in {TimeZone}: {HolidayCount} public holidays of the years {Years}, {ClosureCount} one-off closures")]
    public static partial void Loaded(ILogger logger, string timeZone, int holidayCount, IReadOnlyList<int> years, int closureCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the one-off closures failed; the previous ones stay in use until the next try")]
    public static partial void RefreshFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Closure on {ClosureDate} added by {UserId}: {Reason}")]
    public static partial void ClosureAdded(ILogger logger, DateOnly closureDate, string userId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Closure on {ClosureDate} removed by {UserId}")]
    public static partial void ClosureRemoved(ILogger logger, DateOnly closureDate, string userId);

}
