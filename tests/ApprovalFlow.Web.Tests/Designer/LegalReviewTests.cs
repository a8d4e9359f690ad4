using System.Text.RegularExpressions;
using System.Xml.Linq;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ApprovalFlow.Web.Tests.Designer;

/// <summary>
/// Issue 11's acceptance scenario as one path: the process owner inserts a legal review between the committee and the
/// commission in the designer (candidate group from the directory, due in 5 working days, follow-up in 3) and deploys
/// it; a cycle started afterwards takes the new version and reaches the legal review, which the legal officer sees in
/// the inbox; a cycle started before keeps the old route (the committee's approval leads straight to the commission)
/// until the owner migrates it on the /migrations pages (dry run, then apply) with its waiting commission review
/// mapped to the legal review, where its token then waits and the legal office sees the task. The cycles are driven
/// through their tasks by the engine (whatever form each task has), not the browser. Uses the cycles
/// <c>mtp-designer-before</c> and <c>mtp-designer-after</c> and the legal-affairs member kaveh.sadeghi (no other test does).
/// </summary>
[Collection(WebGroup.Name)]
public sealed class LegalReviewTests(WebAppFixture app)
{
    private const string Owner = "owner@approvalflow.local";
    private const string LegalOfficer = "kaveh.sadeghi@approvalflow.local";
    private const string TaskName = "بررسی حقوقی";

    [Fact]
    public async Task The_owner_inserts_a_legal_review_deploys_it_and_migrates_a_cycle_started_before_so_its_token_waits_at_the_legal_review()
    {
        var before = await PlanCycles.StartAsync(app, "designer-before");
        var oldVersion = await VersionAsync(before);
        var versionsBefore = await Processes.QueryAsync(app, db => db.Definitions.CountAsync(d => d.Key == "mid-term-plan"));
        var ownerId = (await Pages.UserAsync(app, Owner)).UserId;
        var oldCommittee = await PlanCycles.DriveToAsync(app, before, "designer-before", "CommitteeApproval");

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
        await panel.GetByLabel("پیگیری (روز کاری)").FillAsync("3");
        await Assertions.Expect(panel.GetByLabel("تاریخ پیگیری", new() { Exact = true })).ToHaveValueAsync("${workingDays(3)}");
        await Pages.ScreenshotAsync(page, "designer-legal-review-properties");

        await DesignerPage.SavedAsync(page);
        var deploy = page.GetByRole(AriaRole.Button, new() { Name = "انتشار نسخه تازه" });
        await Assertions.Expect(deploy).ToBeEnabledAsync();
        await deploy.ClickAsync();
        var result = page.Locator("[data-designer-result]");
        await Assertions.Expect(result).ToHaveAttributeAsync("data-version", new Regex(@"^\d+$"));
        var version = int.Parse((await result.GetAttributeAsync("data-version"))!, System.Globalization.CultureInfo.InvariantCulture);
        await Assertions.Expect(result).ToContainTextAsync("منتشر شد");
        await Pages.ScreenshotAsync(page, "designer-legal-review-deployed");
        Assert.True(errors.Count == 0, string.Join("\n", errors));

        var deployed = await Processes.QueryAsync(app, db => db.Definitions.AsNoTracking().SingleAsync(d => d.Key == "mid-term-plan" && d.Version == version));
        Assert.Equal(versionsBefore + 1, await Processes.QueryAsync(app, db => db.Definitions.CountAsync(d => d.Key == "mid-term-plan")));
        Assert.Equal(ownerId, deployed.DraftUserId);
        Assert.NotNull(deployed.DraftSavedAt);
        XNamespace bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";
        XNamespace camunda = "http://camunda.org/schema/1.0/bpmn";
        var legal = XDocument.Parse(deployed.BpmnXml).Descendants(bpmn + "userTask").Single(t => (string?)t.Attribute("name") == TaskName);
        Assert.Equal(("legal-affairs", "${workingDays(5)}", "${workingDays(3)}"), ((string?)legal.Attribute(camunda + "candidateGroups"), (string?)legal.Attribute(camunda + "dueDate"), (string?)legal.Attribute(camunda + "followUpDate")));
        var legalNodeId = (string)legal.Attribute("id")!;

        // A cycle started afterwards takes the new version: the committee's approval leads it to the legal review (not
        // straight to the commission), offered to legal affairs, and the legal officer sees that very task in the group tab.
        var after = await PlanCycles.StartAsync(app, "designer-after");
        Assert.Equal(version, await VersionAsync(after));
        var afterReview = await PlanCycles.DriveToAsync(app, after, "designer-after", legalNodeId);
        Assert.Equal(TaskName, afterReview.Name);
        Assert.Equal(["legal-affairs"], afterReview.CandidateGroups);
        Assert.True(afterReview is { DueAt: { } afterDue, FollowUpAt: { } afterFollowUp } && afterFollowUp < afterDue && afterFollowUp > afterReview.CreatedAt, $"due {afterReview.DueAt}, follow-up {afterReview.FollowUpAt}");
        Assert.True(await Processes.QueryAsync(app, db => db.Tasks.AnyAsync(t => t.RootInstanceId == after && t.NodeId == "CommitteeApproval" && t.Status == UserTaskStatus.Completed)));
        Assert.False(await Processes.QueryAsync(app, db => db.Tasks.AnyAsync(t => t.RootInstanceId == after && t.NodeId == "CommissionReview")));

        await using var officerContext = await app.NewContextAsync();
        var officerPage = await officerContext.NewPageAsync();
        await Pages.SignInAsync(officerPage, LegalOfficer);
        await officerPage.GotoAsync("/?tab=group");
        await Assertions.Expect(officerPage.Locator($"a[href='/tasks/{afterReview.Id}']")).ToHaveTextAsync(TaskName);
        await Assertions.Expect(officerPage.GetByRole(AriaRole.Link, new() { Name = TaskName })).ToHaveCountAsync(1);
        await Pages.ScreenshotAsync(officerPage, "designer-legal-review-inbox-new-cycle");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            // Cancelled once seen: its legal review would otherwise stay in the legal office's inbox (checked again below).
            await scope.ServiceProvider.GetRequiredService<ApprovalFlow.Server.Runtime.InstanceRunner>()
                .ExecuteAsync(after, new ApprovalFlow.Engine.Commands.CancelInstance(null, "legal review test: a new cycle reaches the legal review"), CancellationToken.None);
        }

