using System.Text.Json;
using ApprovalFlow.Engine.State;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Definitions;
using ApprovalFlow.Server.Runtime;
using ApprovalFlow.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ApprovalFlow.Web.Tests;

/// <summary>
/// The monitor page of a version, read by a process owner of its own (<see cref="MonitorProcess.Owner"/>) on a
/// process of its own (<see cref="MonitorProcess.Key"/>): badges, heat map, the instances waiting at a node,
/// and retrying an incident from the page.
/// </summary>
[Collection(WebGroup.Name)]
public sealed class MonitorPageTests(WebAppFixture app)
{
    private const string ReviewName = "بررسی کارشناسان";
    private const string PublishName = "انتشار نتیجه";

    [Fact]
    public async Task The_monitor_shows_waiting_tokens_and_incidents_on_their_nodes_a_heat_map_the_instances_at_a_clicked_node_and_retries_an_incident()
    {
        var (ownerId, _) = await Pages.UserAsync(app, MonitorProcess.Owner);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.IsType<DefinitionsDeployed>(await scope.ServiceProvider.GetRequiredService<DefinitionDeployer>().DeployAsync(MonitorProcess.Xml, MonitorProcess.Owner, CancellationToken.None));
        }

        // A finishes its review and fails at publishing (once); B has one of two review items left; C both.
        var a = await StartAsync(ownerId, "monitor-a");
        var b = await StartAsync(ownerId, "monitor-b");
        var c = await StartAsync(ownerId, "monitor-c");
        foreach (var task in await Processes.OpenTasksAsync(app, t => t.InstanceId == a, 2))
        {
            await Processes.CompleteAsync(app, task, ownerId, new { });
        }

