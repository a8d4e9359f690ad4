using System.Text.RegularExpressions;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace ApprovalFlow.Web.Tests.Planning;

/// <summary>
/// The consolidation workspace (<c>/tasks/{id}/consolidation</c> → <c>/cycles/{key}/consolidation</c>) as the planning
/// office uses it, on a <c>ConsolidateAndPrioritize</c> task of a cycle of its own (<c>mtp-test-consolidation</c>) whose
/// items are created through the API: merging a suggested pair that differs only in ي/ی and the half-space, weights and
/// scores refused beside the field and then ordering the ranked list, an inconsistent AHP matrix refused beside it with
/// its CR in Persian digits, and completing the task. Signed in as nasrin.ghorbani (planning office), whom no other test uses.
/// </summary>
[Collection(WebGroup.Name)]
public sealed class ConsolidationPageTests(WebAppFixture app)
{
    private const string Key = "mtp-test-consolidation";
    private const string Planner = "nasrin.ghorbani@approvalflow.local";
    private const string Sidewalks = "ساماندهی پیاده‌روهای محدوده مرکزی شهر";
    private const string SidewalksArabic = "ساماندهي پياده روهاي محدوده مرکزي شهر";
    private const string Parking = "کمبود پارکینگ عمومی در بافت تاریخی";
    private const string Water = "فرسودگی شبکه آب‌رسانی محله‌های حاشیه";