        // The cycle started before keeps its version and the old route.
        await Processes.CompleteAsync(app, oldCommittee, ownerId, new { decision = "approve", comment = "تأیید می‌شود." });
        var commission = await PlanCycles.DriveToAsync(app, before, "designer-before", "CommissionReview");
        Assert.Equal(oldVersion, await VersionAsync(before));
        Assert.False(await Processes.QueryAsync(app, db => db.Tasks.AnyAsync(t => t.RootInstanceId == before && t.NodeId == legalNodeId)));

        // The migration pages: only this cycle, its waiting commission review mapped to the legal review; dry run, then apply.
        await page.GotoAsync($"/migrations/new?key=mid-term-plan&from={oldVersion}&to={version}");
        await page.GetByLabel("فقط چرخه‌هایی که در فهرست زیر برمی‌گزینم").CheckAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { NameRegex = new Regex("mtp-designer-before") }).CheckAsync();
        await page.GetByLabel(commission.Name!, new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = TaskName });
        await page.GetByRole(AriaRole.Button, new() { Name = "بررسی آزمایشی" }).ClickAsync();
        var dryRun = page.GetByRole(AriaRole.Region, new() { Name = "نتیجهٔ بررسی آزمایشی (هنوز چیزی تغییر نکرده است)" });
        await Assertions.Expect(dryRun).ToContainTextAsync("۱ چرخه منتقل می‌شود و ۰ چرخه روی نسخهٔ خود می‌ماند.");
        await Assertions.Expect(dryRun).ToContainTextAsync($"از «{commission.Name}» به «{TaskName}»");
        await Assertions.Expect(dryRun).ToContainTextAsync($"کار تازهٔ «{TaskName}» ساخته می‌شود");
        await Pages.ScreenshotAsync(page, "designer-legal-review-migration-dry-run");
        Assert.Equal(oldVersion, await VersionAsync(before));
        await page.GetByRole(AriaRole.Button, new() { Name = "انتقال ۱ چرخه" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/migrations/[0-9a-f-]{36}$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "انتقال پایان یافت" })).ToBeVisibleAsync(new() { Timeout = 120_000 });
        await Assertions.Expect(page.GetByText("۱ منتقل شد، ۰ ماند، ۰ در انتظار، از ۱ چرخه")).ToBeVisibleAsync();
        await Pages.ScreenshotAsync(page, "designer-legal-review-migrated");
        Assert.True(errors.Count == 0, string.Join("\n", errors));

        // The token waits where the mapping says: a legal review offered to legal-affairs, due in 5 and followed up in 3 working days.
        Assert.Equal(version, await VersionAsync(before));
        var review = Assert.Single(await Processes.OpenTasksAsync(app, t => t.RootInstanceId == before && t.NodeId == legalNodeId));
        Assert.Equal(TaskName, review.Name);
        Assert.Equal(["legal-affairs"], review.CandidateGroups);
        Assert.True(review is { DueAt: { } due, FollowUpAt: { } followUp } && followUp < due && followUp > review.CreatedAt, $"due {review.DueAt}, follow-up {review.FollowUpAt}");
        Assert.Equal(UserTaskStatus.Cancelled, await Processes.QueryAsync(app, db => db.Tasks.Where(t => t.Id == commission.Id).Select(t => t.Status).SingleAsync()));
        Assert.Equal([legalNodeId], await Processes.QueryAsync(app, db => db.Tasks.Where(t => t.RootInstanceId == before && t.Status == UserTaskStatus.Open).Select(t => t.NodeId).ToListAsync()));

        // The legal officer sees it in the group tab of the inbox (the new cycle's, cancelled, no longer).
        await officerPage.GotoAsync("/?tab=group");
        await Assertions.Expect(officerPage.Locator($"a[href='/tasks/{review.Id}']")).ToHaveTextAsync(TaskName);
        await Assertions.Expect(officerPage.GetByRole(AriaRole.Link, new() { Name = TaskName })).ToHaveCountAsync(1);
        await Pages.ScreenshotAsync(officerPage, "designer-legal-review-inbox");
    }

    private Task<int> VersionAsync(Guid instanceId) =>
        Processes.QueryAsync(app, db => db.Instances.Where(i => i.Id == instanceId).Select(i => i.DefinitionVersion).SingleAsync());
}
