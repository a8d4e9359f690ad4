using NodaTime;

namespace ApprovalFlow.Engine.Calendar;

/// <summary>One official public holiday on one day, as listed in <c>workflows/calendars/iran-&lt;year&gt;.json</c>. Immutable.</summary>
/// <param name="Date">The Solar Hijri date, e.g. 1404/01/01.</param>
/// <param name="Kind">Why the date moves from year to year (or not).</param>
/// <param name="Name">The official name in Persian.</param>
/// <param name="NameEn">The name in English; empty when the data has none.</param>
public sealed record Holiday(SolarHijriDate Date, HolidayKind Kind, string Name, string NameEn)
{
    /// <summary>The same day as an ISO (Gregorian) date, e.g. 2025-03-21 for 1404/01/01.</summary>
    public LocalDate Gregorian => Date.ToLocalDate();
}

/// <summary>The kind of a <see cref="Holiday"/>; written in the data files as <c>solar</c>, <c>lunar</c>, <c>one-off</c>.</summary>
public enum HolidayKind
{
    /// <summary>A fixed Solar Hijri date (Nowruz, 22 Bahman).</summary>
    Solar,

    /// <summary>A fixed lunar Hijri date (Eid al-Fitr, Ashura): about eleven days earlier every Solar Hijri year.</summary>
    Lunar,

    /// <summary>A closure decided once by the cabinet (e.g. national mourning).</summary>
    OneOff,
}
