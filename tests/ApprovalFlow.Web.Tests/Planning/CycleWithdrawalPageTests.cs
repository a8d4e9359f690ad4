using System.Text.Json;
using System.Text.RegularExpressions;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Definitions;
using ApprovalFlow.Server.Runtime;
using ApprovalFlow.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ApprovalFlow.Web.Tests.Planning;

/// <summary>
/// Withdrawing a plan cycle on its home page, on a cycle of this test's own (business key <c>mtp-test-withdraw-web-…</c>,
/// its root <c>mid-term-plan</c> instance started through the service and left at its stakeholder tasks), by planning
/// office member nasrin.ghorbani in Persian: a blank reason is refused beside the field (without JavaScript, then with
/// it), the reason is confirmed in a second step, and the page then shows when, by whom and why, with no form and no task link.
/// </summary>
[Collection(WebGroup.Name)]
public sealed class CycleWithdrawalPageTests(WebAppFixture app)
{
    private const string Planner = "nasrin.ghorbani@approvalflow.local";
    private const string Title = "برنامه آزمون پس‌گرفتن چرخه";
    private const string Reason = "شورای شهر سند بالادستی تازه‌ای ابلاغ کرد؛ برنامه از نو تدوین می‌شود.";

    [Fact]
    public async Task The_planning_office_withdraws_a_running_cycle_with_a_confirmed_reason_after_a_blank_one_is_refused_beside_the_field_and_the_home_page_shows_the_withdrawal()
    {
        var cycle = $"test-withdraw-web-{Guid.NewGuid():N}"[..30];
        var key = $"mtp-{cycle}";
        var root = await StartAsync(cycle);
        var themes = await Processes.QueryAsync(app, db => db.Groups.CountAsync(g => g.Kind == "theme-coordinators"));
        await Processes.OpenTasksAsync(app, t => t.RootInstanceId == root && t.NodeId == "IdentifyStakeholders", themes);
        var name = await Processes.QueryAsync(app, db => db.Users.Where(u => u.Email == Planner).Select(u => u.DisplayName).SingleAsync());

        // Without JavaScript: the form posts and the page comes back with the error beside the field.
        await using (var plain = await app.NewContextAsync(javaScript: false))
        {
            var page = await plain.NewPageAsync();
            await Pages.SignInAsync(page, Planner);
            await page.GotoAsync($"/cycles/{key}");
            var form = page.GetByRole(AriaRole.Region, new() { Name = "پس‌گرفتن چرخه برنامه" });
            await form.GetByRole(AriaRole.Button, new() { Name = "ادامه" }).ClickAsync();
            await Assertions.Expect(form.GetByRole(AriaRole.Textbox, new() { Name = "دلیل پس‌گرفتن" })).ToHaveAccessibleDescriptionAsync(new Regex("دلیل پس‌گرفتن چرخه را بنویسید\\.$"));
            await Assertions.Expect(form.GetByRole(AriaRole.Alert).GetByRole(AriaRole.Link, new() { Name = "دلیل پس‌گرفتن چرخه را بنویسید." })).ToHaveAttributeAsync("href", "#withdraw-reason");
        }

        await using var context = await app.NewContextAsync();
        var home = await context.NewPageAsync();
        await Pages.SignInAsync(home, Planner);
        await home.GotoAsync($"/cycles/{key}");
        await Assertions.Expect(home.GetByRole(AriaRole.Heading, new() { Name = Title, Level = 1 })).ToBeVisibleAsync();
        var section = home.GetByRole(AriaRole.Region, new() { Name = "پس‌گرفتن چرخه برنامه" });
        var reason = section.GetByRole(AriaRole.Textbox, new() { Name = "دلیل پس‌گرفتن" });
        await reason.FillAsync("   ");
        await section.GetByRole(AriaRole.Button, new() { Name = "ادامه" }).ClickAsync();
        await Assertions.Expect(reason).ToHaveAccessibleDescriptionAsync(new Regex("دلیل پس‌گرفتن چرخه را بنویسید\\.$"));
        Assert.Equal(themes, await OpenTasksAsync(root));

        await reason.FillAsync(Reason);
        await section.GetByRole(AriaRole.Button, new() { Name = "ادامه" }).ClickAsync();
        var confirmation = section.GetByRole(AriaRole.Alert);
        await Assertions.Expect(confirmation).ToContainTextAsync($"{Persian(themes)} کار باز");
        await Assertions.Expect(confirmation).ToContainTextAsync(Reason);
        Assert.Equal(themes, await OpenTasksAsync(root));
        await Pages.AssertTranslatedAsync(home, "fa");
        await Pages.ScreenshotAsync(home, "cycle-withdraw-confirm-fa");

        await section.GetByRole(AriaRole.Button, new() { Name = "بله، چرخه را پس بگیر" }).ClickAsync();
        var banner = home.GetByRole(AriaRole.Status).Filter(new() { Has = home.GetByRole(AriaRole.Heading, new() { Name = "این چرخه برنامه پس گرفته شد" }) });
        await Assertions.Expect(banner).ToContainTextAsync(new Regex($"در [۰-۹]+ [^ ]+ ۱۴[۰-۹]{{2}} به دست {Regex.Escape(name)} پس گرفته شد\\. دلیل: {Regex.Escape(Reason)}"));
        await Assertions.Expect(home.GetByText("چرخه پس گرفته شده است؛ هیچ کاری از آن و کارگروه‌هایش باز نیست.")).ToBeVisibleAsync();
        await Assertions.Expect(home.GetByRole(AriaRole.Region, new() { Name = "پس‌گرفتن چرخه برنامه" })).ToHaveCountAsync(0);
        await Assertions.Expect(home.Locator("a[href^='/tasks/']")).ToHaveCountAsync(0);
        Assert.Equal(0, await OpenTasksAsync(root));
        await Pages.AssertTranslatedAsync(home, "fa");
        await Pages.AssertAccessibleAsync(home);
        await Pages.ScreenshotAsync(home, "cycle-withdrawn-fa");

        await home.GotoAsync("/cycles");
        var row = home.GetByRole(AriaRole.Row).Filter(new() { Has = home.GetByRole(AriaRole.Link, new() { Name = Title, Exact = true }) });
        await Assertions.Expect(row.GetByRole(AriaRole.Cell).Nth(1)).ToHaveTextAsync(new Regex(@"^\s*پس‌گرفته‌شده\s+در [۰-۹]+ [^ ]+ ۱۴[۰-۹]{2}\s*$"));
    }

    private static string Persian(int value) => Engine.Calendar.PersianDigits.ToPersian(value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private Task<int> OpenTasksAsync(Guid root) =>
        Processes.QueryAsync(app, db => db.Tasks.CountAsync(t => t.RootInstanceId == root && t.Status == UserTaskStatus.Open));

    /// <summary>Starts the cycle's root instance as the process owner, with the cycle's title.</summary>
    private async Task<Guid> StartAsync(string cycle)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
        var ownerId = await db.Users.Where(u => u.Email == "owner@approvalflow.local").Select(u => u.Id).SingleAsync();
        var definition = await scope.ServiceProvider.GetRequiredService<DefinitionCatalog>().FindAsync("mid-term-plan", null, CancellationToken.None);
        var variables = new Dictionary<string, JsonElement>
        {
            ["cycle"] = JsonSerializer.SerializeToElement(cycle),
            ["title"] = JsonSerializer.SerializeToElement(Title),
        };
        return (await scope.ServiceProvider.GetRequiredService<InstanceRunner>().StartAsync(definition!, $"mtp-{cycle}", variables, ownerId, CancellationToken.None)).Id;
    }
}
