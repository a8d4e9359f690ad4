using ApprovalFlow.Server.Data;
using ApprovalFlow.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace ApprovalFlow.Web.Tests.Designer;

/// <summary>
/// Issue 11's acceptance scenario: the process owner inserts a legal review between the committee and the
/// commission in the designer and deploys it; a cycle started afterwards reaches the new task and the legal
/// office sees it in its inbox, while a cycle started before keeps the old route. Uses the cycles
/// <c>mtp-designer-before</c> and <c>mtp-designer-after</c> and the legal-affairs member kaveh.sadeghi (no other test does).
/// </summary>
[Collection(WebGroup.Name)]
public sealed class LegalReviewTests(WebAppFixture app)
{
    private const string Owner = "owner@approvalflow.local";
    private const string LegalOfficer = "kaveh.sadeghi@approvalflow.local";
    private const string TaskName = "بررسی حقوقی";

    [Fact]
    public async Task The_owner_inserts_a_legal_review_before_the_commission_and_only_cycles_started_afterwards_take_it()
    {
        var before = await PlanCycles.StartAsync(app, "designer-before");
        var versionsBefore = await Processes.QueryAsync(app, db => db.Definitions.CountAsync(d => d.Key == "mid-term-plan"));

        await using var context = await app.NewContextAsync(1600, 1000);
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        await Pages.SignInAsync(page, Owner);
        await DesignerPage.OpenAsync(page, "mid-term-plan", errors);

        // A task from the palette dropped on the committee's "approve" flow splits it: gateway → new task → commission.
        var flow = await DesignerPage.Element(page, "Flow_Committee_Approve").BoundingBoxAsync();
        var palette = await page.Locator(".djs-palette [data-action='create.task']").BoundingBoxAsync();
        await page.Mouse.MoveAsync(palette!.X + palette.Width / 2, palette.Y + palette.Height / 2);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(flow!.X + flow.Width / 2, flow.Y + flow.Height / 2, new() { Steps = 12 });
        await page.Mouse.UpAsync();

        // Direct editing opens on the new task: its name is typed in Persian.
        var editor = page.Locator(".djs-direct-editing-parent");
        await Assertions.Expect(editor).ToBeVisibleAsync();
        await page.Keyboard.TypeAsync(TaskName);
        await page.Keyboard.PressAsync("Enter");
        await Pages.ScreenshotAsync(page, "designer-legal-review-inserted");

        // Change it into a user task through the context pad's "change element" menu.
        await page.Locator(".djs-context-pad [data-action='replace']").ClickAsync();
        await page.Locator(".djs-popup").GetByText("کار کاربری", new() { Exact = true }).ClickAsync();

        // The properties panel: candidate group picked from the directory by its Persian name, 5 working days.
        var panel = page.Locator("[data-designer-panel]");
        await panel.GetByText("مسئول انجام", new() { Exact = true }).ClickAsync();
        await panel.GetByPlaceholder("نام گروه را بنویسید…").FillAsync("حقوقی");
        await panel.GetByRole(AriaRole.Button, new() { Name = "دفتر امور حقوقی legal-affairs" }).ClickAsync();
        await Assertions.Expect(panel.GetByLabel("گروه‌های مسئول", new() { Exact = true })).ToHaveValueAsync("legal-affairs");
        await panel.GetByLabel("مهلت (روز کاری)").FillAsync("5");
        await Assertions.Expect(panel.GetByLabel("مهلت (عبارت یا تاریخ)")).ToHaveValueAsync("${workingDays(5)}");
        await Pages.ScreenshotAsync(page, "designer-legal-review-properties");

        await DesignerPage.SavedAsync(page);
        var deploy = page.GetByRole(AriaRole.Button, new() { Name = "انتشار نسخه تازه" });
        await Assertions.Expect(deploy).ToBeEnabledAsync();
        await deploy.ClickAsync();
        var result = page.Locator("[data-designer-result]");
        await Assertions.Expect(result).ToHaveAttributeAsync("data-version", new System.Text.RegularExpressions.Regex(@"^\d+$"));
        var version = int.Parse((await result.GetAttributeAsync("data-version"))!, System.Globalization.CultureInfo.InvariantCulture);
        await Assertions.Expect(result).ToContainTextAsync("منتشر شد");
        await Pages.ScreenshotAsync(page, "designer-legal-review-deployed");
        Assert.True(errors.Count == 0, string.Join("\n", errors));

        var deployed = await Processes.QueryAsync(app, db => db.Definitions.AsNoTracking().SingleAsync(d => d.Key == "mid-term-plan" && d.Version == version));
        Assert.Equal(versionsBefore + 1, await Processes.QueryAsync(app, db => db.Definitions.CountAsync(d => d.Key == "mid-term-plan")));
        var ownerId = (await Pages.UserAsync(app, Owner)).UserId;
        Assert.Equal(ownerId, deployed.DraftUserId);
        Assert.NotNull(deployed.DraftSavedAt);
        Assert.Contains("${workingDays(5)}", deployed.BpmnXml, StringComparison.Ordinal);

        // A cycle started afterwards: the committee's approval leads to the legal review, offered to legal-affairs, due in 5 working days.
        var after = await PlanCycles.StartAsync(app, "designer-after");
        var committee = await PlanCycles.DriveToAsync(app, after, "designer-after", "CommitteeApproval");
        await Processes.CompleteAsync(app, committee, ownerId, new { decision = "approve", comment = "تأیید می‌شود." });
        var review = await PlanCycles.DriveToAsync(app, after, "designer-after", null, TaskName);
        Assert.Equal(["legal-affairs"], review.CandidateGroups);
        Assert.NotNull(review.DueAt);

        // The legal officer sees it in the group tab of the inbox.
        await using var officerContext = await app.NewContextAsync();
        var officerPage = await officerContext.NewPageAsync();
        await Pages.SignInAsync(officerPage, LegalOfficer);
        await officerPage.GotoAsync("/?tab=group");
        await Assertions.Expect(officerPage.GetByRole(AriaRole.Link, new() { Name = TaskName }).First).ToBeVisibleAsync();
        await Pages.ScreenshotAsync(officerPage, "designer-legal-review-inbox");

        // The cycle started before stays on its version: its committee approval leads straight to the commission.
        var oldCommittee = await PlanCycles.DriveToAsync(app, before, "designer-before", "CommitteeApproval");
        await Processes.CompleteAsync(app, oldCommittee, ownerId, new { decision = "approve", comment = "تأیید می‌شود." });
        var commission = await PlanCycles.DriveToAsync(app, before, "designer-before", "CommissionReview");
        Assert.Equal(before, commission.RootInstanceId);
        Assert.False(await Processes.QueryAsync(app, db => db.Tasks.AnyAsync(t => t.RootInstanceId == before && t.Name == TaskName)));
    }
}
