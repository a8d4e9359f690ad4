using ApprovalFlow.Server.Features.Planning.Cycles;
using ApprovalFlow.Server.Features.Planning.Data;
using ApprovalFlow.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace ApprovalFlow.Web.Tests.Planning;

/// <summary>
/// The stakeholder register page of a cycle of its own (<c>mtp-test-register</c>, planning office member
/// saeed.sadeghi), in Persian: errors next to the field, then the saved content. (The decision page's tests are
/// <see cref="DecisionPageTests"/>.)
/// </summary>
[Collection(WebGroup.Name)]
public sealed class StakeholderRegisterPageTests(WebAppFixture app)
{
    private const string Planner = "saeed.sadeghi@approvalflow.local";

    [Fact]
    public async Task The_planning_office_registers_a_stakeholder_errors_show_next_to_the_field_in_Persian()
    {
        const string Key = "mtp-test-register";
        await Processes.QueryAsync(app, async db =>
        {
            if (!await db.PlanCycles.AnyAsync(c => c.BusinessKey == Key))
            {
                db.PlanCycles.Add(new PlanCycleRecord
                {
                    Id = Guid.CreateVersion7(), BusinessKey = Key, Title = "دوره آزمایشی ثبت ذی‌نفعان", FirstYear = 1405, LastYear = 1408,
                    Themes = PlanCycles.DefaultThemes(), CreatedBy = "test", CreatedAt = DateTimeOffset.UtcNow,
                });
                await db.SaveChangesAsync();
            }

            return 0;
        });
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await Pages.SignInAsync(page, Planner);

        await page.GotoAsync($"/cycles/{Key}/stakeholders");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "فهرست ذی‌نفعان و ذی‌نفوذان", Level = 1 })).ToBeVisibleAsync();
        await page.GetByLabel("رایانامه (برای دعوت)").FillAsync("نشانی نادرست");
        await page.GetByRole(AriaRole.Button, new() { Name = "افزودن", Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("لطفاً این موارد را اصلاح کنید");
        await Assertions.Expect(page.Locator("#stakeholder-name-error")).ToHaveTextAsync("نام شخص یا نهاد را بنویسید.");
        await Assertions.Expect(page.Locator("#stakeholder-email-error")).ToContainTextAsync("نشانی رایانامه درست نیست");
        await Assertions.Expect(page.Locator("#stakeholder-stakeholderGroup-error")).ToHaveTextAsync("گروه ذی‌نفع را برگزینید.");
        await Assertions.Expect(page.Locator("#stakeholder-themes-error")).ToHaveTextAsync("دست‌کم یک محور را برگزینید.");
        await Assertions.Expect(page.GetByLabel("رایانامه (برای دعوت)")).ToHaveValueAsync("نشانی نادرست");
        await Pages.AssertTranslatedAsync(page, "fa");
        await Pages.ScreenshotAsync(page, "stakeholders-refused-fa");

        await page.GetByLabel("نام شخص یا نهاد").FillAsync("انجمن دوستداران محیط زیست خراسان");
        await page.GetByLabel("گروه ذی‌نفع").SelectOptionAsync("civil-society");
        await page.GetByLabel("محیط زیست شهری").CheckAsync();
        await page.GetByLabel("رایانامه (برای دعوت)").FillAsync("green-khorasan@stakeholders.example");
        await page.GetByRole(AriaRole.Button, new() { Name = "افزودن", Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("ذی‌نفع ثبت شد.");
        var section = page.GetByRole(AriaRole.Region, new() { Name = "نهادهای مردمی و انجمن‌های رسمی و غیررسمی" });
        await Assertions.Expect(section.GetByRole(AriaRole.Listitem, new() { Name = "انجمن دوستداران محیط زیست خراسان" })).ToBeVisibleAsync();
        await Pages.AssertTranslatedAsync(page, "fa");
        await Pages.ScreenshotAsync(page, "stakeholders-fa");
        var stored = await Processes.QueryAsync(app, db => db.Stakeholders.AsNoTracking().Where(s => s.Name == "انجمن دوستداران محیط زیست خراسان").ToListAsync());
        Assert.Equal(("civil-society", "green-khorasan@stakeholders.example"), (Assert.Single(stored).StakeholderGroup, stored[0].Email));
        Assert.Equal(["urban-environment"], stored[0].Themes);
    }
}
