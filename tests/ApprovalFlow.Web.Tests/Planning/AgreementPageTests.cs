using ApprovalFlow.Server.Data;
using ApprovalFlow.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace ApprovalFlow.Web.Tests.Planning;

/// <summary>
/// The working group's agreement page (<c>/tasks/{id}/agreement</c>) on an <c>AgreeFindings</c> task of a cycle of its own
/// (<c>mtp-test-agreement</c>, working group <c>wg-hq-urban-economy</c>, items created through the API), as the group's chair
/// narges.soltani (whom no other test uses) records it: a vote count that is no number is refused beside its field with
/// what was typed kept and nothing saved; then a vote in Persian digits and a consensus, the decision, and completing.
/// </summary>
[Collection(WebGroup.Name)]
public sealed class AgreementPageTests(WebAppFixture app)
{
    private const string Key = "mtp-test-agreement";
    private const string Chair = "narges.soltani@approvalflow.local";
    private const string Markets = "رکود بازارهای محلی در محله‌های شرق شهر";
    private const string Bazaars = "کمبود بازارچه‌های محلی عرضه مستقیم";

    [Fact]
    public async Task The_chair_records_a_vote_and_a_consensus_a_bad_vote_count_is_refused_beside_the_field_and_nothing_is_saved_then_completes()
    {
        var (task, _) = await PlanPageTasks.StartAsync(app, "agreement-page-test", "AgreeFindings", "توافق آزمایشی اعضای کارگروه", "wg-hq-urban-economy-chair", "agreement", Key, "دوره آزمایشی توافق",
            new Dictionary<string, object> { ["workingGroup"] = new { id = "wg-hq-urban-economy" } });
        var markets = await PlanPageTasks.CreateItemAsync(app, Key, "problem", Markets, "urban-economy", "wg-hq-urban-economy", "citizen-surveys");
        var bazaars = await PlanPageTasks.CreateItemAsync(app, Key, "problem", Bazaars, "urban-economy", "wg-hq-urban-economy", "upstream-documents");
        var path = $"/tasks/{task.Id}/agreement";
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await Pages.SignInAsync(page, Chair);
        await PlanPageTasks.ClaimAsync(page, task);
        await page.GotoAsync(path);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "توافق اعضای کارگروه", Level = 1 })).ToBeVisibleAsync();
        await Pages.AssertTranslatedAsync(page, "fa");
        await Pages.ScreenshotAsync(page, "agreement-fa");
        await PlanPageTasks.InEnglishAsync(page, path, async () =>
        {
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Agreement of the working group", Level = 1 })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Record agreement on “{Markets}”" })).ToBeVisibleAsync();
            await Pages.ScreenshotAsync(page, "agreement-en");
        });
        await PlanPageTasks.AssertPhoneAsync(app, Chair, path, "agreement-360-fa");
        await page.GotoAsync(path);

        // The counts show only for a vote.
        var first = page.Locator("form").Filter(new() { Has = page.GetByRole(AriaRole.Button, new() { Name = $"ثبت توافق بر «{Markets}»" }) });
        var votesFor = first.GetByRole(AriaRole.Textbox, new() { Name = "موافق", Exact = true });
        var votesAgainst = first.GetByRole(AriaRole.Textbox, new() { Name = "مخالف", Exact = true });
        var votesAbstain = first.GetByRole(AriaRole.Textbox, new() { Name = "ممتنع", Exact = true });
        await Assertions.Expect(votesFor).ToBeHiddenAsync();
        await first.GetByLabel("رأی‌گیری").CheckAsync();
        await Assertions.Expect(votesFor).ToBeVisibleAsync();

        // "Three" in letters is no count: refused beside the field, the typed values kept, nothing saved.
        await votesFor.FillAsync("۷");
        await votesAgainst.FillAsync("سه");
        await votesAbstain.FillAsync("۱");
        await first.GetByRole(AriaRole.Button, new() { Name = $"ثبت توافق بر «{Markets}»" }).ClickAsync();
        var error = page.Locator($"#field-items-{markets}-votesagainst-error");
        await Assertions.Expect(error).ToHaveTextAsync("شمار رأی‌ها را با عددی از صفر به بالا بنویسید.");
        await Assertions.Expect(votesAgainst).ToHaveAttributeAsync("aria-describedby", $"field-items-{markets}-votesagainst-error");
        await Assertions.Expect(first.GetByLabel("رأی‌گیری")).ToBeCheckedAsync();
        await Assertions.Expect(votesFor).ToHaveValueAsync("۷");
        await Assertions.Expect(votesAgainst).ToHaveValueAsync("سه");
        await Assertions.Expect(votesAbstain).ToHaveValueAsync("۱");
        var summary = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(summary).ToContainTextAsync("این موارد را درست کنید");
        await summary.GetByRole(AriaRole.Link, new() { Name = "شمار رأی‌ها را با عددی از صفر به بالا بنویسید." }).ClickAsync();
        await page.WaitForURLAsync($"**#field-items-{markets}-votesagainst");
        await Assertions.Expect(votesAgainst).ToBeInViewportAsync();
        var unsaved = await PlanPageTasks.ItemAsync(app, Key, markets);
        Assert.Equal(("draft", System.Text.Json.JsonValueKind.Null), (unsaved.GetProperty("status").GetString(), unsaved.GetProperty("agreement").ValueKind));
        await Pages.AssertTranslatedAsync(page, "fa");
        await Pages.ScreenshotAsync(page, "agreement-votes-refused-fa");

        // The vote in Persian digits, then the other item by consensus.
        await votesAgainst.FillAsync("۲");
        await first.GetByRole(AriaRole.Button, new() { Name = $"ثبت توافق بر «{Markets}»" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("توافق بر این مورد ثبت شد.");
        await Assertions.Expect(page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = Markets })).ToContainTextAsync("با رأی‌گیری توافق شد: ۷ موافق، ۲ مخالف، ۱ ممتنع.");
        var voted = (await PlanPageTasks.ItemAsync(app, Key, markets)).GetProperty("agreement");
        Assert.Equal(("vote", 7, 2, 1), (voted.GetProperty("mode").GetString(), voted.GetProperty("votesFor").GetInt32(), voted.GetProperty("votesAgainst").GetInt32(), voted.GetProperty("votesAbstain").GetInt32()));

        await page.GetByRole(AriaRole.Button, new() { Name = $"ثبت توافق بر «{Bazaars}»" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = Bazaars })).ToContainTextAsync("با اجماع اعضا توافق شد.");
        Assert.Equal("consensus", (await PlanPageTasks.ItemAsync(app, Key, bazaars)).GetProperty("agreement").GetProperty("mode").GetString());

        // The decision, then the task.
        await page.GetByLabel("توافق اعضا و تأیید یافته‌ها").CheckAsync();
        await page.GetByLabel("نظر و توضیحات").FillAsync("یافته‌ها در جلسه پایانی تأیید شد.");
        await page.GetByRole(AriaRole.Button, new() { Name = "ثبت تصمیم", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("تصمیم کارگروه ثبت شد.");
        await page.GetByRole(AriaRole.Button, new() { Name = "پایان کار و ارسال به مرحله بعد" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("کار ثبت و به مرحله بعد فرستاده شد");
        Assert.Equal(UserTaskStatus.Completed, await Processes.QueryAsync(app, db => db.Tasks.Where(t => t.Id == task.Id).Select(t => t.Status).SingleAsync()));
    }
}
