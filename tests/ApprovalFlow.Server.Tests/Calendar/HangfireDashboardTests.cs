using System.Net;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Runtime.Dashboard;
using ApprovalFlow.Server.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ApprovalFlow.Server.Tests.Calendar;

/// <summary>The Hangfire dashboard at /hangfire: admins only, by bearer header or by a token handed over once in the query.</summary>
[Collection(ServiceGroup.Name)]
public class HangfireDashboardTests(ServiceFixture service)
{
    [Fact]
    public async Task AdminWithBearerHeader_GetsTheDashboard()
    {
        var (_, admin) = await service.SignInNewAsync("dashboard-admin", [Roles.Admin]);

        var response = await admin.GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("ApprovalFlow jobs", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Official_Gets403_Anonymous_Gets401()
    {
        var (_, official) = await service.SignInNewAsync("dashboard-official", [Roles.Official]);

        await Problems.AssertProblemAsync(await official.GetAsync("/hangfire"), HttpStatusCode.Forbidden);
        await Problems.AssertProblemAsync(await official.GetAsync("/hangfire/jobs/enqueued"), HttpStatusCode.Forbidden);
        await Problems.AssertProblemAsync(await service.Factory.CreateClient().GetAsync("/hangfire"), HttpStatusCode.Unauthorized);
        await Problems.AssertProblemAsync(await service.Factory.CreateClient().GetAsync("/hangfire?access_token=forged"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task TokenInTheQuery_BecomesACookieScopedToTheDashboard_ForFollowUpRequests()
    {
        var (_, admin) = await service.SignInNewAsync("dashboard-browser", [Roles.Admin]);
        var token = admin.DefaultRequestHeaders.Authorization!.Parameter!;
        var browser = service.Factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });

        var first = await browser.GetAsync($"/hangfire?access_token={Uri.EscapeDataString(token)}");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var cookie = Assert.Single(first.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith($"{HangfireDashboard.CookieName}=", cookie, StringComparison.Ordinal);
        Assert.Contains("path=/hangfire", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("expires=", cookie, StringComparison.OrdinalIgnoreCase);

        var followUp = await browser.GetAsync("/hangfire/jobs/scheduled");
        Assert.Equal(HttpStatusCode.OK, followUp.StatusCode);
        var polling = await browser.PostAsync("/hangfire/stats", new FormUrlEncodedContent([new("metrics[]", "servers:count")]));
        Assert.Equal(HttpStatusCode.OK, polling.StatusCode);

        // The cookie is worth nothing outside the dashboard.
        using var api = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        api.Headers.Add("Cookie", $"{HangfireDashboard.CookieName}={token}");
        await Problems.AssertProblemAsync(await service.Factory.CreateClient().SendAsync(api), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task OfficialTokenInTheQuery_Gets403_AndNoCookie()
    {
        var (_, official) = await service.SignInNewAsync("dashboard-official-browser", [Roles.Official]);
        var token = official.DefaultRequestHeaders.Authorization!.Parameter!;

        var response = await service.Factory.CreateClient().GetAsync($"/hangfire?access_token={Uri.EscapeDataString(token)}");

        await Problems.AssertProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }
}
