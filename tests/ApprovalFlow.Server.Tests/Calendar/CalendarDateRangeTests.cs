using System.Net;
using System.Net.Http.Json;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Tests.Support;

namespace ApprovalFlow.Server.Tests.Calendar;

/// <summary>Dates outside 1900–2199, or a Jalali year written as an ISO date, are refused before anything is stored.</summary>
[Collection(ServiceGroup.Name)]
public class CalendarDateRangeTests(ServiceFixture service)
{
    [Theory]
    [InlineData("9999-12-31")]
    [InlineData("1405-09-15")]
    [InlineData("0001/01/01")]
    public async Task ClosureOnAnImplausibleDate_Is400_AndTheListStillWorks(string date)
    {
        var (_, admin) = await service.SignInNewAsync("admin", [Roles.Admin]);

        var response = await admin.PostAsJsonAsync("/api/calendar/closures", new { date, reason = "test" });

        await response.ProblemAsync(HttpStatusCode.BadRequest);
        var closures = await admin.GetOkAsync("/api/calendar/closures");
        Assert.DoesNotContain(closures.EnumerateArray(), c => c.Str("reason") == "test" && c.Str("date").StartsWith(date[..4], StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("9999-12-30", 10)]
    [InlineData("0001-01-01", -10)]
    public async Task WorkingDaysFromAnImplausibleDate_Is400(string from, int count)
    {
        var (_, client) = await service.SignInNewAsync("official", [Roles.Official]);

        var response = await client.GetAsync(new Uri($"/api/calendar/working-days?from={from}&count={count}", UriKind.Relative));

        await response.ProblemAsync(HttpStatusCode.BadRequest);
    }
}
