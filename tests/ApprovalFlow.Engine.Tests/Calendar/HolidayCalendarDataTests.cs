using ApprovalFlow.Engine.Calendar;
using NodaTime;
using NodaTime.Text;

namespace ApprovalFlow.Engine.Tests.Calendar;

public sealed class HolidayCalendarDataTests
{
    private const string ValidHoliday = """{ "date": "1404/01/01", "gregorian": "2025-03-21", "type": "solar", "name": "آغاز نوروز", "nameEn": "Nowruz" }""";

    private static string File(string holiday, int year = 1404) =>
        $$"""{ "year": {{year}}, "source": "test", "holidays": [ {{holiday}} ] }""";

    [Fact]
    public void ShippedFiles_LoadThreeYears()
    {
        var data = CalendarTestData.Holidays;

        Assert.Equal([1403, 1404, 1405], data.Years);
        Assert.True(data.Covers(new LocalDate(2025, 3, 20))); // 1403/12/30
        Assert.True(data.Covers(new LocalDate(2027, 3, 20))); // 1405/12/29
        Assert.False(data.Covers(new LocalDate(2027, 3, 21))); // 1406/01/01
        Assert.False(data.Covers(new LocalDate(2024, 3, 19))); // 1402/12/29
    }

    [Fact]
    public void ShippedFiles_MatchTheCsvRowForRow()
    {
        var rows = CalendarTestData.CsvRows();
        var holidays = CalendarTestData.Holidays.Holidays;

        Assert.Equal(rows.Count, holidays.Count);
        foreach (var row in rows)
        {
            var date = SolarHijriDate.Parse(row["jalali"]);
            var kind = row["type"] switch
            {
                "solar" => HolidayKind.Solar,
                "lunar" => HolidayKind.Lunar,
                _ => HolidayKind.OneOff,
            };
            Assert.Contains(new Holiday(date, kind, row["name_fa"], row["name_en"]), holidays);
            Assert.Equal(LocalDatePattern.Iso.Parse(row["gregorian"]).Value, date.ToLocalDate());
        }
    }

    [Fact]
    public void HolidaysOn_CoincidingHolidays_BothListed()
    {
        var on = CalendarTestData.Holidays.HolidaysOn(new LocalDate(2025, 4, 1)); // 1404/01/12

        Assert.Equal(2, on.Count);
        Assert.Equal([HolidayKind.Lunar, HolidayKind.Solar], on.Select(h => h.Kind));
        Assert.Empty(CalendarTestData.Holidays.HolidaysOn(new LocalDate(2025, 4, 30)));
    }

    [Fact]
    public void Parse_ValidFile_ReadsHoliday()
    {
        var data = HolidayCalendarData.Parse(File(ValidHoliday), "iran-1404.json");

        var holiday = Assert.Single(data.Holidays);
        Assert.Equal(new SolarHijriDate(1404, 1, 1), holiday.Date);
        Assert.Equal(new LocalDate(2025, 3, 21), holiday.Gregorian);
        Assert.Equal(HolidayKind.Solar, holiday.Kind);
        Assert.Equal("Nowruz", holiday.NameEn);
        Assert.True(data.IsHoliday(new LocalDate(2025, 3, 21)));
        Assert.True(data.IsHoliday(new SolarHijriDate(1404, 1, 1).ToLocalDate().WithCalendar(CalendarSystem.PersianAstronomical)));
    }

    [Theory]
    [InlineData("""{ "date": "1404/01/01", "gregorian": "2025-03-22", "type": "solar", "name": "x" }""", "1404/01/01 is 2025-03-21, not 2025-03-22")]
    [InlineData("""{ "date": "1404/12/30", "gregorian": "2026-03-21", "type": "solar", "name": "x" }""", "\"1404/12/30\" is not an existing Solar Hijri date")]
    [InlineData("""{ "date": "1403/12/30", "gregorian": "2025-03-20", "type": "solar", "name": "x" }""", "1403/12/30 is not in the year 1404")]
    [InlineData("""{ "date": "1404/01/01", "gregorian": "2025-03-21", "type": "weekly", "name": "x" }""", "type \"weekly\" is not solar, lunar or one-off")]
    [InlineData("""{ "date": "1404/01/01", "gregorian": "2025-03-21", "type": "solar" }""", "holidays[0]: \"name\" is missing or not a string")]
    [InlineData("""{ "date": "1404/01/01", "gregorian": "21.03.2025", "type": "solar", "name": "x" }""", "\"21.03.2025\" is not an ISO date")]
    public void Parse_BadEntry_ThrowsWithSourceAndReason(string holiday, string expected)
    {
        var ex = Assert.Throws<CalendarDataException>(() => HolidayCalendarData.Parse(File(holiday), "iran-1404.json"));

        Assert.Equal("iran-1404.json", ex.DataSource);
        Assert.StartsWith("iran-1404.json: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NotJson_Throws()
    {
        var ex = Assert.Throws<CalendarDataException>(() => HolidayCalendarData.Parse("{ \"year\": ", "x.json"));
        Assert.Contains("not valid JSON", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadDirectory_Missing_Throws()
    {
        var ex = await Assert.ThrowsAsync<CalendarDataException>(() =>
            HolidayCalendarData.LoadDirectoryAsync(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N")), CancellationToken.None));
        Assert.Contains("does not exist", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadFiles_FileNameNamesAnotherYear_Throws()
    {
        var directory = Directory.CreateTempSubdirectory("calendar-test-");
        try
        {
            var path = Path.Combine(directory.FullName, "iran-1405.json");
            await System.IO.File.WriteAllTextAsync(path, File(ValidHoliday));

            var ex = await Assert.ThrowsAsync<CalendarDataException>(() =>
                HolidayCalendarData.LoadDirectoryAsync(directory.FullName, CancellationToken.None));

            Assert.Equal(path, ex.DataSource);
            Assert.Contains("names the year 1405 but the data is for 1404", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task LoadFiles_MissingFile_Throws()
    {
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "iran-1404.json");

        var ex = await Assert.ThrowsAsync<CalendarDataException>(() => HolidayCalendarData.LoadFilesAsync([path], CancellationToken.None));

        Assert.Contains("cannot read", ex.Message, StringComparison.Ordinal);
    }
}
