using System.Text.RegularExpressions;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ApprovalFlow.Web.Tests;

[Collection(WebGroup.Name)]
public sealed class InboxTests(WebAppFixture app)
{
    /// <summary>A theme coordinator of the demo directory; her theme group is offered a task with the stakeholder form.</summary>
    private const string Coordinator = "elham.moradi@approvalflow.local";

    [Fact]
    public async Task A_coordinator_signs_in_claims_her_group_task_from_the_inbox_and_completes_its_form_then_switches_to_English()
    {
        var (userId, groups) = await Pages.UserAsync(app, Coordinator);
        var task = await FormTaskAsync(groups);
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        var consoleErrors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") consoleErrors.Add(message.Text); };

        await Pages.SignInAsync(page, Coordinator);
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fa");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "کارتابل", Level = 1 })).ToBeVisibleAsync();
        await Pages.AssertTranslatedAsync(page, "fa");

        await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^کارهای گروه") }).ClickAsync();
        await page.WaitForURLAsync("**/?tab=group");
        var row = page.GetByRole(AriaRole.Listitem).Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = task.Name! }) });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync("روز کاری مانده");
        await Pages.AssertTranslatedAsync(page, "fa");
        await Pages.ScreenshotAsync(page, "inbox-group-fa");

        await row.GetByRole(AriaRole.Button, new() { Name = $"برداشتن کار «{task.Name}»" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("کار را برداشتید");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^کارهای من") })).ToContainTextAsync("۱");
        Assert.Equal(userId, (await TaskAsync(task.Id)).Assignee);

        await page.GetByRole(AriaRole.Link, new() { Name = "باز کردن کار" }).ClickAsync();
        await page.WaitForURLAsync($"**/tasks/{task.Id}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = task.Name!, Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("در دست انجام")).ToBeVisibleAsync();
        var name = page.GetByLabel("نام شخص یا نهاد");
        await Assertions.Expect(name).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("برای پر کردن این فرم، جاوااسکریپت مرورگر را روشن کنید.")).ToHaveCountAsync(0);
        await name.FillAsync("انجمن حمایت از میراث فرهنگی مشهد");
        await page.GetByLabel("گروه ذی‌نفع").FocusAsync();
        await page.GetByText("نهادهای مردمی و انجمن‌های رسمی و غیررسمی", new() { Exact = true }).ClickAsync();
        await Pages.AssertTranslatedAsync(page, "fa");
        await Pages.ScreenshotAsync(page, "task-fa");
        await page.GetByRole(AriaRole.Button, new() { Name = "ثبت و پایان کار" }).ClickAsync();

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("کار ثبت و به مرحله بعد فرستاده شد");
        var completed = await TaskAsync(task.Id);
        Assert.Equal(UserTaskStatus.Completed, completed.Status);
        Assert.Equal(userId, completed.CompletedBy);

        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "ltr");
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Completed by me") }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = task.Name! })).ToBeVisibleAsync();
        await Pages.AssertTranslatedAsync(page, "en");
        await Pages.ScreenshotAsync(page, "inbox-completed-en");
        await page.GetByRole(AriaRole.Link, new() { Name = task.Name! }).ClickAsync();
        await Assertions.Expect(page.GetByText("Completed", new() { Exact = true })).ToBeVisibleAsync();
        await Pages.AssertTranslatedAsync(page, "en");
        await Pages.ScreenshotAsync(page, "task-completed-en");
        Assert.Empty(consoleErrors);

        // The choice is stored on the user: a new browser (no language cookie) signs in to English.
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Level = 1 })).ToBeVisibleAsync();
        await using var otherBrowser = await app.NewContextAsync();
        var other = await otherBrowser.NewPageAsync();
        await Pages.SignInAsync(other, Coordinator);
        await Assertions.Expect(other.GetByRole(AriaRole.Heading, new() { Name = "Inbox", Level = 1 })).ToBeVisibleAsync();
        await Pages.AssertTranslatedAsync(other, "en");
    }

    [Theory]
    [InlineData("fa")]
    [InlineData("en")]
    public async Task The_inbox_and_the_task_form_fit_a_360_pixel_phone(string language)
    {
        var coordinator = language == "fa" ? "mehdi.mohammadi@approvalflow.local" : "leila.moghaddam@approvalflow.local";
        var (_, groups) = await Pages.UserAsync(app, coordinator);
        var task = await FormTaskAsync(groups);
        await using var context = await app.NewContextAsync(width: 360, height: 780);
        var page = await context.NewPageAsync();
        await Pages.SignInAsync(page, coordinator);
        if (language == "en")
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        }

        await page.GotoAsync("/?tab=group");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = task.Name! })).ToBeVisibleAsync();
        await Pages.AssertTranslatedAsync(page, language);
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "The inbox scrolls sideways at 360 px.");
        await Pages.ScreenshotAsync(page, $"inbox-group-{language}-360");

        await page.GotoAsync($"/tasks/{task.Id}");
        await page.GetByRole(AriaRole.Button, new() { Name = language == "fa" ? "برداشتن کار" : "Claim", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("نام شخص یا نهاد")).ToBeVisibleAsync();
        await Pages.AssertTranslatedAsync(page, language);
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "The task page scrolls sideways at 360 px.");
        await Pages.ScreenshotAsync(page, $"task-{language}-360");
    }

    /// <summary>
    /// A task with the shipped stakeholder form offered to the coordinator's theme group, in an instance of its own
    /// (<see cref="Processes.StartStakeholderFormTaskAsync"/>): the plan's stakeholder tasks open the register page instead.
    /// </summary>
    private async Task<UserTaskRecord> FormTaskAsync(string[] groups)
    {
        var group = groups.First(g => g.StartsWith("theme-", StringComparison.Ordinal) && g.EndsWith("-coordinators", StringComparison.Ordinal));
        var instanceId = await Processes.StartStakeholderFormTaskAsync(app, group);
        return await Pages.OpenTaskAsync(app, "IdentifyStakeholders", t => t.InstanceId == instanceId);
    }

    private async Task<UserTaskRecord> TaskAsync(Guid id)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>().Tasks.AsNoTracking().SingleAsync(t => t.Id == id);
    }

    [Fact]
    public async Task A_form_the_server_refuses_shows_its_errors_keeps_the_values_and_saves_nothing()
    {
        const string coordinator = "hassan.moradi@approvalflow.local";
        var (userId, groups) = await Pages.UserAsync(app, coordinator);
        var task = await FormTaskAsync(groups);
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await Pages.SignInAsync(page, coordinator);
        await page.GotoAsync($"/tasks/{task.Id}");
        await page.GetByRole(AriaRole.Button, new() { Name = "برداشتن کار", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("کار را برداشتید");
        await Assertions.Expect(page.GetByLabel("نام شخص یا نهاد")).ToBeVisibleAsync();

        // Past the browser's check (as a script or an old form would): a NUL character, which the server refuses.
        await page.EvaluateAsync("""
            () => {
              const output = document.getElementById('task-form-variables');
              output.value = JSON.stringify({ stakeholders: [{ group: 'citizens', name: 'شورای محله' }], stakeholderNotes: 'یادداشت\u0000' });
              HTMLFormElement.prototype.submit.call(output.form);
            }
            """);

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("فرم ثبت نشد");
        await Assertions.Expect(page.GetByLabel("نام شخص یا نهاد")).ToHaveValueAsync("شورای محله");
        await Pages.AssertTranslatedAsync(page, "fa");
        await Pages.ScreenshotAsync(page, "task-refused-fa");
        var unchanged = await TaskAsync(task.Id);
        Assert.Equal(UserTaskStatus.Open, unchanged.Status);
        Assert.Equal(userId, unchanged.Assignee);
    }

    [Fact]
    public async Task Without_JavaScript_the_tabs_and_the_claim_work_as_plain_links_and_form_posts()
    {
        const string coordinator = "somayeh.sadeghi@approvalflow.local";
        var (userId, groups) = await Pages.UserAsync(app, coordinator);
        var task = await FormTaskAsync(groups);
        await using var context = await app.NewContextAsync(javaScript: false);
        var page = await context.NewPageAsync();
        await Pages.SignInAsync(page, coordinator);

        await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^کارهای گروه") }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"برداشتن کار «{task.Name}»" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("کار را برداشتید");
        Assert.Equal("/", new Uri(page.Url).AbsolutePath);
        Assert.Equal(userId, (await TaskAsync(task.Id)).Assignee);
        await page.GetByRole(AriaRole.Link, new() { Name = "باز کردن کار" }).ClickAsync();
        await Assertions.Expect(page.GetByText("برای پر کردن این فرم، جاوااسکریپت مرورگر را روشن کنید.")).ToBeVisibleAsync();
        await Pages.AssertTranslatedAsync(page, "fa", scan: false);
    }
}
