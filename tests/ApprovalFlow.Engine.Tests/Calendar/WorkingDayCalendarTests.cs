using ApprovalFlow.Engine.Calendar;
using NodaTime;
using static ApprovalFlow.Engine.Tests.Calendar.CalendarTestData;

namespace ApprovalFlow.Engine.Tests.Calendar;

public sealed class WorkingDayCalendarTests
{
    private readonly WorkingDayCalendar _calendar = TehranCalendar();

    private static LocalDate Jalali(string text) => SolarHijriDate.Parse(text).ToLocalDate();

    [Fact]
    public void Defaults_TehranThursdayFridayWeekendOfficeEnd1400()
    {
        var calendar = new WorkingDayCalendar();

        Assert.Equal("Asia/Tehran", calendar.Zone.Id);
        Assert.Equal([IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday], calendar.Weekend);
        Assert.Equal(new LocalTime(14, 0), calendar.OfficeDayEnd);
        Assert.Empty(calendar.Holidays.Years);
    }

    [Fact]
    public void NowruzWeek_1404_NoWorkingDayFrom29EsfandTo4Farvardin()
    {
        // 1403/12/29 Wed (oil day), 12/30 Thu (weekend, 30 Esfand of the leap year), 1404/01/01 Fri … 01/04 Mon.
        Assert.True(_calendar.IsWorkingDay(Jalali("1403/12/28")));
        foreach (var day in new[] { "1403/12/29", "1403/12/30", "1404/01/01", "1404/01/02", "1404/01/03", "1404/01/04" })
        {
            Assert.False(_calendar.IsWorkingDay(Jalali(day)), day);
        }

        Assert.True(_calendar.IsWorkingDay(Jalali("1404/01/05")));

        // Tuesday 1403/12/28 10:00 + 1 working day → Tuesday 1404/01/05 at 14:00 Tehran.
        Assert.Equal(Utc(2025, 3, 25, 10, 30), _calendar.AddWorkingDays(InTehran(2025, 3, 18, 10), 1));
    }

    [Fact]
    public void YearBoundary_Esfand30OfLeapYear1403_IsHolidayEvenWhenThursdaysWork()
    {
        var saturdayToThursday = TehranCalendar(null, IsoDayOfWeek.Friday);

        Assert.Equal(IsoDayOfWeek.Thursday, Jalali("1403/12/30").DayOfWeek);
        Assert.False(saturdayToThursday.IsWorkingDay(Jalali("1403/12/30")));
        Assert.Equal(HolidayKind.Solar, Assert.Single(saturdayToThursday.Holidays.HolidaysOn(Jalali("1403/12/30"))).Kind);

        // 1404 has no Esfand 30: after 1404/12/29 (Friday, oil day) comes 1405/01/01 (Nowruz and Eid al-Fitr).
        // Wednesday 1404/12/27 10:00 + 1 → 1405/01/05 (Wednesday 2026-03-25): 12/28 Thu, 12/29 Fri, 1405/01/01–04 holidays.
        Assert.Equal(Utc(2026, 3, 25, 10, 30), _calendar.AddWorkingDays(InTehran(2026, 3, 18, 10), 1));
    }

    [Fact]
    public void ThursdayOffWeek_DefaultSkipsThursday_SaturdayToThursdayCountsIt()
    {
        var thursday = Jalali("1404/02/11"); // 2025-05-01, no holiday that week
        var saturdayToThursday = TehranCalendar(null, IsoDayOfWeek.Friday);

        Assert.False(_calendar.IsWorkingDay(thursday));
        Assert.True(saturdayToThursday.IsWorkingDay(thursday));
        Assert.False(saturdayToThursday.IsWorkingDay(Jalali("1404/02/12"))); // Friday

        var wednesdayMorning = InTehran(2025, 4, 30, 10);
        Assert.Equal(Utc(2025, 5, 3, 10, 30), _calendar.AddWorkingDays(wednesdayMorning, 1)); // Saturday
        Assert.Equal(Utc(2025, 5, 1, 10, 30), saturdayToThursday.AddWorkingDays(wednesdayMorning, 1)); // Thursday
        Assert.Equal(Utc(2025, 5, 5, 10, 30), _calendar.AddWorkingDays(wednesdayMorning, 3));
        Assert.Equal(Utc(2025, 5, 4, 10, 30), saturdayToThursday.AddWorkingDays(wednesdayMorning, 3));
    }