        await Processes.CompleteAsync(app, (await Processes.OpenTasksAsync(app, t => t.InstanceId == b, 2))[0], ownerId, new { });
        await Processes.QueryAsync(app, async db =>
        {
            var deadline = DateTime.UtcNow + WebAppFixture.StepTimeout;
            while (!await db.Incidents.AnyAsync(i => i.InstanceId == a && i.ResolvedAt == null))
            {
                Assert.True(DateTime.UtcNow < deadline, "A's publishing never failed into an incident.");
                await Task.Delay(250);
            }

            return true;
        });

        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        var consoleErrors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") consoleErrors.Add(message.Text); };
        await Pages.SignInAsync(page, MonitorProcess.Owner);
        await page.GotoAsync($"/definitions/{MonitorProcess.Key}/versions/1/monitor");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "پایش درخواست آزمایشی", Level = 1 })).ToBeVisibleAsync();
        var island = page.Locator("[data-island=monitor][data-state=shown]");
        await Assertions.Expect(island).ToHaveCountAsync(1);
        await Assertions.Expect(island.Locator("[data-diagram-canvas]")).ToHaveAttributeAsync("data-import-warnings", "0");

        // Badges: three review items wait (B one, C two), one token at publishing with one incident.
        await Assertions.Expect(Overlay(page, "review", "af-waiting-badge")).ToHaveTextAsync("۳");
        await Assertions.Expect(Overlay(page, "publish", "af-waiting-badge")).ToHaveTextAsync("۱");
        await Assertions.Expect(Overlay(page, "publish", "af-incident-badge")).ToHaveTextAsync("۱");
        await Assertions.Expect(Overlay(page, "review", "af-incident-badge")).ToHaveCountAsync(0);
        await Assertions.Expect(Overlay(page, "end", "af-waiting-badge")).ToHaveCountAsync(0);
        await Assertions.Expect(Shape(page, "publish")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\baf-node-incident\b"));
        var table = page.GetByRole(AriaRole.Table, new() { Name = "مرحله‌ها" });
        await Assertions.Expect(table.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = ReviewName }) }).GetByRole(AriaRole.Cell).First).ToHaveTextAsync("۳");

        // The heat map colours by p90: review is the only timed activity, so the longest (level 5); start took no time (level 1).
        var heat = page.GetByRole(AriaRole.Button, new() { Name = "نقشه گرما (زمان ماندن)" });
        await Assertions.Expect(heat).ToHaveAttributeAsync("aria-pressed", "false");
        await Assertions.Expect(Shape(page, "review")).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\baf-heat-\d"));
        await heat.ClickAsync();
        await Assertions.Expect(heat).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(page.Locator("[data-island=monitor]")).ToHaveAttributeAsync("data-heat", "on");
        await Assertions.Expect(Shape(page, "review")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\baf-heat-5\b"));
        await Assertions.Expect(Shape(page, "start")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\baf-heat-1\b"));
        await Assertions.Expect(Shape(page, "publish")).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\baf-heat-\d"));
        await Assertions.Expect(page.GetByText("رنگ هر مرحله: حداکثر زمانی که ۹۰٪ موارد در آن ماندند.")).ToBeVisibleAsync();

        // Pointing at the review tells its figures below the drawing.
        await Shape(page, "review").HoverAsync();
        await Assertions.Expect(page.Locator("[data-node-info]")).ToContainTextAsync("میانه ");
        await Assertions.Expect(page.Locator("[data-node-info]")).ToContainTextAsync("۱ بار انجام شده");

        // Clicking the review on the canvas lists B and C beside the diagram, latest arrival first, with links to their pages.
        await Shape(page, "review").ClickAsync();
        var waiting = page.GetByRole(AriaRole.List, new() { Name = $"منتظر در «{ReviewName}»" });
        await Assertions.Expect(waiting.GetByRole(AriaRole.Link)).ToHaveTextAsync(["monitor-c", "monitor-b"]);
        await Assertions.Expect(waiting.GetByRole(AriaRole.Link, new() { Name = "monitor-b" })).ToHaveAttributeAsync("href", $"/instances/{b}");
        await Assertions.Expect(waiting.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "monitor-c" })).ToContainTextAsync("۲ مورد باز");
        await Assertions.Expect(waiting.GetByRole(AriaRole.Listitem).First).ToContainTextAsync("در دست: کاوه پاشایی");
        await page.WaitForURLAsync(url => url.Contains("node=review", StringComparison.Ordinal));
        await Assertions.Expect(Shape(page, "review")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\baf-node-current\b"));
        await Pages.AssertTranslatedAsync(page, "fa");
        await Pages.ScreenshotAsync(page, "monitor-fa");

        // The keyboard way: the table's link of a node selects it too.
        await table.GetByRole(AriaRole.Link, new() { Name = PublishName }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.List, new() { Name = $"منتظر در «{PublishName}»" }).GetByRole(AriaRole.Link)).ToHaveTextAsync(["monitor-a"]);

        // Retrying A's incident from the page resolves it in place; the retried job succeeds and A ends.
        var incidents = page.Locator("#incidents-panel");
        await Assertions.Expect(incidents.GetByRole(AriaRole.Heading, new() { Name = "خطاهای باز (۱)" })).ToBeVisibleAsync();
        await incidents.GetByRole(AriaRole.Button, new() { Name = $"اجرای دوباره «{PublishName}»" }).ClickAsync();
        await Assertions.Expect(incidents.GetByRole(AriaRole.Status)).ToHaveTextAsync("دوباره اجرا شد؛ اگر باز هم خطا رخ دهد، این‌جا دیده می‌شود.");
        await Assertions.Expect(incidents.GetByRole(AriaRole.Heading, new() { Name = "خطاهای باز (۰)" })).ToBeVisibleAsync();
        await Processes.QueryAsync(app, async db =>
        {
            var deadline = DateTime.UtcNow + WebAppFixture.StepTimeout;
            while (await db.Instances.Where(i => i.Id == a).Select(i => i.Status).SingleAsync() != InstanceStatus.Completed)
            {
                Assert.True(DateTime.UtcNow < deadline, "A never completed after the retry.");
                await Task.Delay(250);
            }

            return true;
        });
        Assert.True(await Processes.QueryAsync(app, db => db.Incidents.AnyAsync(i => i.InstanceId == a && i.ResolvedAt != null)));
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("[data-island=monitor][data-state=shown]")).ToHaveCountAsync(1);
        await Assertions.Expect(Overlay(page, "publish", "af-incident-badge")).ToHaveCountAsync(0);
        await Assertions.Expect(Overlay(page, "publish", "af-waiting-badge")).ToHaveCountAsync(0);

        // The same page in English.
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Monitor of درخواست آزمایشی", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-island=monitor][data-state=shown]")).ToHaveCountAsync(1);
        await Pages.AssertTranslatedAsync(page, "en");
        await Pages.ScreenshotAsync(page, "monitor-en");
        await page.GetByRole(AriaRole.Button, new() { Name = "فارسی" }).ClickAsync();
        Assert.Empty(consoleErrors);
    }

    [Fact]
    public async Task The_monitor_of_the_demo_mid_term_plan_draws_without_import_warnings_and_reads_well_in_Persian_and_English()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        var consoleErrors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") consoleErrors.Add(message.Text); };
        await Pages.SignInAsync(page, MonitorProcess.Owner);
        await page.GotoAsync("/definitions/mid-term-plan/versions/1/monitor");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "پایش تدوین و تصویب برنامه میان‌مدت (عملیاتی)", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-island=monitor][data-state=shown] [data-diagram-canvas]")).ToHaveAttributeAsync("data-import-warnings", "0");
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "مرحله‌ها" }).GetByRole(AriaRole.Link, new() { Name = "شناسایی و جلب مشارکت ذی‌نفعان و ذی‌نفوذان" })).ToBeVisibleAsync();
        await Pages.AssertTranslatedAsync(page, "fa");
        await Pages.ScreenshotAsync(page, "monitor-mid-term-plan-fa");

        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Assertions.Expect(page.Locator("[data-island=monitor][data-state=shown]")).ToHaveCountAsync(1);
        await Pages.AssertTranslatedAsync(page, "en");
        await Pages.ScreenshotAsync(page, "monitor-mid-term-plan-en");
        await page.GetByRole(AriaRole.Button, new() { Name = "فارسی" }).ClickAsync();
        Assert.Empty(consoleErrors);
    }

    private static ILocator Shape(IPage page, string id) => page.Locator($"[data-island=monitor] g.djs-element[data-element-id='{id}']");

    private static ILocator Overlay(IPage page, string id, string badge) => page.Locator($"[data-island=monitor] .djs-overlays[data-container-id='{id}'] .{badge}");

    private async Task<Guid> StartAsync(string ownerId, string businessKey)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var definition = await scope.ServiceProvider.GetRequiredService<DefinitionCatalog>().FindAsync(MonitorProcess.Key, 1, CancellationToken.None);
        var variables = new Dictionary<string, JsonElement> { ["worker"] = JsonSerializer.SerializeToElement(ownerId), ["count"] = JsonSerializer.SerializeToElement(2) };
        return (await scope.ServiceProvider.GetRequiredService<InstanceRunner>().StartAsync(definition!, businessKey, variables, ownerId, CancellationToken.None)).Id;
    }
}
