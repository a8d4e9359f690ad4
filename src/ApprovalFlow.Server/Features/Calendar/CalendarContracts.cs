namespace ApprovalFlow.Server.Features.Calendar;

/// <summary>A one-off closure.</summary>
/// <param name="Date">The closed day (ISO date, e.g. <c>2025-08-03</c>).</param>
/// <param name="Jalali">The same day in the Solar Hijri calendar, e.g. <c>1404/05/12</c>.</param>
/// <param name="Reason">Why offices are closed.</param>
/// <param name="CreatedAt">When it was added (UTC).</param>
/// <param name="CreatedBy">The user id of the admin who added it.</param>
public sealed record ClosureResponse(DateOnly Date, string Jalali, string Reason, DateTimeOffset CreatedAt, string CreatedBy);

/// <summary>Closes offices on one day.</summary>
/// <param name="Date">ISO <c>2025-08-03</c> or Solar Hijri <c>1404/05/12</c> (Latin or Persian digits).</param>
/// <param name="Reason">Why, for people; at most 500 characters.</param>
public sealed record AddClosureRequest(string? Date, string? Reason);

/// <summary>A deadline in working days.</summary>
/// <param name="From">The instant counting started from (UTC).</param>
/// <param name="Count">Working days counted (negative: before <paramref name="From"/>).</param>
/// <param name="Result">The end of the office day reached (UTC instant).</param>
/// <param name="ResultJalali">The Solar Hijri date of <paramref name="Result"/> in the calendar's zone, e.g. <c>1404/02/15</c>.</param>
public sealed record WorkingDaysResponse(DateTimeOffset From, int Count, DateTimeOffset Result, string ResultJalali);

/// <summary>An official public holiday.</summary>
/// <param name="Date">The Solar Hijri date, e.g. <c>1404/01/01</c>.</param>
/// <param name="Gregorian">The same day as an ISO date, e.g. <c>2025-03-21</c>.</param>
/// <param name="Type"><c>solar</c>, <c>lunar</c> or <c>one-off</c>.</param>
/// <param name="Name">The official name in Persian.</param>
/// <param name="NameEn">The name in English (may be empty).</param>
public sealed record HolidayResponse(string Date, DateOnly Gregorian, string Type, string Name, string NameEn);

/// <summary>The public holidays of one Solar Hijri year.</summary>
/// <param name="Year">The Solar Hijri year, e.g. 1404.</param>
/// <param name="Holidays">Its holidays by date.</param>
public sealed record HolidaysResponse(int Year, IReadOnlyList<HolidayResponse> Holidays);