    [Fact]
    public void LunarHoliday_TasuaAndAshura1404_AreSkipped()
    {
        var tasua = Jalali("1404/04/14"); // Saturday 2025-07-05
        var ashura = Jalali("1404/04/15"); // Sunday 2025-07-06

        Assert.Equal(new LocalDate(2025, 7, 5), tasua);
        Assert.All(_calendar.Holidays.HolidaysOn(tasua).Concat(_calendar.Holidays.HolidaysOn(ashura)), h => Assert.Equal(HolidayKind.Lunar, h.Kind));
        Assert.False(_calendar.IsWorkingDay(tasua));
        Assert.False(_calendar.IsWorkingDay(ashura));

        // Wednesday 1404/04/11 10:00 + 1 → Monday 1404/04/16 14:00 (Thu, Fri weekend; Sat, Sun Tasua and Ashura).
        Assert.Equal(Utc(2025, 7, 7, 10, 30), _calendar.AddWorkingDays(InTehran(2025, 7, 2, 10), 1));
    }

    [Theory]
    [InlineData(10, 0, 5, 5)] // Wednesday morning: start day Wednesday, counts Sat, Sun, Mon.
    [InlineData(13, 59, 5, 5)]
    [InlineData(14, 0, 5, 6)] // At the office end the day is over: start day Saturday, counts Sun, Mon, Tue.
    [InlineData(16, 0, 5, 6)] // Wednesday afternoon.
    public void ThreeWorkingDaysFromWednesday_DependsOnTheOfficeDayEnd(int hour, int minute, int month, int day)
    {
        var from = InTehran(2025, 4, 30, hour, minute); // Wednesday 1404/02/10

        Assert.Equal(Utc(2025, month, day, 10, 30), _calendar.AddWorkingDays(from, 3));
    }

    [Fact]
    public void FromNonWorkingDay_CountingStartsNextWorkingDay()
    {
        Assert.Equal(Utc(2025, 5, 6, 10, 30), _calendar.AddWorkingDays(InTehran(2025, 5, 1, 9), 3)); // Thursday → Tuesday
        Assert.Equal(Utc(2025, 5, 3, 10, 30), _calendar.AddWorkingDays(InTehran(2025, 5, 2, 9), 0)); // Friday + 0 → Saturday
        Assert.Equal(Utc(2025, 4, 30, 10, 30), _calendar.AddWorkingDays(InTehran(2025, 4, 30, 9), 0)); // Wednesday morning + 0 → today
    }

    [Fact]
    public void NegativeWorkingDays_CountBackFromTheDate()
    {
        var due = Utc(2025, 5, 6, 10, 30); // Tuesday 1404/02/16 14:00

        Assert.Equal(Utc(2025, 5, 4, 10, 30), _calendar.AddWorkingDays(due, -2)); // Sunday
        Assert.Equal(Utc(2025, 4, 30, 10, 30), _calendar.AddWorkingDays(due, -4)); // Wednesday, over the weekend
        Assert.Equal(Utc(2025, 4, 30, 10, 30), _calendar.AddWorkingDays(InTehran(2025, 5, 2, 12), -1)); // Friday − 1 → Wednesday
        Assert.Equal(Utc(2025, 3, 18, 10, 30), _calendar.AddWorkingDays(Utc(2025, 3, 25, 10, 30), -1)); // back over Nowruz

        var from = InTehran(2025, 4, 30, 16);
        Assert.Equal(Utc(2025, 5, 3, 10, 30), _calendar.AddWorkingDays(_calendar.AddWorkingDays(from, 3), -3)); // the start day
    }

