using System.Net;
using System.Net.Http.Json;
using ApprovalFlow.Engine.Calendar;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Tests.Support;

namespace ApprovalFlow.Server.Tests.Calendar;

/// <summary>The closures, working-days and holidays endpoints. Closures use years far ahead, so no deadline of another test moves.</summary>
[Collection(ServiceGroup.Name)]
public class CalendarApiTests(ServiceFixture service)
{
    [Fact]
    public async Task Closures_AcceptJalaliAndIsoDates_RefuseDuplicatesAndBadInput_AndOnlyAdminsChangeThem()
    {
        var (admin, adminClient) = await service.SignInNewAsync("closure-admin", [Roles.Admin]);
        var (_, officialClient) = await service.SignInNewAsync("closure-official", [Roles.Official]);

        var jalali = await adminClient.PostOkAsync("/api/calendar/closures", new { date = "1410/05/12", reason = "Heat" }, HttpStatusCode.Created);
        Assert.Equal("1410/05/12", jalali.Str("jalali"));
        var iso = jalali.Str("date");
        Assert.Equal(SolarHijriDate.Parse("1410/05/12").ToLocalDate().ToString("yyyy-MM-dd", null), iso);
        Assert.Equal(admin.Id, jalali.Str("createdBy"));
        var persian = await adminClient.PostOkAsync("/api/calendar/closures", new { date = "۱۴۱۰/۰۵/۱۳", reason = "Energy" }, HttpStatusCode.Created);
        Assert.Equal("1410/05/13", persian.Str("jalali"));
        var gregorian = await adminClient.PostOkAsync("/api/calendar/closures", new { date = "2031-12-01", reason = "Pollution" }, HttpStatusCode.Created);
        Assert.Equal("2031-12-01", gregorian.Str("date"));
        Assert.Equal("1410/09/10", gregorian.Str("jalali"));

        var duplicate = await Problems.AssertProblemAsync(
            await adminClient.PostAsJsonAsync("/api/calendar/closures", new { date = iso, reason = "Again" }), HttpStatusCode.Conflict);
        Assert.Contains("1410/05/12", duplicate.Detail(), StringComparison.Ordinal);
        foreach (var bad in new object[] { new { date = "1410/13/01", reason = "x" }, new { date = "2031-02-30", reason = "x" }, new { date = "tomorrow", reason = "x" }, new { reason = "x" } })
        {
            var problem = await Problems.AssertProblemAsync(await adminClient.PostAsJsonAsync("/api/calendar/closures", bad), HttpStatusCode.BadRequest);
            Assert.StartsWith("date", problem.Detail(), StringComparison.Ordinal);
        }

        var noReason = await Problems.AssertProblemAsync(
            await adminClient.PostAsJsonAsync("/api/calendar/closures", new { date = "1410/06/01", reason = " " }), HttpStatusCode.BadRequest);
        Assert.StartsWith("reason", noReason.Detail(), StringComparison.Ordinal);
        await Problems.AssertProblemAsync(
            await officialClient.PostAsJsonAsync("/api/calendar/closures", new { date = "1410/06/02", reason = "Not mine to decide" }), HttpStatusCode.Forbidden);
        await Problems.AssertProblemAsync(await officialClient.DeleteAsync("/api/calendar/closures/1410/05/12"), HttpStatusCode.Forbidden);
        await Problems.AssertProblemAsync(await service.Factory.CreateClient().GetAsync("/api/calendar/closures"), HttpStatusCode.Unauthorized);

        var listed = await officialClient.GetOkAsync("/api/calendar/closures");
        var mine = listed.EnumerateArray().Where(c => c.Str("jalali").StartsWith("1410/", StringComparison.Ordinal)).ToList();
        Assert.Equal(["1410/05/12", "1410/05/13", "1410/09/10"], mine.Select(c => c.Str("jalali")));
        Assert.Equal("Heat", mine[0].Str("reason"));

        Assert.Equal(HttpStatusCode.NoContent, (await adminClient.DeleteAsync("/api/calendar/closures/1410/05/12")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await adminClient.DeleteAsync("/api/calendar/closures/۱۴۱۰/۰۵/۱۳")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await adminClient.DeleteAsync("/api/calendar/closures/2031-12-01")).StatusCode);
        await Problems.AssertProblemAsync(await adminClient.DeleteAsync("/api/calendar/closures/2031-12-01"), HttpStatusCode.NotFound);
        var invalid = await Problems.AssertProblemAsync(await adminClient.DeleteAsync("/api/calendar/closures/someday"), HttpStatusCode.BadRequest);
        Assert.StartsWith("date", invalid.Detail(), StringComparison.Ordinal);
        Assert.DoesNotContain((await officialClient.GetOkAsync("/api/calendar/closures")).EnumerateArray(), c => c.Str("jalali").StartsWith("1410/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WorkingDays_MatchesTheCalendar_AndChecksItsInput()
    {
        var (_, client) = await service.SignInNewAsync("working-days", [Roles.Official]);
        var calendar = new WorkingDayCalendar(new WorkingDayCalendarOptions
        {
            Holidays = await HolidayCalendarData.LoadDirectoryAsync(Path.Combine(TestDatabase.RepositoryRoot(), "workflows", "calendars"), CancellationToken.None),
        });

        var ordinary = await client.GetOkAsync("/api/calendar/working-days?from=2025-04-30T12:30:00Z&count=3"); // Wednesday 16:00 Tehran.
        Assert.Equal(new DateTimeOffset(2025, 5, 6, 10, 30, 0, TimeSpan.Zero), ordinary.GetProperty("result").GetDateTimeOffset());
        Assert.Equal("1404/02/16", ordinary.Str("resultJalali"));
        Assert.Equal(3, ordinary.GetProperty("count").GetInt32());

        // Nowruz 1405, from a Solar Hijri date (00:00 Tehran).
        var nowruz = await client.GetOkAsync("/api/calendar/working-days?from=1405/01/01&count=2");
        var expected = calendar.AddWorkingDays(SolarHijriDate.Parse("1405/01/01").ToLocalDate().AtStartOfDayInZone(calendar.Zone).ToInstant().ToDateTimeOffset(), 2);
        Assert.Equal(expected, nowruz.GetProperty("result").GetDateTimeOffset());
        Assert.Equal(SolarHijriDate.FromLocalDate(NodaTime.LocalDate.FromDateTime(expected.AddHours(3.5).DateTime)).ToString(), nowruz.Str("resultJalali"));

        var fromNow = await client.GetOkAsync("/api/calendar/working-days?count=0");
        Assert.True(fromNow.GetProperty("result").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddDays(-1));

        foreach (var (query, field) in new[] { ("from=2025-01-01", "count"), ("count=abc", "count"), ("from=yesterday&count=1", "from"), ("count=20000", "count") })
        {
            var problem = await Problems.AssertProblemAsync(await client.GetAsync($"/api/calendar/working-days?{query}"), HttpStatusCode.BadRequest);
            Assert.Contains(field, problem.Detail(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Holidays_OfASolarHijriYear()
    {
        var (_, client) = await service.SignInNewAsync("holidays", [Roles.Official]);

        var year = await client.GetOkAsync("/api/calendar/holidays?year=1404");

        Assert.Equal(1404, year.GetProperty("year").GetInt32());
        var nowruz = year.GetProperty("holidays").EnumerateArray().First();
        Assert.Equal("1404/01/01", nowruz.Str("date"));
        Assert.Equal("2025-03-21", nowruz.Str("gregorian"));
        Assert.Equal("solar", nowruz.Str("type"));
        Assert.Contains(year.GetProperty("holidays").EnumerateArray(), h => h.Str("type") == "lunar");
        Assert.All(year.GetProperty("holidays").EnumerateArray(), h => Assert.StartsWith("1404/", h.Str("date"), StringComparison.Ordinal));
        await Problems.AssertProblemAsync(await client.GetAsync("/api/calendar/holidays?year=1399"), HttpStatusCode.NotFound);
    }
}
