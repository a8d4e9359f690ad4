using ApprovalFlow.Web.Tests.Support;
using Microsoft.Playwright;

namespace ApprovalFlow.Web.Tests;

[Collection(WebGroup.Name)]
public sealed class ErrorPageTests(WebAppFixture app)
{
    /// <summary>A working-group secretary of the demo directory: not a coordinator of any theme.</summary>
    private const string Outsider = "maryam.ahmadi@approvalflow.local";

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
}
