using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Planning.Data;
using ApprovalFlow.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace ApprovalFlow.Web.Tests.Planning;

/// <summary>
/// The decision page of a body's approval task (<c>/tasks/{id}/decision</c>) on a supreme-council task of a cycle of its own
/// (<c>mtp-test-decision</c>) with three agreed items created through the API, as its secretariat member mina.heydari uses
/// it: a date that is no Jalali date is refused beside the picker with what was typed kept and nothing saved; a revise
/// naming two items with the resolution date picked in the Jalali calendar completes the task and reopens exactly those two.
/// </summary>
[Collection(WebGroup.Name)]
public sealed class DecisionPageTests(WebAppFixture app)
{
    private const string Key = "mtp-test-decision";
    private const string Secretary = "mina.heydari@approvalflow.local";
    private static readonly string[] Titles = ["مسئله آزمایشی ۱", "مسئله آزمایشی ۲", "مسئله آزمایشی ۳"];

    [Fact]
    public async Task The_supreme_councils_secretariat_sends_two_items_back_with_a_Jalali_resolution_date_and_exactly_those_two_are_reopened()
    {
        var (task, _) = await PlanPageTasks.StartAsync(app, "decision-page-test", "SupremeCouncilApproval", "تصویب آزمایشی شورای عالی", "supreme-council-secretariat", "decision", Key, "دوره آزمایشی تصمیم");
        var items = new List<Guid>();
        foreach (var title in Titles)
        {
            var id = await PlanPageTasks.CreateItemAsync(app, Key, "problem", title, "urban-economy", "wg-hq-urban-economy");
            await PlanPageTasks.AgreeAsync(app, Key, id);
            items.Add(id);
        }

        var path = $"/tasks/{task.Id}/decision";
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await Pages.SignInAsync(page, Secretary);
        await PlanPageTasks.ClaimAsync(page, task);
        await page.GotoAsync(path);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "تصمیم شورای عالی برنامه‌ریزی و تعالی شهرداری", Level = 1 })).ToBeVisibleAsync();
        var date = page.GetByRole(AriaRole.Textbox, new() { Name = "تاریخ مصوبه", Exact = true });
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "انتخاب از تقویم: تاریخ مصوبه" })).ToBeVisibleAsync();
        await Pages.AssertTranslatedAsync(page, "fa");

        // English, and a phone, before anything is recorded.
        await PlanPageTasks.InEnglishAsync(page, path, async () =>
        {
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Decision of the municipality's supreme planning council", Level = 1 })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByLabel("Resolution date")).ToBeVisibleAsync();
            await Pages.ScreenshotAsync(page, "decision-en");
        });
        await PlanPageTasks.AssertPhoneAsync(app, Secretary, path, "decision-360-fa");

        await page.GotoAsync(path);

        // Month 13 is no date: refused beside the field, in Persian; what was typed stays; nothing is recorded.
        await page.GetByLabel("بازگشت برای بازنگری").CheckAsync();
        await date.FillAsync("۱۴۰۵/۱۳/۴۰");
        await date.PressAsync("Tab");
        await page.GetByLabel("نظر و توضیحات").FillAsync("دو مورد بازنگری شود.");
        await page.GetByRole(AriaRole.Button, new() { Name = "ثبت تصمیم و پایان کار" }).ClickAsync();
        await Assertions.Expect(page.Locator("#decision-resolutionDate-error")).ToHaveTextAsync("تاریخ را به صورت سال/ماه/روز خورشیدی بنویسید، مانند ۱۴۰۵/۰۳/۱۱.");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("لطفاً این موارد را اصلاح کنید");
        await Assertions.Expect(date).ToHaveValueAsync("۱۴۰۵/۱۳/۴۰");
        await Assertions.Expect(date).ToHaveAttributeAsync("aria-describedby", new System.Text.RegularExpressions.Regex(@"\bdecision-resolutionDate-error\b"));
        await Assertions.Expect(page.GetByLabel("بازگشت برای بازنگری")).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByLabel("نظر و توضیحات")).ToHaveValueAsync("دو مورد بازنگری شود.");
        Assert.False(await Processes.QueryAsync(app, db => db.StageDecisions.AnyAsync(d => d.TaskId == task.Id)));
        await Pages.AssertTranslatedAsync(page, "fa");
        await Pages.ScreenshotAsync(page, "decision-date-refused-fa");

        // The date from the Jalali calendar: it opens at the month typed, and 11 Khordad 1405 is picked.
        await date.FillAsync("۱۴۰۵/۰۳/۰۱");
        await date.PressAsync("Enter");
        await page.GetByRole(AriaRole.Button, new() { Name = "انتخاب از تقویم: تاریخ مصوبه" }).ClickAsync();
        var calendar = page.GetByRole(AriaRole.Dialog, new() { Name = "خرداد ۱۴۰۵" });
        await calendar.GetByRole(AriaRole.Button, new() { Name = "دوشنبه ۱۱ خرداد ۱۴۰۵" }).ClickAsync();
        await Assertions.Expect(date).ToHaveValueAsync("۱۴۰۵/۰۳/۱۱");

        // Send back items 1 and 3 with the picked date; item 2 gets a comment only.
        await page.GetByLabel("بازگرداندن «مسئله آزمایشی ۱» برای بازنگری").CheckAsync();
        await page.GetByLabel("بازگرداندن «مسئله آزمایشی ۳» برای بازنگری").CheckAsync();
        await page.GetByLabel("نظر درباره «مسئله آزمایشی ۲»").FillAsync("روشن‌تر نوشته شود");
        await page.GetByRole(AriaRole.Button, new() { Name = "ثبت تصمیم و پایان کار" }).ClickAsync();

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("کار ثبت و به مرحله بعد فرستاده شد");
        var statuses = new List<string>();
        foreach (var id in items)
        {
            statuses.Add((await PlanPageTasks.ItemAsync(app, Key, id)).GetProperty("status").GetString()!);
        }

        Assert.Equal(["reopened", "agreed", "reopened"], statuses);
        var decision = await Processes.QueryAsync(app, db => db.StageDecisions.AsNoTracking().SingleAsync(d => d.TaskId == task.Id));
        Assert.Equal(("supreme-council", StageDecision.Revise, new DateOnly(2026, 6, 1)), (decision.Body, decision.Decision, decision.ResolutionDate!.Value));
        Assert.Equal(UserTaskStatus.Completed, await Processes.QueryAsync(app, db => db.Tasks.Where(t => t.Id == task.Id).Select(t => t.Status).SingleAsync()));
    }
}
