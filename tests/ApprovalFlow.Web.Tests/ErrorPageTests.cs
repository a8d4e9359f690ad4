using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ApprovalFlow.Web.Tests.Support;
using Microsoft.Playwright;

namespace ApprovalFlow.Web.Tests;

[Collection(WebGroup.Name)]
public sealed class ErrorPageTests(WebAppFixture app)
{
    /// <summary>A working-group secretary of the demo directory: not a coordinator of any theme.</summary>
    private const string Outsider = "maryam.ahmadi@approvalflow.local";

    /// <summary>A planning-office official of the demo directory; only this test signs her in (and switches her language).</summary>
    private const string Secretary = "mahsa.mousavi@approvalflow.local";

    [Fact]
    public async Task An_official_outside_the_candidate_groups_gets_the_403_page_and_an_unknown_task_the_404_page_in_her_language()
    {
        var (_, groups) = await Pages.UserAsync(app, Outsider);
        var task = await Pages.OpenTaskAsync(app, "IdentifyStakeholders", t => !t.CandidateGroups.Any(groups.Contains));
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await Pages.SignInAsync(page, Outsider);

        var forbidden = await page.GotoAsync($"/tasks/{task.Id}");
        Assert.Equal(403, forbidden!.Status);
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fa");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "به این صفحه دسترسی ندارید", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("خطای ۴۰۳")).ToBeVisibleAsync();
        await Pages.ScreenshotAsync(page, "error-403-fa");

        var missing = await page.GotoAsync($"/tasks/{Guid.NewGuid()}");
        Assert.Equal(404, missing!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "صفحه پیدا نشد", Level = 1 })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "ltr");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Page not found", Level = 1 })).ToBeVisibleAsync();
        await Pages.ScreenshotAsync(page, "error-404-en");
    }

    [Fact]
    public async Task The_api_keeps_its_problem_details_while_pages_send_people_to_the_sign_in_page()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };

        var page = await http.GetAsync(new Uri("/", UriKind.Relative));
        var api = await http.GetAsync(new Uri("/api/tasks", UriKind.Relative));
        var missingApi = await http.GetAsync(new Uri($"/api/nothing-{Guid.NewGuid():N}", UriKind.Relative));

        Assert.Equal(System.Net.HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/account/login", page.Headers.Location!.AbsolutePath);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType!.MediaType);
        Assert.Contains("bearer token", await api.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("application/problem+json", missingApi.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task A_server_error_shows_the_500_page_with_its_trace_id_in_both_languages_and_never_the_exception()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        var consoleErrors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error" && !message.Text.Contains("500", StringComparison.Ordinal)) consoleErrors.Add(message.Text); };
        await Pages.SignInAsync(page, Secretary);

        var failed = await page.GotoAsync(FailingRequests.PagePath);
        Assert.Equal(500, failed!.Status);
        Assert.StartsWith("text/html", failed.Headers["content-type"], StringComparison.Ordinal);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "خطایی در سامانه رخ داد", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("خطای ۵۰۰")).ToBeVisibleAsync();
        var persianTrace = await page.Locator("main code").InnerTextAsync();
        Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$", persianTrace);
        var html = await page.ContentAsync();
        Assert.DoesNotContain(FailingRequests.Secret, html, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(InvalidOperationException), html, StringComparison.Ordinal);
        await Pages.AssertTranslatedAsync(page, "fa");
        await Pages.ScreenshotAsync(page, "error-500-fa");

        // The switch returns to the address asked for, which fails again: the page in English, with the new request's trace id.
        var again = page.WaitForResponseAsync(response => response.Url.EndsWith(FailingRequests.PagePath, StringComparison.Ordinal));
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        Assert.Equal(500, (await again).Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Something went wrong on our side", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Error 500")).ToBeVisibleAsync();
        var englishTrace = await page.Locator("main code").InnerTextAsync();
        Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$", englishTrace);
        Assert.NotEqual(persianTrace, englishTrace);
        Assert.DoesNotContain(FailingRequests.Secret, await page.ContentAsync(), StringComparison.Ordinal);
        await Pages.AssertTranslatedAsync(page, "en");
        await Pages.ScreenshotAsync(page, "error-500-en");
        Assert.Empty(consoleErrors);
    }

    [Fact]
    public async Task The_api_answers_the_same_403_404_and_500_as_problem_details_not_pages()
    {
        var (_, groups) = await Pages.UserAsync(app, Outsider);
        var task = await Pages.OpenTaskAsync(app, "IdentifyStakeholders", t => !t.CandidateGroups.Any(groups.Contains));
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        var login = await http.PostAsJsonAsync("/api/auth/login", new { email = Outsider, password = WebAppFixture.DemoPassword });
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var forbidden = await http.PostAsJsonAsync($"/api/tasks/{task.Id}/assign", new { userId = "anyone" });
        var missing = await http.GetAsync(new Uri($"/api/tasks/{Guid.NewGuid()}", UriKind.Relative));
        var failed = await http.GetAsync(new Uri(FailingRequests.ApiPath, UriKind.Relative));

        await AssertProblemAsync(forbidden, HttpStatusCode.Forbidden, "roles do not allow");
        await AssertProblemAsync(missing, HttpStatusCode.NotFound, "task");
        var problem = await AssertProblemAsync(failed, HttpStatusCode.InternalServerError, "unexpected");
        Assert.Matches("^00-[0-9a-f]{32}-", problem.GetProperty("traceId").GetString());
        Assert.DoesNotContain(FailingRequests.Secret, problem.ToString(), StringComparison.Ordinal);
    }

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string detailContains)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.Contains(detailContains, problem.GetProperty("detail").GetString()!, StringComparison.OrdinalIgnoreCase);
        return problem;
    }
}
