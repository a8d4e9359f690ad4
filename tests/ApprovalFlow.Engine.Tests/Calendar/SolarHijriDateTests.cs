using System.Globalization;
using ApprovalFlow.Engine.Calendar;
using NodaTime;
using NodaTime.Text;

namespace ApprovalFlow.Engine.Tests.Calendar;

public sealed class SolarHijriDateTests
{
    [Theory]
    [InlineData(1403, 1, 1, "2024-03-20")]
    [InlineData(1404, 1, 1, "2025-03-21")]
    [InlineData(1403, 12, 29, "2025-03-19")]
    [InlineData(1403, 12, 30, "2025-03-20")]
    [InlineData(1404, 12, 29, "2026-03-20")]
    [InlineData(1405, 1, 1, "2026-03-21")]
    [InlineData(1404, 7, 15, "2025-10-07")]
    [InlineData(1401, 6, 30, "2022-09-21")]
    public void Conversion_KnownDates_BothWays(int year, int month, int day, string gregorian)
    {
        var iso = LocalDatePattern.Iso.Parse(gregorian).Value;
        var jalali = new SolarHijriDate(year, month, day);

        Assert.Equal(iso, jalali.ToLocalDate());
        Assert.Equal(jalali, SolarHijriDate.FromLocalDate(iso));
        Assert.Equal((year, month, day), (jalali.Year, jalali.Month, jalali.Day));
    }

    [Fact]
    public void LeapYears_1403HasEsfand30_1404DoesNot()
    {
        Assert.True(SolarHijriDate.IsLeapYear(1403));
        Assert.False(SolarHijriDate.IsLeapYear(1404));
        Assert.Equal(30, SolarHijriDate.DaysInMonth(1403, 12));
        Assert.Equal(29, SolarHijriDate.DaysInMonth(1404, 12));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SolarHijriDate(1404, 12, 30));
        Assert.False(SolarHijriDate.TryParse("1404/12/30", out _));
        Assert.Equal(new SolarHijriDate(1404, 1, 1), new SolarHijriDate(1403, 12, 30).PlusDays(1));
        Assert.Equal(new SolarHijriDate(1405, 1, 1), new SolarHijriDate(1404, 12, 29).PlusDays(1));
    }

    [Fact]
    public void EveryCsvRow_JalaliGregorianAndWeekdayAgree()
    {
        var rows = CalendarTestData.CsvRows();
        Assert.Equal(95, rows.Count);
        foreach (var row in rows)
        {
            var jalali = SolarHijriDate.Parse(row["jalali"]);
            Assert.Equal(LocalDatePattern.Iso.Parse(row["gregorian"]).Value, jalali.ToLocalDate());
            Assert.Equal(row["weekday"], jalali.DayOfWeek.ToString()[..3]);
        }
    }

    [Fact]
    public void NodaTimeAstronomical_AgreesWithDotNetPersianCalendar_1395To1415()
    {
        var persian = new PersianCalendar();
        var date = new SolarHijriDate(1395, 1, 1);
        while (date.Year <= 1415)
        {
            var clr = date.ToLocalDate().ToDateTimeUnspecified();
            Assert.Equal(
                (persian.GetYear(clr), persian.GetMonth(clr), persian.GetDayOfMonth(clr)),
                (date.Year, date.Month, date.Day));
            date = date.PlusDays(1);
        }
    }

    [Theory]
    [InlineData("1404/07/15")]
    [InlineData("۱۴۰۴/۰۷/۱۵")]
    [InlineData("١٤٠٤/٠٧/١٥")]
    [InlineData(" 1404/7/15 ")]
    [InlineData("۱۴۰۴/۷/۱۵")]
    public void Parse_LatinPersianAndArabicIndicDigits(string text)
    {
        Assert.Equal(new SolarHijriDate(1404, 7, 15), SolarHijriDate.Parse(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("1404-07-15")]
    [InlineData("1404/13/01")]
    [InlineData("1404/07/32")]
    [InlineData("1404/07")]
    [InlineData("14040/07/15")]
    [InlineData("1404/07/15x")]
    public void Parse_Invalid_Throws(string text)
    {
        Assert.False(SolarHijriDate.TryParse(text, out _));
        Assert.Throws<FormatException>(() => SolarHijriDate.Parse(text));
    }

    [Fact]
    public void Format_LatinPersianAndLong()
    {
        var date = new SolarHijriDate(1404, 7, 15);

        Assert.Equal("1404/07/15", date.ToString());
        Assert.Equal("۱۴۰۴/۰۷/۱۵", date.ToPersianString());
        Assert.Equal("۱۵ مهر ۱۴۰۴", date.ToLongPersianString());
        Assert.Equal("مهر", date.MonthName);
        Assert.Equal("فروردین", SolarHijriDate.GetMonthName(1));
        Assert.Equal("اسفند", SolarHijriDate.GetMonthName(12));
        Assert.Equal(IsoDayOfWeek.Tuesday, date.DayOfWeek);
    }

    [Fact]
    public void PersianDigits_RoundTrip()
    {
        Assert.Equal("۰۱۲۳۴۵۶۷۸۹ x", PersianDigits.ToPersian("0123456789 x"));
        Assert.Equal("0123456789 x", PersianDigits.ToLatin("۰۱۲۳۴۵۶۷۸۹ x"));
        Assert.Equal("0123456789", PersianDigits.ToLatin("٠١٢٣٤٥٦٧٨٩"));
    }

    [Fact]
    public void Comparison_OrdersByDay()
    {
        var a = new SolarHijriDate(1403, 12, 30);
        var b = new SolarHijriDate(1404, 1, 1);

        Assert.True(a < b);
        Assert.True(b >= a);
        Assert.True(a != b);
        Assert.Equal(-1, Math.Sign(a.CompareTo(b)));
    }
}
