using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Planning.Cycles;
using ApprovalFlow.Server.Features.Planning.Data;
using ApprovalFlow.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ApprovalFlow.Web.Tests;

/// <summary>
/// The printable plan and the trace report of a cycle of this test's own (business key <c>mtp-test-export-web-…</c>,
/// written straight to the demo database), read in Persian by a planning office member (<see cref="Reader"/>, who
/// only reads here: no task, no language switch).
/// </summary>
[Collection(WebGroup.Name)]
public sealed class PlanExportPageTests(WebAppFixture app)
{
    /// <summary>A planning office expert (coordinator of the urban economy theme).</summary>
    private const string Reader = "hassan.moradi@approvalflow.local";

    [Fact]
    public async Task The_printable_plan_reads_in_Persian_by_theme_with_the_project_table_and_links_to_the_exports_and_the_trace()
    {
        var key = $"mtp-test-export-web-{Guid.NewGuid():N}"[..32];
        await SeedAsync(key);

        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await Pages.SignInAsync(page, Reader);
        await page.GotoAsync($"/cycles/{key}/plan");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "برنامه آزمون برون‌بری", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "۱. هویت شهری", Level = 2 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "۱-۱. مسائل", Level = 3 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "۱-۱-۱. کمبود فضاهای جمعی", Level = 4 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("سال‌های ۱۴۰۵ تا ۱۴۰۸", new() { Exact = false })).ToBeVisibleAsync();
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "احیای بازارچه‌های تاریخی" });
        await Assertions.Expect(row.GetByRole(AriaRole.Cell).Nth(3)).ToHaveTextAsync("۱۴۰۵–۱۴۰۷");
        await Assertions.Expect(row.GetByRole(AriaRole.Cell).Nth(4)).ToHaveTextAsync("۱۲٬۰۰۰٬۰۰۰٬۰۰۰");
        await Assertions.Expect(page.GetByText("در پاسخ به ۱-۱-۱", new() { Exact = false })).ToContainTextAsync("ذی‌نفعان: شهروندان، نخبگان شهری");
        var links = page.GetByRole(AriaRole.Navigation, new() { Name = "برنامه و ردیابی آن" });
        await Assertions.Expect(links.GetByRole(AriaRole.Link, new() { Name = "برنامه در Word" })).ToHaveAttributeAsync("href", $"/api/cycles/{key}/export?format=docx");
        await Pages.AssertTranslatedAsync(page, "fa");
        await Pages.ScreenshotAsync(page, "plan-export-fa");

        // Printed, the navigation and the links are hidden; the plan stays.
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(links).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "۱. هویت شهری", Level = 2 })).ToBeVisibleAsync();
        await page.EmulateMediaAsync(new() { Media = Media.Screen });

        await links.GetByRole(AriaRole.Link, new() { Name = "ردیابی موارد" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "ردیابی برنامه آزمون برون‌بری", Level = 1 })).ToBeVisibleAsync();
        var citizens = page.GetByRole(AriaRole.Table).First.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = "شهروندان", Exact = true }) });
        await Assertions.Expect(citizens.GetByRole(AriaRole.Cell)).ToHaveTextAsync("۳");
        await Pages.AssertTranslatedAsync(page, "fa");
    }

    /// <summary>One problem and one strategy from a session with two citizens and an urban elite, and a project from a session with a citizen.</summary>
    private async Task SeedAsync(string key)
    {
        var now = DateTimeOffset.UtcNow;
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
        var cycle = new PlanCycleRecord
        {
            Id = Guid.CreateVersion7(), BusinessKey = key, Title = "برنامه آزمون برون‌بری", FirstYear = 1405, LastYear = 1408,
            Themes = PlanCycles.DefaultThemes(), Status = PlanCycleStatus.InApproval, CreatedBy = "system", CreatedAt = now,
        };
        db.PlanCycles.Add(cycle);
        WorkingGroupSessionRecord Session(string agenda, params (string Name, string Group)[] attendees)
        {
            var session = new WorkingGroupSessionRecord
            {
                Id = Guid.CreateVersion7(), CycleId = cycle.Id, WorkingGroupId = "wg-hq-urban-identity", Date = new DateOnly(2025, 10, 7), Agenda = agenda,
                Minutes = "صورت‌جلسه", Sources = ["citizen-surveys"], CreatedBy = "system", CreatedAt = now, UpdatedAt = now,
            };
            db.Sessions.Add(session);
            db.SessionAttendees.AddRange(attendees.Select(a => new SessionAttendeeRecord { Id = Guid.CreateVersion7(), SessionId = session.Id, Name = a.Name, StakeholderGroup = a.Group }));
            return session;
        }

        var first = Session("نشست با شهروندان", ("علی رضایی", "citizens"), ("زهرا کریمی", "citizens"), ("دکتر محمدی", "urban-elites"));
        var second = Session("نشست با کسبه", ("حسین بازاری", "citizens"));
        PlanItemRecord Item(PlanItemKind kind, string title, WorkingGroupSessionRecord session)
        {
            var item = new PlanItemRecord
            {
                Id = Guid.CreateVersion7(), CycleId = cycle.Id, Kind = kind, Title = title, Theme = "urban-identity", Level = "headquarters",
                WorkingGroupId = "wg-hq-urban-identity", Sources = ["citizen-surveys"], Status = PlanItemStatus.Agreed, CreatedBy = "system", CreatedAt = now, UpdatedAt = now,
            };
            db.PlanItems.Add(item);
            db.PlanItemSessions.Add(new PlanItemSessionRecord { ItemId = item.Id, SessionId = session.Id });
            return item;
        }

        var problem = Item(PlanItemKind.Problem, "کمبود فضاهای جمعی", first);
        var strategy = Item(PlanItemKind.Strategy, "بازآفرینی با مشارکت ساکنان", first);
        var project = Item(PlanItemKind.Project, "احیای بازارچه‌های تاریخی", second);
        project.ResponsibleUnit = "org-parks-green-space";
        project.StartYear = 1405;
        project.EndYear = 1407;
        project.CostRials = 12_000_000_000;
        await db.SaveChangesAsync();
        db.PlanItemLinks.Add(new PlanItemLinkRecord { FromItemId = problem.Id, ToItemId = strategy.Id });
        await db.SaveChangesAsync();
    }
}
