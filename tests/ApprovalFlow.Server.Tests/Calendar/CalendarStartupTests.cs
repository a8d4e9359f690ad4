using ApprovalFlow.Engine.Calendar;
using ApprovalFlow.Server.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;

namespace ApprovalFlow.Server.Tests.Calendar;

/// <summary>Calendar settings and data are checked at start: a misconfigured calendar stops the service with a clear message.</summary>
[Collection(ServiceGroup.Name)]
public class CalendarStartupTests(ServiceFixture service)
{
    [Fact]
    public async Task MissingHolidaysDirectory_StopsStartUp_NamingThePath()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-calendars-{Guid.NewGuid():N}");
        await using var factory = service.Factory.WithWebHostBuilder(web => ServiceFixture.WithoutJobs(web).UseSetting("Calendar:HolidaysDirectory", missing));

        var exception = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        var invalid = Assert.IsType<OptionsValidationException>(Flatten(exception).First(e => e is OptionsValidationException));
        Assert.Contains(missing, invalid.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidSettings_AreReportedAllAtOnce()
    {
        await using var factory = service.Factory.WithWebHostBuilder(web => ServiceFixture.WithoutJobs(web)
            .UseSetting("Calendar:TimeZone", "Mars/Olympus")
            .UseSetting("Calendar:Weekend:0", "Funday")
            .UseSetting("Calendar:OfficeDayEnd", "25:00"));

        var exception = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        var invalid = Assert.IsType<OptionsValidationException>(Flatten(exception).First(e => e is OptionsValidationException));
        Assert.Contains("Calendar:TimeZone 'Mars/Olympus'", invalid.Message, StringComparison.Ordinal);
        Assert.Contains("'Funday'", invalid.Message, StringComparison.Ordinal);
        Assert.Contains("Calendar:OfficeDayEnd '25:00'", invalid.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidHolidayFile_StopsStartUp_NamingTheFile()
    {
        var folder = System.IO.Directory.CreateTempSubdirectory("calendars-");
        try
        {
            var file = Path.Combine(folder.FullName, "iran-1404.json");
            await File.WriteAllTextAsync(file, """{ "year": 1404, "source": "test", "holidays": [{ "date": "1404/01/01", "gregorian": "2025-03-22", "type": "solar", "name": "x" }] }""");
            await using var factory = service.Factory.WithWebHostBuilder(web => ServiceFixture.WithoutJobs(web).UseSetting("Calendar:HolidaysDirectory", folder.FullName));

            var exception = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

            var invalid = Assert.IsType<CalendarDataException>(Flatten(exception).First(e => e is CalendarDataException));
            Assert.Equal(file, invalid.DataSource);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static IEnumerable<Exception> Flatten(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Flatten))
                {
                    yield return inner;
                }
            }
        }
    }
}