    [Fact]
    public void ClosureAddedAtRunTime_CountsForLaterCalculationsOnly()
    {
        var closures = new ClosureList();
        var calendar = TehranCalendar(closures);
        var from = InTehran(2025, 4, 30, 10);

        var before = calendar.AddWorkingDays(from, 3);
        closures.Add(Jalali("1404/02/14"), "Heat: offices closed in Tehran province");
        var after = calendar.AddWorkingDays(from, 3);

        Assert.Equal(Utc(2025, 5, 5, 10, 30), before);
        Assert.Equal(Utc(2025, 5, 6, 10, 30), after);
        Assert.False(calendar.IsWorkingDay(new LocalDate(2025, 5, 4)));
        Assert.Equal("Heat: offices closed in Tehran province", closures.Current[new LocalDate(2025, 5, 4)].Reason);

        Assert.True(closures.Remove(new LocalDate(2025, 5, 4)));
        Assert.Equal(before, calendar.AddWorkingDays(from, 3));
    }

    [Fact]
    public void ClosureList_ConcurrentAdds_AllKept()
    {
        var closures = new ClosureList();
        Parallel.For(0, 200, i => closures.Add(new LocalDate(2025, 1, 1).PlusDays(i), "closure " + i));

        Assert.Equal(200, closures.Current.Count);
    }

    [Theory]
    [InlineData(2023, 7, 1)] // summer 1402
    [InlineData(2024, 7, 1)] // summer 1403
    [InlineData(2024, 12, 25)] // winter 1403
    [InlineData(2025, 6, 21)] // summer 1404
    public void NoDaylightSavingSince1402_OfficeEndIs1030Utc(int year, int month, int day)
    {
        var date = new LocalDate(year, month, day);

        Assert.Equal(Utc(year, month, day, 10, 30), _calendar.EndOfOfficeDay(date));
        Assert.Equal(Offset.FromHoursAndMinutes(3, 30), Tehran.GetUtcOffset(date.AtMidnight().InZoneStrictly(Tehran).ToInstant()));
    }

    [Fact]
    public void ZoneHistory_1401StillHadDaylightSaving()
    {
        Assert.Equal(Utc(2022, 7, 1, 9, 30), _calendar.EndOfOfficeDay(new LocalDate(2022, 7, 1)));
    }

    [Fact]
    public void Add_Period_CountsCalendarDaysInTehran()
    {
        var from = InTehran(2025, 4, 30, 16);

        Assert.Equal(InTehran(2025, 5, 3, 16), _calendar.Add(from, Period.FromDays(3)));
        Assert.Equal(from.AddHours(2), _calendar.Add(from, Period.FromHours(2)));
    }

    [Fact]
    public void NextAndPreviousWorkingDay()
    {
        Assert.Equal(Jalali("1404/01/05"), _calendar.NextWorkingDay(Jalali("1403/12/28")));
        Assert.Equal(Jalali("1403/12/28"), _calendar.PreviousWorkingDay(Jalali("1404/01/05")));
    }

    [Fact]
    public void InvalidOptions_Throw()
    {
        Assert.Throws<ArgumentException>(() => new WorkingDayCalendar(new WorkingDayCalendarOptions
        {
            Weekend = Enum.GetValues<IsoDayOfWeek>().Where(d => d != IsoDayOfWeek.None).ToArray(),
        }));
        Assert.Throws<ArgumentException>(() => new WorkingDayCalendar(new WorkingDayCalendarOptions { OfficeDayEnd = LocalTime.Midnight }));
        Assert.Throws<ArgumentOutOfRangeException>(() => _calendar.AddWorkingDays(DateTimeOffset.UnixEpoch, WorkingDayCalendar.MaxWorkingDays + 1));
    }
}