    [Fact]
    public async Task The_planning_office_merges_a_duplicate_weighs_scores_and_ranks_is_refused_an_inconsistent_AHP_matrix_and_completes_the_task()
    {
        var (task, _) = await PlanPageTasks.StartAsync(app, "consolidation-page-test", "ConsolidateAndPrioritize", "تلفیق و اولویت‌بندی آزمایشی", "planning-office", "consolidation", Key, "دوره آزمایشی تلفیق");
        await PlanPageTasks.CreateItemAsync(app, Key, "problem", Sidewalks, "urban-fabric", "wg-hq-urban-fabric", "upstream-documents");
        await PlanPageTasks.CreateItemAsync(app, Key, "problem", SidewalksArabic, "urban-fabric", "wg-region-urban-fabric-04", "citizen-surveys");
        await PlanPageTasks.CreateItemAsync(app, Key, "problem", Parking, "urban-fabric", "wg-region-urban-fabric-07");
        await PlanPageTasks.CreateItemAsync(app, Key, "problem", Water, "urban-fabric", "wg-region-urban-fabric-10");
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await Pages.SignInAsync(page, Planner);
        await PlanPageTasks.ClaimAsync(page, task);
        await page.GotoAsync($"/tasks/{task.Id}/consolidation");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"/cycles/{Key}/consolidation");
        var workspace = new Uri(page.Url).PathAndQuery;
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "تلفیق و اولویت‌بندی: دوره آزمایشی تلفیق", Level = 1 })).ToBeVisibleAsync();
        var completion = page.GetByRole(AriaRole.Region, new() { Name = "پیش از پایان کار" });
        await Assertions.Expect(completion).ToContainTextAsync("پیشنهادهای تکراری بی‌تصمیم مانده‌اند");
        await Assertions.Expect(completion).ToContainTextAsync("مواردی هنوز در همه معیارهای دارای وزن امتیاز نگرفته‌اند");
        await Pages.AssertTranslatedAsync(page, "fa");
        await Pages.ScreenshotAsync(page, "consolidation-fa");

        // The suggested pair (the same words but for ي/ی and the half-space) is merged: one consolidated item with both origins.
        var pair = page.GetByRole(AriaRole.Listitem, new() { Name = $"پیشنهاد تکراری: «{Sidewalks}» و «{SidewalksArabic}»" });
        await Assertions.Expect(pair).ToContainTextAsync("شباهت ۱۰۰٪");
        await pair.GetByRole(AriaRole.Button, new() { Name = $"ادغام «{Sidewalks}» و «{SidewalksArabic}»" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("موارد ادغام شدند.");
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "پیشنهادهای تکراری" })).ToContainTextAsync("پیشنهاد تکراری باقی نمانده است.");
        var items = page.GetByRole(AriaRole.Table, new() { Name = "کالبد شهری", Exact = true });
        var merged = items.GetByRole(AriaRole.Row).Filter(new() { HasText = "تلفیقی" });
        await Assertions.Expect(merged).ToHaveCountAsync(1);
        await Assertions.Expect(merged).ToContainTextAsync("کارگروه ستادی کالبد شهری");
        await Assertions.Expect(merged).ToContainTextAsync("کارگروه منطقه‌ای کالبد شهری (منطقه ۴)");
        await Assertions.Expect(merged).ToContainTextAsync("خوانش اسناد فرادست");
        await Assertions.Expect(merged).ToContainTextAsync("نظرسنجی شهروندی");
        await Assertions.Expect(items.GetByRole(AriaRole.Row)).ToHaveCountAsync(4);
        var consolidated = (await merged.GetByRole(AriaRole.Rowheader).InnerTextAsync()).Replace("تلفیقی", string.Empty, StringComparison.Ordinal).Trim();

        // A weight that is no number is refused beside its field, in Persian, with what was typed kept.
        await page.GetByLabel("هم‌راستایی با اسناد فرادست", new() { Exact = true }).FillAsync("یک");
        await page.GetByLabel("فوریت", new() { Exact = true }).FillAsync("۰");
        await page.GetByRole(AriaRole.Button, new() { Name = "ذخیره وزن‌ها", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#weight-upstream-alignment-error")).ToHaveTextAsync("وزن «هم‌راستایی با اسناد فرادست» را با یک عدد بنویسید، مانند ۰٫۲۵.");
        await Assertions.Expect(page.GetByLabel("هم‌راستایی با اسناد فرادست", new() { Exact = true })).ToHaveValueAsync("یک");
        await Assertions.Expect(page.GetByLabel("فوریت", new() { Exact = true })).ToHaveValueAsync("۰");
        await Pages.AssertTranslatedAsync(page, "fa");

        // Only "alignment with upstream documents" counts.
        await SetWeightsAsync(page, ("هم‌راستایی با اسناد فرادست", "۱"), ("فوریت", "۰"), ("مطالبه شهروندان", "۰"), ("امکان‌پذیری", "۰"), ("هزینه (کم‌هزینه‌تر، امتیاز بیشتر)", "۰"));

        // Scores: a 6 is refused beside its field and nothing is saved; then every item scored.
        var ranking = page.GetByRole(AriaRole.Table, new() { Name = "کالبد شهری · مسئله", Exact = true });
        await page.GetByLabel($"امتیاز «{Parking}» در معیار «فوریت» (۱ تا ۵)").FillAsync("۶");
        await page.GetByLabel($"امتیاز «{Water}» در معیار «فوریت» (۱ تا ۵)").FillAsync("۵");
        await page.GetByRole(AriaRole.Button, new() { Name = "ذخیره امتیازها" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync($"امتیاز «{Parking}» در معیار «فوریت» باید عددی درست از ۱ تا ۵ باشد.");
        await Assertions.Expect(page.GetByLabel($"امتیاز «{Parking}» در معیار «فوریت» (۱ تا ۵)")).ToHaveValueAsync("۶");
        await Assertions.Expect(page.GetByLabel($"امتیاز «{Water}» در معیار «فوریت» (۱ تا ۵)")).ToHaveValueAsync("۵");
        Assert.Equal(0, await Processes.QueryAsync(app, db => db.PriorityScores.CountAsync(s => db.PlanItems.Any(i => i.Id == s.ItemId && db.PlanCycles.Any(c => c.Id == i.CycleId && c.BusinessKey == Key)))));
        await Pages.ScreenshotAsync(page, "consolidation-scores-refused-fa");

        var scores = new Dictionary<string, (string Alignment, string Urgency)> { [Parking] = ("۵", "۱"), [consolidated] = ("۳", "۳"), [Water] = ("۱", "۵") };
        foreach (var (title, (alignment, urgency)) in scores)
        {
            await page.GetByLabel($"امتیاز «{title}» در معیار «هم‌راستایی با اسناد فرادست» (۱ تا ۵)").FillAsync(alignment);
            await page.GetByLabel($"امتیاز «{title}» در معیار «فوریت» (۱ تا ۵)").FillAsync(urgency);
            foreach (var other in new[] { "مطالبه شهروندان", "امکان‌پذیری", "هزینه (کم‌هزینه‌تر، امتیاز بیشتر)" })
            {
                await page.GetByLabel($"امتیاز «{title}» در معیار «{other}» (۱ تا ۵)").FillAsync("۳");
            }
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "ذخیره امتیازها" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("امتیازها ذخیره شد.");
        await Assertions.Expect(ranking.GetByRole(AriaRole.Rowheader)).ToHaveTextAsync([Parking, consolidated, Water]);
        await Assertions.Expect(ranking.GetByRole(AriaRole.Row).Filter(new() { HasText = Parking })).ToContainTextAsync("۵٫۰۰");

        // The weights turned round: the ranked list follows them.
        await SetWeightsAsync(page, ("هم‌راستایی با اسناد فرادست", "۰"), ("فوریت", "۱"), ("مطالبه شهروندان", "۰"), ("امکان‌پذیری", "۰"), ("هزینه (کم‌هزینه‌تر، امتیاز بیشتر)", "۰"));
        await Assertions.Expect(ranking.GetByRole(AriaRole.Rowheader)).ToHaveTextAsync([Water, consolidated, Parking]);

        // An inconsistent pairwise comparison (a ≫ b ≫ c but c ≫ a) is refused beside the matrix, CR in Persian digits; the entries stay.
        await page.GetByLabel("اهمیت «هم‌راستایی با اسناد فرادست» نسبت به «فوریت»").FillAsync("۹");
        await page.GetByLabel("اهمیت «فوریت» نسبت به «مطالبه شهروندان»").FillAsync("۹");
        await page.GetByLabel("اهمیت «هم‌راستایی با اسناد فرادست» نسبت به «مطالبه شهروندان»").FillAsync("۱/۹");
        await page.GetByRole(AriaRole.Button, new() { Name = "محاسبه و ذخیره وزن‌ها" }).ClickAsync();
        var matrix = page.GetByRole(AriaRole.Group, new() { Name = "مقایسه زوجی معیارها (AHP)" });
        await Assertions.Expect(matrix.Locator("#ahp-error")).ToHaveTextAsync(new Regex("^مقایسه‌های زوجی ناسازگارند: نرخ ناسازگاری [۰-۹]+٫[۰-۹]{3} از حد مجاز ۰٫۱ بیشتر است"));
        await Assertions.Expect(page.GetByLabel("اهمیت «هم‌راستایی با اسناد فرادست» نسبت به «مطالبه شهروندان»")).ToHaveValueAsync("۱/۹");
        await Assertions.Expect(page.GetByLabel("فوریت", new() { Exact = true })).ToHaveValueAsync("۱");
        await Assertions.Expect(ranking.GetByRole(AriaRole.Rowheader)).ToHaveTextAsync([Water, consolidated, Parking]);
        await Pages.AssertTranslatedAsync(page, "fa");
        await Pages.ScreenshotAsync(page, "consolidation-ahp-refused-fa");

        // English: the criteria by their English names; a phone: nothing wider than the screen.
        await PlanPageTasks.InEnglishAsync(page, workspace, async () =>
        {
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Consolidation and prioritisation: دوره آزمایشی تلفیق", Level = 1 })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByLabel("Importance of “Alignment with upstream documents” over “Urgency”")).ToBeVisibleAsync();
            await Pages.ScreenshotAsync(page, "consolidation-en");
        });
        await PlanPageTasks.AssertPhoneAsync(app, Planner, workspace, "consolidation-360-fa");

        await page.GotoAsync(workspace);
        await Assertions.Expect(completion).ToContainTextAsync("کار را می‌توانید به پایان برسانید");
        await completion.GetByRole(AriaRole.Button, new() { Name = "پایان کار و ارسال به مرحله بعد" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("کار ثبت و به مرحله بعد فرستاده شد");
        Assert.Equal(UserTaskStatus.Completed, await Processes.QueryAsync(app, db => db.Tasks.Where(t => t.Id == task.Id).Select(t => t.Status).SingleAsync()));
    }

    /// <summary>Types the weights (criterion name, weight) and saves them.</summary>
    private static async Task SetWeightsAsync(IPage page, params (string Criterion, string Weight)[] weights)
    {
        foreach (var (criterion, weight) in weights)
        {
            await page.GetByLabel(criterion, new() { Exact = true }).FillAsync(weight);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "ذخیره وزن‌ها", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("وزن‌ها ذخیره شد.");
    }
}
