using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Runtime;
using ApprovalFlow.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ApprovalFlow.Web.Tests;

/// <summary>
/// The inbox's filters in the URL, search, saved views, bulk claim and live counts. Each test gives its demo
/// secretary a group of its own and starts <c>working-group</c> instances for it through the service, so no
/// other test's tasks or counts get in the way. Users (no other test uses them): milad.tousi, iman.rezaei,
/// yaser.mansouri, ali.neyshaburi, hossein.yousefi (region working-group secretaries) and amir.moghaddam
/// (the sixth theme coordinator, as the colleague who claims first).
/// </summary>
[Collection(WebGroup.Name)]
public sealed class InboxFilterTests(WebAppFixture app)
{
    [Fact]
    public async Task Filters_live_in_the_URL_survive_tab_switches_and_the_back_button_restores_them()
    {
        const string secretary = "milad.tousi@approvalflow.local";
        var group = await OwnGroupAsync(secretary);
        var identity = $"کارگروه نشانی هویت {Token()}";
        var economy = $"کارگروه نشانی اقتصاد {Token()}";
        await StartSessionsAsync(group, identity, "urban-identity", "region");
        await StartSessionsAsync(group, economy, "urban-economy", "headquarters");
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await Pages.SignInAsync(page, secretary);
        await page.GotoAsync("/?tab=group");

        await page.GetByLabel("محور").SelectOptionAsync(new SelectOptionValue { Label = "هویت شهری" });
        await page.GetByRole(AriaRole.Button, new() { Name = "اعمال", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(new Regex("theme=urban-identity"));
        await Assertions.Expect(Row(page, identity)).ToHaveCountAsync(1);
        await Assertions.Expect(Row(page, identity)).ToContainTextAsync("مرحله: ثبت جلسات کارگروه");
        await Assertions.Expect(Row(page, identity)).ToContainTextAsync("سطح: منطقه‌ای");
        await Assertions.Expect(Row(page, economy)).ToHaveCountAsync(0);
        await Pages.AssertTranslatedAsync(page, "fa");
        await Pages.ScreenshotAsync(page, "inbox-filtered-fa");

        await page.GetByLabel("محور").SelectOptionAsync(new SelectOptionValue { Label = "اقتصاد شهری" });
        await page.GetByLabel("سطح کارگروه").SelectOptionAsync(new SelectOptionValue { Label = "ستادی" });
        await page.GetByRole(AriaRole.Button, new() { Name = "اعمال", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(new Regex("theme=urban-economy.*level=headquarters"));
        await Assertions.Expect(Row(page, economy)).ToHaveCountAsync(1);
        await Assertions.Expect(Row(page, identity)).ToHaveCountAsync(0);

        await page.GoBackAsync();
        await page.WaitForURLAsync(url => url.Contains("theme=urban-identity", StringComparison.Ordinal) && !url.Contains("level=headquarters", StringComparison.Ordinal));
        await Assertions.Expect(Row(page, identity)).ToHaveCountAsync(1);
        await Assertions.Expect(Row(page, economy)).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByLabel("محور")).ToHaveValueAsync("urban-identity");

        await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^کارهای من") }).ClickAsync();
        await page.WaitForURLAsync(new Regex(@"tab=mine&theme=urban-identity"));
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^کارهای گروه") }).ClickAsync();
        await page.WaitForURLAsync(new Regex(@"tab=group&theme=urban-identity"));
        await Assertions.Expect(Row(page, identity)).ToHaveCountAsync(1);

        // The URL alone is the view: a new browser opening it sees the same list.
        await using var shared = await app.NewContextAsync(javaScript: false);
        var other = await shared.NewPageAsync();
        await Pages.SignInAsync(other, secretary);
        await other.GotoAsync(page.Url);
        await Assertions.Expect(Row(other, identity)).ToHaveCountAsync(1);
        await Assertions.Expect(Row(other, economy)).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Search_typed_with_Arabic_letters_and_Latin_digits_finds_the_Persian_names_with_and_without_JavaScript()
    {
        const string secretary = "iman.rezaei@approvalflow.local";
        var group = await OwnGroupAsync(secretary);
        var number = RandomNumberGenerator.GetInt32(1000, 9999);
        var persianNumber = string.Concat(number.ToString(System.Globalization.CultureInfo.InvariantCulture).Select(d => (char)('۰' + (d - '0'))));
        var wanted = $"کارگروه یکپارچگی {persianNumber}";
        var other = $"کارگروه دیگر {Token()}";
        await StartSessionsAsync(group, wanted, "urban-environment", "region");
        await StartSessionsAsync(group, other, "urban-environment", "region");

        foreach (var javaScript in new[] { true, false })
        {
            await using var context = await app.NewContextAsync(javaScript: javaScript);
            var page = await context.NewPageAsync();
            await Pages.SignInAsync(page, secretary);
            await page.GotoAsync("/?tab=group");
            await page.GetByLabel("جست‌وجو").FillAsync($"كارگروه يكپارچگي {number}"); // Arabic kaf and yeh, ASCII digits
            await page.GetByRole(AriaRole.Button, new() { Name = "اعمال", Exact = true }).ClickAsync();
            await page.WaitForURLAsync(new Regex("q="));
            await Assertions.Expect(Row(page, wanted)).ToHaveCountAsync(1);
            await Assertions.Expect(Row(page, other)).ToHaveCountAsync(0);
            await Assertions.Expect(page.GetByText("۱ کار با این فیلترها")).ToBeVisibleAsync();

            await page.GetByLabel("جست‌وجو").FillAsync($"كارگروه ناموجود {number}");
            await page.GetByRole(AriaRole.Button, new() { Name = "اعمال", Exact = true }).ClickAsync();
            await Assertions.Expect(page.GetByText("هیچ کاری با این فیلترها پیدا نشد")).ToBeVisibleAsync();
            await Pages.AssertTranslatedAsync(page, "fa", scan: javaScript);
        }
    }

    [Fact]
    public async Task A_saved_view_is_listed_as_a_link_can_be_renamed_and_deleted_and_belongs_to_its_user_only()
    {
        const string secretary = "yaser.mansouri@approvalflow.local";
        var group = await OwnGroupAsync(secretary);
        var name = $"کارگروه نما {Token()}";
        await StartSessionsAsync(group, name, "urban-fabric", "organization");
        var (userId, _) = await Pages.UserAsync(app, secretary);
        var (otherUserId, _) = await Pages.UserAsync(app, "amir.moghaddam@approvalflow.local");
        var othersView = await AddViewAsync(otherUserId, "نمای همکار", "tab=group&theme=urban-management");
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await Pages.SignInAsync(page, secretary);
        await page.GotoAsync("/?tab=group&theme=urban-fabric&level=organization&sort=due");
        await Assertions.Expect(page.GetByText("هنوز نمایی ذخیره نکرده‌اید")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "نمای همکار" })).ToHaveCountAsync(0);

        await page.GetByLabel("نام این نما").FillAsync("کالبد سازمانی");
        await page.GetByRole(AriaRole.Button, new() { Name = "ذخیره نما" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("نمای «کالبد سازمانی» ذخیره شد.");
        Assert.Equal("tab=group&theme=urban-fabric&level=organization&sort=due", (await ViewsAsync(userId)).Single().Query);

        await page.GetByRole(AriaRole.Link, new() { Name = "پاک کردن فیلترها" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("theme=", StringComparison.Ordinal));
        await page.GetByRole(AriaRole.Link, new() { Name = "کالبد سازمانی" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("tab=group&theme=urban-fabric&level=organization&sort=due"));
        await Assertions.Expect(Row(page, name)).ToHaveCountAsync(1);
        await Pages.AssertTranslatedAsync(page, "fa");

        await page.GetByText("تغییر نام یا حذف نماها").ClickAsync();
        await page.GetByLabel("نام تازه برای «کالبد سازمانی»").FillAsync("کالبد");
        await page.GetByRole(AriaRole.Button, new() { Name = "تغییر نام" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("نام نما به «کالبد» تغییر کرد.");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "کالبد", Exact = true })).ToBeVisibleAsync();

        // Someone else's view id, posted with this user's valid antiforgery token, is not found and stays.
        var status = await page.EvaluateAsync<int>(
            """
            async (id) => {
              const token = document.querySelector('input[name="__RequestVerificationToken"]').value;
              const response = await fetch('/?handler=DeleteView&tab=group&viewId=' + id, { method: 'POST', body: new URLSearchParams({ __RequestVerificationToken: token }), redirect: 'manual' });
              return response.status;
            }
            """, othersView.ToString());
        Assert.True(status is 0 or 302 or 200, $"status {status}");
        Assert.Single(await ViewsAsync(otherUserId));

        await page.GetByText("تغییر نام یا حذف نماها").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "حذف نمای «کالبد»" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("نما حذف شد.");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "کالبد", Exact = true })).ToHaveCountAsync(0);
        Assert.Empty(await ViewsAsync(userId));
    }

    [Fact]
    public async Task Bulk_claim_takes_the_ticked_group_tasks_and_reports_the_one_a_colleague_took_first()
    {
        const string secretary = "ali.neyshaburi@approvalflow.local";
        var group = await OwnGroupAsync(secretary);
        var (colleagueId, _) = await Pages.UserAsync(app, "amir.moghaddam@approvalflow.local");
        await JoinAsync(group, colleagueId);
        var names = Enumerable.Range(1, 3).Select(i => $"کارگروه گروهی {i} {Token()}").ToArray();
        var roots = new List<Guid>();
        foreach (var name in names)
        {
            roots.Add(await StartSessionsAsync(group, name, "urban-economy", "region"));
        }

        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await Pages.SignInAsync(page, secretary);
        await page.GotoAsync("/?tab=group&q=" + Uri.EscapeDataString("کارگروه گروهی"));
        foreach (var name in names)
        {
            await Row(page, name).GetByRole(AriaRole.Checkbox).CheckAsync();
        }

        await Pages.AssertTranslatedAsync(page, "fa");
        await TakeAsync(roots[1], colleagueId); // The colleague claims one while the page is open.
        await page.GetByRole(AriaRole.Button, new() { Name = "برداشتن کارهای انتخاب‌شده" }).ClickAsync();

        var notice = page.GetByRole(AriaRole.Status).Filter(new() { HasText = "برداشتید" });
        await Assertions.Expect(notice).ToContainTextAsync("۲ کار را برداشتید");
        await Assertions.Expect(notice).ToContainTextAsync("۱ کار را پیش‌تر کس دیگری برداشته بود: ثبت جلسات کارگروه");
        var (userId, _) = await Pages.UserAsync(app, secretary);
        Assert.Equal([userId, colleagueId, userId], await AssigneesAsync(roots));
        await Assertions.Expect(Row(page, names[0])).ToHaveCountAsync(0);
        await Pages.ScreenshotAsync(page, "inbox-bulk-claim-fa");
    }

    [Fact]
    public async Task The_group_count_and_a_new_tasks_hint_arrive_without_reloading_the_page()
    {
        const string secretary = "hossein.yousefi@approvalflow.local";
        var group = await OwnGroupAsync(secretary);
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await Pages.SignInAsync(page, secretary);
        await page.GotoAsync("/?tab=group");
        var tab = page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^کارهای گروه") });
        var before = (await tab.InnerTextAsync()).Trim();
        await page.EvaluateAsync("() => { window.inboxMarker = 'not reloaded'; }");

        var name = $"کارگروه زنده {Token()}";
        await StartSessionsAsync(group, name, "urban-environment", "region");

        await Assertions.Expect(tab).Not.ToHaveTextAsync(before); // the poll every 15 s; the expectation waits up to two minutes
        await Assertions.Expect(page.GetByText("کار تازه‌ای رسیده است.")).ToBeVisibleAsync();
        Assert.Equal("not reloaded", await page.EvaluateAsync<string>("() => window.inboxMarker"));
        await page.GetByRole(AriaRole.Link, new() { Name = "نمایش کارهای تازه" }).ClickAsync();
        await Assertions.Expect(Row(page, name)).ToHaveCountAsync(1);
        Assert.Equal("not reloaded", await page.EvaluateAsync<string>("() => window.inboxMarker"));
    }

    /// <summary>The inbox row (list item) that mentions <paramref name="text"/>.</summary>
    private static ILocator Row(IPage page, string text) => page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = text });

