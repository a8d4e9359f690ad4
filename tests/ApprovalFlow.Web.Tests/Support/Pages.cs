using ApprovalFlow.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace ApprovalFlow.Web.Tests.Support;

/// <summary>Steps a person takes in the web app, and waiting for the service's background work.</summary>
internal static class Pages
{
    /// <summary>
    /// Signs in through the sign-in page as <paramref name="email"/> with the demo password. When the browser is still on
    /// the sign-in page after <see cref="WebAppFixture.StepTimeout"/>, fails saying where it is, what the sign-in post was
    /// answered and what the form shows (alerts, invalid fields), with a screenshot in <see cref="WebAppFixture.ScreenshotDirectory"/>.
    /// </summary>
    public static async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/");
        await page.GetByLabel("نشانی رایانامه").FillAsync(email);
        await page.GetByLabel("گذرواژه").FillAsync(WebAppFixture.DemoPassword);
        var answers = new List<string>();
        void OnResponse(object? sender, IResponse response)
        {
            if (response.Request.IsNavigationRequest)
            {
                lock (answers)
                {
                    answers.Add($"{response.Request.Method} {new Uri(response.Url).PathAndQuery} → {response.Status}");
                }
            }
        }

        page.Response += OnResponse;
        try
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "ورود", Exact = true }).ClickAsync();
            await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        }
        catch (PlaywrightException e)
        {
            string[] navigations;
            lock (answers)
            {
                navigations = [.. answers];
            }

            Assert.Fail(await SignInFailureAsync(page, email, navigations, e));
        }
        finally
        {
            page.Response -= OnResponse;
        }
    }

    /// <summary>What a failed <see cref="SignInAsync"/> saw, with the screenshot it saved.</summary>
    private static async Task<string> SignInFailureAsync(IPage page, string email, string[] navigations, PlaywrightException failure)
    {
        var name = $"sign-in-failed-{email.Split('@')[0]}-{DateTime.UtcNow:yyyyMMdd'T'HHmmss}";
        string shown;
        try
        {
            var alerts = await page.Locator("[role=alert], [role=status], .validation-summary-errors, .field-validation-error, .invalid-feedback:visible").AllInnerTextsAsync();
            var invalid = await page.Locator("form [aria-invalid=true], form :invalid").EvaluateAllAsync<string[]>("fields => fields.map(f => `${f.name || f.id}: ${f.validationMessage || 'invalid'}`)");
            shown = $"title '{await page.TitleAsync()}', alerts [{string.Join(" | ", alerts.Select(a => a.Trim()))}], fields failing their constraints [{string.Join(", ", invalid)}]";
            await ScreenshotAsync(page, name);
        }
        catch (PlaywrightException e)
        {
            shown = $"(the page could not be read: {e.Message})";
        }

        return $"Signing in as {email} did not leave the sign-in page: still at {page.Url}; {shown}; navigations after the click "
            + $"[{string.Join("; ", navigations)}]; screenshot {Path.Combine(WebAppFixture.ScreenshotDirectory, name + ".png")}. {failure.GetType().Name}: {failure.Message}";
    }

    /// <summary>
    /// Opens the navigation's process-owner menu ("مدیریت فرایندها", a disclosure) as a person does and returns its link
    /// named <paramref name="name"/> (exactly), now visible.
    /// </summary>
    public static async Task<ILocator> ProcessMenuLinkAsync(IPage page, string name)
    {
        var navigation = page.GetByRole(AriaRole.Navigation, new() { Name = "پیمایش اصلی" });
        var menu = navigation.GetByRole(AriaRole.Group).Filter(new() { Has = page.Locator("summary", new() { HasText = "مدیریت فرایندها" }) });
        if (await menu.GetAttributeAsync("open") is null)
        {
            await menu.Locator("summary").ClickAsync();
        }

        var link = menu.GetByRole(AriaRole.Link, new() { Name = name, Exact = true });
        await Assertions.Expect(link).ToBeVisibleAsync();
        return link;
    }

    /// <summary>
    /// Fails when the page shows a resource key instead of a text (the localiser answers a missing
    /// key with the key itself, a PascalCase word such as <c>TabMine</c>) or when its <c>lang</c>/<c>dir</c>
    /// are not <paramref name="language"/>'s; then, when <paramref name="scan"/> (axe-core needs the page's JavaScript), scans it (<see cref="AssertAccessibleAsync"/>).
    /// </summary>
    public static async Task AssertTranslatedAsync(IPage page, string language, bool scan = true)
    {
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("dir", language == "fa" ? "rtl" : "ltr");
        var text = await page.Locator("body").InnerTextAsync();
        var keys = System.Text.RegularExpressions.Regex.Matches(text, @"\b[A-Z][a-z]+(?:[A-Z][a-z]+)+\b").Select(m => m.Value).Where(word => word != "ApprovalFlow").ToList();
        Assert.True(keys.Count == 0, $"Untranslated keys on {page.Url}: {string.Join(", ", keys)}");
        if (scan)
        {
            await AssertAccessibleAsync(page);
        }
    }

    /// <summary>Fails on any serious or critical accessibility violation axe-core finds on the page (WCAG 2.1 AA rules).</summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
        var violations = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join("; ", v.Nodes.Select(n => n.Target?.ToString()))}").ToList();
        Assert.True(violations.Count == 0, $"Accessibility violations on {page.Url}:\n{string.Join("\n", violations)}");
    }

    /// <summary>
    /// The page's next file dialog. Call it well before the step that opens the dialog: Playwright's
    /// <c>RunAndWaitForFileChooserAsync</c> asks the browser to intercept file dialogs without waiting for it to
    /// agree, so a dialog opened at once may slip through and the wait times out (puppeteer#6040). Subscribing early,
    /// and one round trip to the page after it, has the browser intercepting before the dialog opens.
    /// </summary>
    public static async Task<Task<IFileChooser>> NextFileChooserAsync(IPage page)
    {
        var next = new TaskCompletionSource<IFileChooser>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnChooser(object? sender, IFileChooser chooser)
        {
            page.FileChooser -= OnChooser;
            next.TrySetResult(chooser);
        }
        page.FileChooser += OnChooser;
        await page.EvaluateAsync("() => document.readyState");
        return next.Task.WaitAsync(TimeSpan.FromSeconds(120));
    }

    /// <summary>Saves a full-page screenshot as <c>artifacts/screenshots/<paramref name="name"/>.png</c>.</summary>
    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(WebAppFixture.ScreenshotDirectory, name + ".png"), FullPage = true });

    /// <summary>Waits (polling the database, at most <paramref name="seconds"/>) until an open task of node <paramref name="nodeId"/> exists, and returns it.</summary>
    public static async Task<UserTaskRecord> OpenTaskAsync(WebAppFixture app, string nodeId, Func<UserTaskRecord, bool>? where = null, int seconds = 180)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            await using (var scope = app.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
                var tasks = await db.Tasks.AsNoTracking().Where(t => t.NodeId == nodeId && t.Status == UserTaskStatus.Open).ToListAsync();
                if (tasks.FirstOrDefault(where ?? (_ => true)) is { } task)
                {
                    return task;
                }
            }

            Assert.True(DateTime.UtcNow < deadline, $"No open {nodeId} task after {seconds} s.");
            await Task.Delay(250);
        }
    }

    /// <summary>The ids of the users with <paramref name="email"/>'s account and the groups they belong to.</summary>
    public static async Task<(string UserId, string[] Groups)> UserAsync(WebAppFixture app, string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Email == email);
        var groups = await db.Memberships.AsNoTracking().Where(m => m.UserId == user.Id).Select(m => m.GroupId).ToArrayAsync();
        return (user.Id, groups);
    }
}
