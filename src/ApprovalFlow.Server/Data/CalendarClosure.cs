namespace ApprovalFlow.Server.Data;

/// <summary>
/// A one-off closure of offices (heat, energy shortage, mourning) decided at run time by an admin; a day
/// that is neither weekend nor public holiday but counts as no working day for deadlines computed
/// afterwards. One row per day.
/// </summary>
public sealed class CalendarClosure
{
    /// <summary>The closed day: a local date in the calendar's zone (Gregorian, column type <c>date</c>).</summary>
    public DateOnly Date { get; set; }

    /// <summary>Why, for people (e.g. "Heat: cabinet decision of 1404/05/10"); at most 500 characters.</summary>
    public required string Reason { get; set; }

    /// <summary>When it was added (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The user id of the admin who added it.</summary>
    public required string CreatedBy { get; set; }
}
