using ApprovalFlow.Server.Data;
using ApprovalFlow.Web.Tests.Support;
using Microsoft.Playwright;

namespace ApprovalFlow.Web.Tests;

/// <summary>Every page of the web app, in Persian and in English: right lang/dir, every text translated, no console error, no serious or critical axe violation.</summary>
[Collection(WebGroup.Name)]
public sealed class PageWalkTests(WebAppFixture app)
{
    /// <summary>A secretary of the commission in the demo directory; only this test signs him in (and switches his language).</summary>
    private const string Walker = "majid.ghorbani@approvalflow.local";

    /// <summary>What a page needs: the tasks this test prepares.</summary>
    private sealed record WalkData(UserTaskRecord Open, UserTaskRecord Mine, UserTaskRecord Completed, UserTaskRecord Forbidden);

    /// <summary>A page to visit: a name for the report, its address, the status it answers and whether it needs the walker signed in.</summary>
    private sealed record WalkPage(string Name, Func<WalkData, string> Path, int Status = 200, bool SignedIn = true);

    /// <summary>
    /// Every page, one row each. Add a page here when it is built (the instance page, saved views, the
    /// designer...): the walk checks it in both languages.
    /// </summary>
    private static readonly WalkPage[] Walk =
    [
        new("sign-in", _ => "/account/login", SignedIn: false),
        new("single sign-on refused", _ => "/account/external?failed=true", 401, SignedIn: false),
        new("inbox: my tasks", _ => "/?tab=mine"),
        new("inbox: group tasks", _ => "/?tab=group"),
        new("inbox: completed by me", _ => "/?tab=completed"),
        new("task: open, offered to my group", d => $"/tasks/{d.Open.Id}"),
        new("task: claimed by me", d => $"/tasks/{d.Mine.Id}"),
        new("task: completed", d => $"/tasks/{d.Completed.Id}"),
        new("inbox: group tasks, searched and sorted by due date", _ => "/?tab=group&q=" + Uri.EscapeDataString("بازبینی") + "&sort=due"),
        new("instance: the process of a task offered to my group", d => $"/instances/{d.Open.InstanceId}"),
        new("e-mail settings", _ => "/me/notifications"),
        new("password change", _ => "/account/password"),
        new("sign out everywhere: confirmation", _ => "/account/sessions"),
        new("error 403: the instances list is for admins and process owners", _ => "/instances", 403),
        new("error 403: sent e-mails are for admins", _ => "/admin/notifications", 403),
        new("error 403: the definitions are for admins and process owners", _ => "/definitions", 403),
        new("error 403: a version comparison is for admins and process owners", _ => "/definitions/mid-term-plan/compare", 403),
        new("error 403: the task forms are for admins and process owners", _ => "/forms", 403),
        new("error 403: a version's monitor is for admins and process owners", _ => "/definitions/mid-term-plan/versions/1/monitor", 403),
        new("error 403: a task of other groups", d => $"/tasks/{d.Forbidden.Id}", 403),
        new("error 404: an unknown task", _ => $"/tasks/{Guid.NewGuid()}", 404),
        new("error 404: an unknown address", _ => "/no-such-page", 404),
        new("error 500", _ => FailingRequests.PagePath, 500),
    ];

    /// <summary>The forms helper's process owner of the demo directory; only the forms tests sign her in.</summary>
    private const string FormsOwner = "kiana.forms@approvalflow.local";

    /// <summary>The pages of process owners, walked by <see cref="FormsOwner"/>.</summary>
    private static readonly WalkPage[] OwnerWalk =
    [
        new("task forms", _ => "/forms"),
        new("form editor: a shipped form", _ => "/forms/city-council-approval"),
        new("form editor: a new form", _ => "/forms/new"),
    ];

    [Fact]
    public async Task Every_page_in_both_languages_has_its_lang_and_dir_every_text_translated_no_console_error_and_no_serious_accessibility_violation()
    {
        var (_, groups) = await Pages.UserAsync(app, Walker);
        var tasks = await SiteTasks.StartAsync(app, "site-walk", "بازبینی گزارش دبیرخانه کمیسیون", "commission-secretariat", count: 3);
        await SiteTasks.ClaimAsync(app, tasks[1], Walker);
        await SiteTasks.ClaimAsync(app, tasks[2], Walker, complete: true);
        var forbidden = await Pages.OpenTaskAsync(app, "IdentifyStakeholders", t => !t.CandidateGroups.Any(groups.Contains));
        var data = new WalkData(tasks[0], tasks[1], tasks[2], forbidden);

        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        var console = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") console.Add(message.Text); };
        page.PageError += (_, error) => console.Add(error);
        var problems = new List<string>();

        await WalkAsync(page, data, "fa", signedIn: false, console, problems, Walk);
        await Pages.SignInAsync(page, Walker);
        await WalkAsync(page, data, "fa", signedIn: true, console, problems, Walk);

        // The language switch of the layout, from the inbox; then every page again in English.
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await WalkAsync(page, data, "en", signedIn: true, console, problems, Walk);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Level = 1 })).ToBeVisibleAsync();
        await WalkAsync(page, data, "en", signedIn: false, console, problems, Walk);

        Assert.True(problems.Count == 0, $"{problems.Count} problems on the walk:\n{string.Join("\n", problems)}");
    }

    [Fact]
    public async Task The_process_owners_pages_in_both_languages_have_their_lang_and_dir_every_text_translated_no_console_error_and_no_serious_accessibility_violation()
    {
        await using var context = await app.NewContextAsync(width: 1440);
        var page = await context.NewPageAsync();
        var console = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") console.Add(message.Text); };
        page.PageError += (_, error) => console.Add(error);
        var problems = new List<string>();
        await Pages.SignInAsync(page, FormsOwner);

        await WalkAsync(page, null!, "fa", signedIn: true, console, problems, OwnerWalk);
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        try
        {
            await WalkAsync(page, null!, "en", signedIn: true, console, problems, OwnerWalk);
        }
        finally
        {
            await page.GotoAsync("/");
            await page.GetByRole(AriaRole.Button, new() { Name = "فارسی" }).ClickAsync();
        }

        Assert.True(problems.Count == 0, $"{problems.Count} problems on the walk:\n{string.Join("\n", problems)}");
    }

    private static async Task WalkAsync(IPage page, WalkData data, string language, bool signedIn, List<string> console, List<string> problems, WalkPage[] walk)
    {
        foreach (var visit in walk.Where(p => p.SignedIn == signedIn))
        {
            var where = $"[{language}] {visit.Name}";
            console.Clear();
            try
            {
                var response = await page.GotoAsync(visit.Path(data));
                if (response!.Status != visit.Status)
                {
                    problems.Add($"{where}: status {response.Status}, expected {visit.Status}");
                }

                await Pages.AssertTranslatedAsync(page, language);
            }
            catch (Exception failure) when (failure is Xunit.Sdk.XunitException or PlaywrightException or TimeoutException)
            {
                problems.Add($"{where}: {failure.Message}");
            }

            // The browser reports an error status of the page itself as a failed load; anything else is a fault.
            var faults = console.Where(text => visit.Status < 400 || !text.Contains($"status of {visit.Status}", StringComparison.Ordinal)).ToList();
            if (faults.Count > 0)
            {
                problems.Add($"{where}: console errors: {string.Join(" | ", faults)}");
            }
        }
    }
}
