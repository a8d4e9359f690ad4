using System.Globalization;
using ApprovalFlow.Engine.Calendar;
using ApprovalFlow.Server.Api;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Data.Configurations;
using ApprovalFlow.Server.Features.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace ApprovalFlow.Server.Features.Calendar;

/// <summary>The business calendar API: one-off closures, working-day deadlines and public holidays.</summary>
public static class CalendarApi
{
    /// <summary>
    /// Maps <c>/api/calendar</c> (signed-in users; changing closures needs <see cref="Policies.Admin"/>):
    /// <c>GET /closures</c>, <c>POST /closures</c>, <c>DELETE /closures/{date}</c>, <c>GET /working-days</c>,
    /// <c>GET /holidays</c>.
    /// </summary>
    public static IEndpointRouteBuilder MapCalendarApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var api = endpoints.MapGroup("/api/calendar").WithTags("Calendar").RequireAuthorization(Policies.SignedIn);
        api.MapGet("/closures", ListClosuresAsync).WithName("ListClosures").WithSummary("The one-off closures, by date.");
        api.MapPost("/closures", AddClosureAsync).RequireAuthorization(Policies.Admin)
            .WithName("AddClosure")
            .WithSummary("Closes offices on one day (ISO 2025-08-03 or Solar Hijri 1404/05/12); counts for deadlines computed afterwards. Admins only.");
        api.MapDelete("/closures/{**date}", RemoveClosureAsync).RequireAuthorization(Policies.Admin)
            .WithName("RemoveClosure")
            .WithSummary("Reopens a closed day (ISO 2025-08-03 or Solar Hijri 1404/05/12). Admins only.");
        api.MapGet("/working-days", AddWorkingDays).WithName("AddWorkingDays")
            .WithSummary("The end of the office day count working days after from (default now), as workingDays(n) computes it in expressions.");
        api.MapGet("/holidays", ListHolidays).WithName("ListHolidays")
            .WithSummary("The official public holidays of a Solar Hijri year (default the current one).");
        return endpoints;
    }

    internal static async Task<Ok<List<ClosureResponse>>> ListClosuresAsync(ApprovalFlowDbContext db, CancellationToken cancellationToken)
    {
        var rows = await db.CalendarClosures.AsNoTracking().OrderBy(c => c.Date).ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.Select(ToResponse).ToList());
    }

    internal static async Task<Results<Created<ClosureResponse>, ProblemHttpResult>> AddClosureAsync(
        AddClosureRequest request,
        ApprovalFlowDbContext db,
        DatabaseClosureSource closures,
        ICurrentUser user,
        TimeProvider time,
        Audit.AuditTrail audit,
        ILogger<CalendarClosure> logger,
        CancellationToken cancellationToken)
    {
        if (!CalendarDates.TryParseDate(request.Date, out var date))
        {
            return BadRequest($"date '{request.Date}' is not an ISO date (2025-08-03) or a Solar Hijri date (1404/05/12).");
        }

        if (RequestRules.RequiredText(request.Reason, "reason", CalendarClosureConfiguration.MaxReasonLength) is { } invalid)
        {
            return BadRequest(invalid);
        }

        var day = date.ToDateOnly();
        if (await db.CalendarClosures.AnyAsync(c => c.Date == day, cancellationToken))
        {
            return Duplicate(date);
        }

        var closure = new CalendarClosure { Date = day, Reason = request.Reason!.Trim(), CreatedAt = time.GetUtcNow(), CreatedBy = user.Id };
        db.CalendarClosures.Add(closure);
        await audit.AddAsync(db, Audit.AuditActions.CalendarClose, day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), new { reason = closure.Reason }, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            return Duplicate(date); // Added by a concurrent request.
        }

        await closures.RefreshAsync(cancellationToken);
        CalendarLog.ClosureAdded(logger, closure.Date, user.Id, closure.Reason);
        return TypedResults.Created($"/api/calendar/closures/{closure.Date:yyyy-MM-dd}", ToResponse(closure));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> RemoveClosureAsync(
        string date,
        ApprovalFlowDbContext db,
        DatabaseClosureSource closures,
        ICurrentUser user,
        Audit.AuditTrail audit,
        ILogger<CalendarClosure> logger,
        CancellationToken cancellationToken)
    {
        if (!CalendarDates.TryParseDate(date, out var parsed))
        {
            return BadRequest($"date '{date}' is not an ISO date (2025-08-03) or a Solar Hijri date (1404/05/12).");
        }

        var day = parsed.ToDateOnly();
        var closure = await db.CalendarClosures.SingleOrDefaultAsync(c => c.Date == day, cancellationToken);
        if (closure is null)
        {
            return ClosureNotFound(day, parsed);
        }

        db.CalendarClosures.Remove(closure);
        await audit.AddAsync(db, Audit.AuditActions.CalendarReopen, day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), new { reason = closure.Reason }, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ClosureNotFound(day, parsed); // Removed by a concurrent request.
        }

        await closures.RefreshAsync(cancellationToken);
        CalendarLog.ClosureRemoved(logger, day, user.Id);
        return TypedResults.NoContent();
    }

    private static ProblemHttpResult ClosureNotFound(DateOnly day, LocalDate parsed) => TypedResults.Problem(
        $"No closure on {day:yyyy-MM-dd} ({CalendarDates.Jalali(parsed)}).", statusCode: StatusCodes.Status404NotFound, title: "Closure not found");

    internal static Results<Ok<WorkingDaysResponse>, ProblemHttpResult> AddWorkingDays(
        WorkingDayCalendar calendar, TimeProvider time, string? from = null, int? count = null)
    {
        var start = time.GetUtcNow();
        if (from is not null && !CalendarDates.TryParseInstant(from, calendar.Zone, out start))
        {
            return BadRequest($"from '{from}' is not an ISO 8601 instant with offset (2025-04-30T10:00:00Z), an ISO date (2025-04-30) or a Solar Hijri date (1404/02/10).");
        }

        if (count is not { } n)
        {
            return BadRequest("count is required: the number of working days.");
        }

        if (Math.Abs((long)n) > WorkingDayCalendar.MaxWorkingDays)
        {
            return BadRequest($"count must be between -{WorkingDayCalendar.MaxWorkingDays} and {WorkingDayCalendar.MaxWorkingDays}, not {n}.");
        }

        var result = calendar.AddWorkingDays(start, n);
        return TypedResults.Ok(new WorkingDaysResponse(start.ToUniversalTime(), n, result, CalendarDates.Jalali(result, calendar.Zone)));
    }

    internal static Results<Ok<HolidaysResponse>, ProblemHttpResult> ListHolidays(WorkingDayCalendar calendar, TimeProvider time, int? year = null)
    {
        var wanted = year ?? SolarHijriDate.FromLocalDate(Instant.FromDateTimeOffset(time.GetUtcNow()).InZone(calendar.Zone).Date).Year;
        if (!calendar.Holidays.Years.Contains(wanted))
        {
            return TypedResults.Problem(
                $"No holiday data for the Solar Hijri year {wanted}; known years: {string.Join(", ", calendar.Holidays.Years)}.",
                statusCode: StatusCodes.Status404NotFound,
                title: "Holiday year not found");
        }

        var holidays = calendar.Holidays.Holidays
            .Where(h => h.Date.Year == wanted)
            .Select(h => new HolidayResponse(h.Date.ToString(), h.Gregorian.ToDateOnly(), KindName(h.Kind), h.Name, h.NameEn))
            .ToList();
        return TypedResults.Ok(new HolidaysResponse(wanted, holidays));
    }

    private static ClosureResponse ToResponse(CalendarClosure c) =>
        new(c.Date, CalendarDates.Jalali(LocalDate.FromDateOnly(c.Date)), c.Reason, c.CreatedAt, c.CreatedBy);

    private static string KindName(HolidayKind kind) => kind switch
    {
        HolidayKind.Solar => "solar",
        HolidayKind.Lunar => "lunar",
        _ => "one-off",
    };

    private static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid calendar request");

    private static ProblemHttpResult Duplicate(LocalDate date) =>
        TypedResults.Problem(
            $"Offices are already closed on {date.ToDateOnly():yyyy-MM-dd} ({CalendarDates.Jalali(date)}); remove that closure first to change its reason.",
            statusCode: StatusCodes.Status409Conflict,
            title: "Closure exists");
}
