using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ApprovalFlow.Engine.Calendar;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ApprovalFlow.Server.Tests.Calendar;

/// <summary>
/// Due dates in working days through the API, on a second host whose clock is fixed at Wednesday
/// 1404/02/10 (2025-04-30) 10:00 Tehran, an ordinary week without public holidays.
/// </summary>
[Collection(ServiceGroup.Name)]
public class CalendarDeadlineTests(ServiceFixture service)
{
    private static readonly DateTimeOffset WednesdayMorning = new(2025, 4, 30, 6, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task DueDateInWorkingDays_CountsAClosureAddedAtRunTime_OnlyForTasksStartedAfterwards()
    {
        await service.DeployAsync("working-days-task.bpmn");
        var clock = new FakeTimeProvider(WednesdayMorning);
        await using var host = service.Factory.WithWebHostBuilder(web =>
            ServiceFixture.WithoutJobs(web).ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock)));
        var admin = await service.CreateUserAsync("calendar-admin", [Roles.Admin]);
        var worker = await service.CreateUserAsync("calendar-worker", [Roles.Official]);
        using var adminClient = await SignInAsync(host, admin);
        using var workerClient = await SignInAsync(host, worker);

        // Expected independently: the pure calendar on the same data files, no closures.
        var holidays = await HolidayCalendarData.LoadDirectoryAsync(Path.Combine(TestDatabase.RepositoryRoot(), "workflows", "calendars"), CancellationToken.None);
        var closures = new ClosureList();
        var calendar = new WorkingDayCalendar(new WorkingDayCalendarOptions { Holidays = holidays, Closures = closures });
        var expectedBefore = calendar.AddWorkingDays(WednesdayMorning, 3);
        Assert.Equal(new DateTimeOffset(2025, 5, 5, 10, 30, 0, TimeSpan.Zero), expectedBefore); // Monday 1404/02/15 14:00 Tehran.

        var first = await StartAndReadTaskAsync(workerClient, worker);
        Assert.Equal(expectedBefore, first.GetProperty("dueAt").GetDateTimeOffset());
        // followUpDate="${addWorkingDays(jalali('1404/02/10'), 1)}": Saturday 1404/02/13 14:00 Tehran.
        Assert.Equal(new DateTimeOffset(2025, 5, 3, 10, 30, 0, TimeSpan.Zero), first.GetProperty("followUpAt").GetDateTimeOffset());

        // Sunday 1404/02/14 is closed (Persian digits), inside the window of the first task.
        var added = await adminClient.PostOkAsync("/api/calendar/closures", new { date = "۱۴۰۴/۰۲/۱۴", reason = "Heat: test closure" }, HttpStatusCode.Created);
        Assert.Equal("2025-05-04", added.Str("date"));
        closures.Add(new NodaTime.LocalDate(2025, 5, 4), "Heat: test closure");
        var expectedAfter = calendar.AddWorkingDays(WednesdayMorning, 3);
        Assert.Equal(new DateTimeOffset(2025, 5, 6, 10, 30, 0, TimeSpan.Zero), expectedAfter); // Tuesday 1404/02/16.

        var second = await StartAndReadTaskAsync(workerClient, worker);
        Assert.Equal(expectedAfter, second.GetProperty("dueAt").GetDateTimeOffset());
        var firstAgain = await workerClient.GetOkAsync($"/api/tasks/{first.Str("id")}");
        Assert.Equal(expectedBefore, firstAgain.GetProperty("dueAt").GetDateTimeOffset());

        var check = await workerClient.GetOkAsync($"/api/calendar/working-days?from={Uri.EscapeDataString(WednesdayMorning.ToString("O", System.Globalization.CultureInfo.InvariantCulture))}&count=3");
        Assert.Equal(expectedAfter, check.GetProperty("result").GetDateTimeOffset());
        Assert.Equal("1404/02/16", check.Str("resultJalali"));

        // Reopening the day counts again from then on.
        Assert.Equal(HttpStatusCode.NoContent, (await adminClient.DeleteAsync("/api/calendar/closures/2025-05-04")).StatusCode);
        var third = await StartAndReadTaskAsync(workerClient, worker);
        Assert.Equal(expectedBefore, third.GetProperty("dueAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task ClosureAddedByAnotherProcess_CountsAfterThePeriodicRefresh()
    {
        await using var other = service.Factory.WithWebHostBuilder(web =>
            ServiceFixture.WithoutJobs(web).UseSetting("Calendar:ClosureRefreshInterval", "00:00:01"));
        var admin = await service.CreateUserAsync("calendar-admin", [Roles.Admin]);
        using var mainClient = await service.ClientForAsync(admin);
        using var otherClient = await SignInAsync(other, admin);
        const string Query = "/api/calendar/working-days?from=2032-06-01T05:00:00Z&count=1"; // Tuesday 1411/03/11 08:30 Tehran.
        var before = (await otherClient.GetOkAsync(Query)).GetProperty("result").GetDateTimeOffset();

        await mainClient.PostOkAsync("/api/calendar/closures", new { date = before.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), reason = "Closed elsewhere" }, HttpStatusCode.Created);

        await ServiceFixture.EventuallyAsync(
            async () => (await otherClient.GetOkAsync(Query)).GetProperty("result").GetDateTimeOffset() > before,
            "the other process to read the new closure");
    }

    private static async Task<JsonElement> StartAndReadTaskAsync(HttpClient client, ApplicationUser worker)
    {
        var instanceId = (await client.PostOkAsync("/api/instances", new { definitionKey = "working-days-task", variables = new { worker = worker.Id } }, HttpStatusCode.Created)).Str("id");
        return (await client.GetOkAsync($"/api/tasks?scope=mine&instanceId={instanceId}")).Items().Single();
    }

    /// <summary>A client of <paramref name="host"/> signed in there (tokens carry that host's clock).</summary>
    internal static async Task<HttpClient> SignInAsync(WebApplicationFactory<Program> host, ApplicationUser user)
    {
        var client = host.CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = ServiceFixture.Password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).Str("accessToken");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
