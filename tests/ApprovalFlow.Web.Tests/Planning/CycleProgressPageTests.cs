using System.Text.Json;
using ApprovalFlow.Engine.Calendar;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Planning.Cycles;
using ApprovalFlow.Server.Features.Planning.Data;
using ApprovalFlow.Server.Features.Planning.Items;
using ApprovalFlow.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ApprovalFlow.Web.Tests.Planning;

/// <summary>
/// The plan cycles list and a cycle's progress dashboard, on a cycle of this test's own (business key
/// <c>mtp-test-progress-web-…</c>, written straight to the demo database, no process): one working group has a session,
/// one has drafted items, one agreed. Read by planning office member nasrin.ghorbani (no task here), in Persian, in
/// English (switched back in <c>finally</c>) and on a 360 px phone.
/// </summary>
[Collection(WebGroup.Name)]
public sealed class CycleProgressPageTests(WebAppFixture app)
{
    private const string Planner = "nasrin.ghorbani@approvalflow.local";
    private const string Title = "برنامه آزمون داشبورد پیشرفت";
    private static readonly string[] ThemeIds = ["urban-identity", "urban-fabric", "urban-economy"];

    [Fact]
    public async Task The_planning_office_finds_the_cycle_from_the_header_and_reads_its_charts_and_tables_with_the_APIs_figures_in_Persian_English_and_at_360_px()
    {
        var key = $"mtp-test-progress-web-{Guid.NewGuid():N}"[..36];
        await SeedAsync(key);

        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        var consoleErrors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") consoleErrors.Add(message.Text); };
        await Pages.SignInAsync(page, Planner);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "پیمایش اصلی" }).GetByRole(AriaRole.Link, new() { Name = "برنامه‌ها", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "برنامه‌های میان‌مدت", Level = 1 })).ToBeVisibleAsync();
        var row = page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = Title, Exact = true }) });
        await Assertions.Expect(row.GetByRole(AriaRole.Cell)).ToHaveTextAsync(new[] { "۱۴۰۹ تا ۱۴۱۲", "در حال تهیه", "بدون کار باز", "[۰-۹]+ [^ ]+ ۱۴[۰-۹]{2}" }.Select(p => new System.Text.RegularExpressions.Regex($@"^\s*{p}\s*$")));
        await Pages.AssertTranslatedAsync(page, "fa");
        await Pages.ScreenshotAsync(page, "cycles-list-fa");

        await row.GetByRole(AriaRole.Link, new() { Name = Title, Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = Title, Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/cycles/{key}$"));
        await Assertions.Expect(page.Locator("[data-island=progress-chart][data-state=shown] canvas")).ToHaveCountAsync(2);
        var progress = await ProgressAsync(page, key);
        await AssertTablesAsync(page, progress, persian: true, ("جمع", "هویت شهری", "کالبد شهری", "اقتصاد شهری"));
        await Assertions.Expect(page.GetByText("فرایند برنامه هنوز آغاز نشده است.")).ToBeVisibleAsync();
        var pages = page.GetByRole(AriaRole.Navigation, new() { Name = "صفحه‌های برنامه" });
        await Assertions.Expect(pages.GetByRole(AriaRole.Link, new() { Name = "ثبت ذی‌نفعان" })).ToHaveAttributeAsync("href", $"/cycles/{key}/stakeholders");
        await Assertions.Expect(pages.GetByRole(AriaRole.Link, new() { Name = "میز تلفیق و اولویت‌بندی" })).ToHaveAttributeAsync("href", $"/cycles/{key}/consolidation");
        var exports = page.GetByRole(AriaRole.Navigation, new() { Name = "برنامه و ردیابی آن" });
        await Assertions.Expect(exports.GetByRole(AriaRole.Link, new() { Name = "برنامه در Word" })).ToHaveAttributeAsync("href", $"/api/cycles/{key}/export?format=docx");
        await Assertions.Expect(exports.GetByRole(AriaRole.Link, new() { Name = "ردیابی موارد" })).ToHaveAttributeAsync("href", $"/cycles/{key}/trace");
        await Pages.AssertTranslatedAsync(page, "fa");
        await Pages.ScreenshotAsync(page, "cycle-progress-fa");

        try
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
            await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = Title, Level = 1 })).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("[data-island=progress-chart][data-state=shown] canvas")).ToHaveCountAsync(2);
            await AssertTablesAsync(page, await ProgressAsync(page, key), persian: false, ("Total", "Urban Identity", "Urban Fabric", "Urban Economy"));
            await Pages.AssertTranslatedAsync(page, "en");
            await Pages.ScreenshotAsync(page, "cycle-progress-en");
        }
        finally
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "فارسی" }).ClickAsync();
            await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fa");
        }

        await using var phone = await app.NewContextAsync(360, 780);
        var small = await phone.NewPageAsync();
        await Pages.SignInAsync(small, Planner);
        await small.GotoAsync($"/cycles/{key}");
        await Assertions.Expect(small.Locator("[data-island=progress-chart][data-state=shown] canvas")).ToHaveCountAsync(2);
        Assert.True(await small.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"), "The dashboard scrolls sideways at 360 px.");
        await Pages.AssertAccessibleAsync(small);
        await Pages.ScreenshotAsync(small, "cycle-progress-360-fa");
        await small.GotoAsync("/cycles");
        await Assertions.Expect(small.GetByRole(AriaRole.Link, new() { Name = Title, Exact = true })).ToBeVisibleAsync();
        Assert.True(await small.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"), "The cycles list scrolls sideways at 360 px.");
        await Pages.AssertAccessibleAsync(small);
        await Pages.ScreenshotAsync(small, "cycles-list-360-fa");
        Assert.Empty(consoleErrors);
    }

    /// <summary>The figures of <c>GET /api/cycles/{key}/progress</c>, read as <see cref="Planner"/> (bearer token of <c>POST /api/auth/login</c>).</summary>
    private static async Task<JsonElement> ProgressAsync(IPage page, string key)
    {
        var login = await page.APIRequest.PostAsync("/api/auth/login", new() { DataObject = new { email = Planner, password = WebAppFixture.DemoPassword } });
        Assert.True(login.Ok, $"POST /api/auth/login: {login.Status}");
        var token = (await login.JsonAsync())!.Value.GetProperty("accessToken").GetString();
        var response = await page.APIRequest.GetAsync($"/api/cycles/{key}/progress", new() { Headers = new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" } });
        Assert.True(response.Ok, $"GET progress: {response.Status}");
        return (await response.JsonAsync())!.Value;
    }

    /// <summary>The tables' rows of the seeded themes show the API's figures, in Persian or Latin digits.</summary>
    private static async Task AssertTablesAsync(IPage page, JsonElement progress, bool persian, (string Total, string Identity, string Fabric, string Economy) names)
    {
        string Digits(int value) => persian ? PersianDigits.ToPersian(value.ToString(System.Globalization.CultureInfo.InvariantCulture)) : value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string[] States(JsonElement counts) =>
            [.. new[] { "notStarted", "inSessions", "drafting", "agreed", "late", "total" }.Select(state => Digits(counts.GetProperty(state).GetInt32()))];
        ILocator Row(ILocator table, string name) =>
            table.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = name, Exact = true }) });

        var groups = page.Locator("[data-figures-table=groups-by-theme]");
        var items = page.Locator("[data-figures-table=items-by-theme]");
        var themeNames = new[] { names.Identity, names.Fabric, names.Economy };
        for (var i = 0; i < ThemeIds.Length; i++)
        {
            var counts = progress.GetProperty("workingGroupsByTheme").EnumerateArray().Single(b => b.GetProperty("id").GetString() == ThemeIds[i]).GetProperty("counts");
            await Assertions.Expect(Row(groups, themeNames[i]).GetByRole(AriaRole.Cell)).ToHaveTextAsync(States(counts));
            var kinds = progress.GetProperty("itemsByTheme").EnumerateArray().Single(b => b.GetProperty("theme").GetString() == ThemeIds[i]);
            await Assertions.Expect(Row(items, themeNames[i]).GetByRole(AriaRole.Cell)).ToHaveTextAsync(
                [.. new[] { "problems", "strategies", "executivePolicies", "projects", "total" }.Select(kind => Digits(kinds.GetProperty(kind).GetInt32()))]);
        }

        await Assertions.Expect(Row(groups, names.Total).GetByRole(AriaRole.Cell)).ToHaveTextAsync(States(progress.GetProperty("workingGroupTotals")));

        // The seeded content, whatever the rest of the directory: a group in sessions (urban identity), one drafting
        // (urban fabric: a problem and a strategy), one agreed (urban economy: a project).
        var identity = progress.GetProperty("workingGroupsByTheme")[0].GetProperty("counts");
        Assert.Equal(1, identity.GetProperty("inSessions").GetInt32());
        var fabric = progress.GetProperty("itemsByTheme").EnumerateArray().Single(b => b.GetProperty("theme").GetString() == "urban-fabric");
        Assert.Equal((1, 1), (fabric.GetProperty("problems").GetInt32(), fabric.GetProperty("strategies").GetInt32()));
    }

    /// <summary>
    /// The cycle (1409–1412, preparing, no root instance): a session of wg-hq-urban-identity; a problem and a strategy drafted
    /// by wg-hq-urban-fabric; wg-hq-urban-economy's project agreed and the group's approving agreement.
    /// </summary>
    private async Task SeedAsync(string key)
    {
        var now = DateTimeOffset.UtcNow;
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
        var cycle = new PlanCycleRecord
        {
            Id = Guid.CreateVersion7(), BusinessKey = key, Title = Title, FirstYear = 1409, LastYear = 1412,
            Themes = PlanCycles.DefaultThemes(), Status = PlanCycleStatus.Preparing, CreatedBy = "system", CreatedAt = now,
        };
        db.PlanCycles.Add(cycle);
        db.Sessions.Add(new WorkingGroupSessionRecord
        {
            Id = Guid.CreateVersion7(), CycleId = cycle.Id, WorkingGroupId = "wg-hq-urban-identity", Date = new DateOnly(2026, 5, 5), Agenda = "نشست با شهروندان",
            Minutes = "صورت‌جلسه", Sources = ["citizen-surveys"], CreatedBy = "system", CreatedAt = now, UpdatedAt = now,
        });
        PlanItemRecord Item(PlanItemKind kind, string title, string group, string theme, PlanItemStatus status) => new()
        {
            Id = Guid.CreateVersion7(), CycleId = cycle.Id, Kind = kind, Title = title, Theme = theme, Level = "headquarters",
            WorkingGroupId = group, Status = status, CreatedBy = "system", CreatedAt = now, UpdatedAt = now,
        };
        db.PlanItems.AddRange(
            Item(PlanItemKind.Problem, "ترافیک محور حرم", "wg-hq-urban-fabric", "urban-fabric", PlanItemStatus.Draft),
            Item(PlanItemKind.Strategy, "توسعه حمل‌ونقل همگانی", "wg-hq-urban-fabric", "urban-fabric", PlanItemStatus.Draft),
            Item(PlanItemKind.Project, "بازارچه محصولات محلی", "wg-hq-urban-economy", "urban-economy", PlanItemStatus.Agreed));
        db.WorkingGroupAgreements.Add(new WorkingGroupAgreementRecord
        {
            Id = Guid.CreateVersion7(), CycleId = cycle.Id, WorkingGroupId = "wg-hq-urban-economy", Decision = StageDecision.Approve, Comment = "توافق شد",
            DecidedBy = "system", DecidedAt = now,
        });
        await db.SaveChangesAsync();
    }
}