    private static string Token() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));

    /// <summary>A directory group of the test's own with <paramref name="email"/> as its only member.</summary>
    private async Task<string> OwnGroupAsync(string email)
    {
        var (userId, _) = await Pages.UserAsync(app, email);
        var group = $"inbox-test-{Guid.NewGuid():N}";
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
        db.Groups.Add(new DirectoryGroup { Id = group, Name = "گروه آزمون کارتابل", Kind = "working-group-secretary" });
        db.Memberships.Add(new GroupMembership { GroupId = group, UserId = userId });
        await db.SaveChangesAsync();
        return group;
    }

    private async Task JoinAsync(string group, string userId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
        db.Memberships.Add(new GroupMembership { GroupId = group, UserId = userId });
        await db.SaveChangesAsync();
    }

    /// <summary>Starts the demo's <c>working-group</c> process for a working group whose secretaries are <paramref name="group"/>; its RecordSessions task is offered to them.</summary>
    private async Task<Guid> StartSessionsAsync(string group, string name, string theme, string level)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var catalog = scope.ServiceProvider.GetRequiredService<DefinitionCatalog>();
        var runner = scope.ServiceProvider.GetRequiredService<InstanceRunner>();
        var definition = await catalog.FindAsync("working-group", null, CancellationToken.None) ?? throw new InvalidOperationException("working-group is not deployed.");
        var variables = new Dictionary<string, JsonElement>
        {
            ["title"] = JsonSerializer.SerializeToElement("برنامه آزمون کارتابل"),
            ["workingGroup"] = JsonSerializer.SerializeToElement(new { id = group, name, theme, level, secretaryGroup = group, chairGroup = group }),
        };
        return (await runner.StartAsync(definition, null, variables, null, CancellationToken.None)).Id;
    }

    private async Task TakeAsync(Guid rootInstanceId, string userId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
        Assert.Equal(1, await db.Tasks.Where(t => t.RootInstanceId == rootInstanceId && t.Status == UserTaskStatus.Open && t.Assignee == null)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.Assignee, userId)));
    }

    private async Task<List<string?>> AssigneesAsync(IReadOnlyList<Guid> roots)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
        var tasks = await db.Tasks.AsNoTracking().Where(t => roots.Contains(t.RootInstanceId)).ToListAsync();
        return [.. roots.Select(r => tasks.Single(t => t.RootInstanceId == r).Assignee)];
    }

    private async Task<Guid> AddViewAsync(string userId, string name, string query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
        var view = new InboxViewRecord { Id = Guid.CreateVersion7(), UserId = userId, Name = name, Query = query, CreatedAt = DateTimeOffset.UtcNow };
        db.InboxViews.Add(view);
        await db.SaveChangesAsync();
        return view.Id;
    }

    private async Task<List<InboxViewRecord>> ViewsAsync(string userId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>().InboxViews.AsNoTracking().Where(v => v.UserId == userId).ToListAsync();
    }
}
