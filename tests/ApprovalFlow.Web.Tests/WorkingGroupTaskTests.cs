using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ApprovalFlow.Engine.Calendar;
using ApprovalFlow.Engine.History;
using ApprovalFlow.Engine.State;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Web.Tests.Planning;
using ApprovalFlow.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace ApprovalFlow.Web.Tests;

/// <summary>
/// One working group through its task pages in the browser, inside a real plan cycle of the test's own (the shipped
/// <c>mid-term-plan</c> pipeline started with business key <c>mtp-task-page-1</c>, its stakeholder step done through
/// the service): the secretary takes RecordSessions from the group's tasks and records a session (date from the Jalali
/// picker, an information source, minutes), refused until it has minutes; takes DraftFindings and drafts a problem →
/// strategy → executive policy → project chain, refused while the strategy answers no problem and the project has no
/// responsible unit; the chair takes AgreeFindings and records a vote and a consensus and the decision; each task
/// completes through its page and the working group's process instance ends at <c>FindingsAgreed</c> while the cycle
/// goes on. People (used by no other test): the secretary of <c>wg-region-urban-diplomacy-12</c>, mohammad.karimi, and
/// its chair narges.yousefi; the outsider sara.karimi (chair of another theme's working group).
/// </summary>
[Collection(WebGroup.Name)]
public sealed class WorkingGroupTaskTests(WebAppFixture app)
{
    private const string WorkingGroup = "wg-region-urban-diplomacy-12";
    private const string WorkingGroupName = "کارگروه منطقه‌ای دیپلماسی شهری (منطقه ۱۲)";
    private const string Secretary = "mohammad.karimi@approvalflow.local";
    private const string Chair = "narges.yousefi@approvalflow.local";
    private const string Outsider = "sara.karimi@approvalflow.local";
    private const string CycleTitle = "برنامه میان‌مدت آزمایشی صفحه کار";
    private const string CycleKey = "mtp-task-page-1";

    [Fact]
    public async Task A_working_group_records_a_session_drafts_all_four_kinds_and_agrees_on_its_task_pages_the_cycle_moves_on_an_outsider_gets_403()
    {
        var root = await Processes.StartCycleThroughStakeholdersAsync(app, "task-page-1", CycleTitle);
        var record = (await Processes.OpenTasksAsync(app, t => t.RootInstanceId == root && t.NodeId == "RecordSessions" && t.CandidateGroups.Contains($"{WorkingGroup}-secretary"))).Single();
        var (secretaryId, _) = await Pages.UserAsync(app, Secretary);
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        var consoleErrors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") consoleErrors.Add(message.Text); };

        // Group tasks → claim → open → the task's page.
        await Pages.SignInAsync(page, Secretary);
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^کارهای گروه") }).ClickAsync();
        var row = page.GetByRole(AriaRole.Listitem).Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = record.Name! }), HasText = CycleTitle });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await row.GetByRole(AriaRole.Button, new() { Name = $"برداشتن کار «{record.Name}»" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("کار را برداشتید");
        await page.GetByRole(AriaRole.Link, new() { Name = "باز کردن کار" }).ClickAsync();
        await page.WaitForURLAsync($"**/tasks/{record.Id}");
        await page.GetByRole(AriaRole.Link, new() { Name = "باز کردن صفحهٔ کار" }).ClickAsync();
        await page.WaitForURLAsync($"**/tasks/{record.Id}/sessions");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "جلسات کارگروه", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText(WorkingGroupName).First).ToBeVisibleAsync();

        // The session: the date picked in the task forms' Jalali calendar (today, then a week on), no minutes yet.
        var today = DateOnly.FromDateTime(DateTime.Now);
        var persian = new PersianCalendar();
        var month = Months[persian.GetMonth(today.ToDateTime(TimeOnly.MinValue)) - 1];
        var date = page.GetByRole(AriaRole.Textbox, new() { Name = "تاریخ جلسه", Exact = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "انتخاب از تقویم: تاریخ جلسه" }).ClickAsync();
        var calendar = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(calendar).ToContainTextAsync($"{month} {PersianDigits.ToPersian(persian.GetYear(today.ToDateTime(TimeOnly.MinValue)).ToString(CultureInfo.InvariantCulture))}");
        await Assertions.Expect(calendar.Locator("button[aria-current='date']")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(calendar).ToHaveCountAsync(0);
        var picked = today.AddDays(7);
        await Assertions.Expect(date).ToHaveValueAsync(Jalali(picked));
        const string Agenda = "نشست با شورای اجتماعی محلات منطقه ۱۲";
        await page.GetByLabel("مکان جلسه").FillAsync("سالن شورای منطقه ۱۲");
        await page.GetByLabel("موضوع و دستور جلسه").FillAsync(Agenda);
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "شورای اجتماعی محلات", Exact = true }).CheckAsync();
        await page.GetByLabel("نام حاضر ۱", new() { Exact = true }).FillAsync("اعضای شورای اجتماعی محله طبرسی");
        await page.GetByLabel("گروه ذی‌نفع حاضر ۱", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "شهروندان" });
        await page.GetByRole(AriaRole.Button, new() { Name = "ثبت جلسه" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("ذخیره شد.");

        // Completing without the minutes: refused, what is missing said in Persian, the task still open.
        await page.GetByRole(AriaRole.Button, new() { Name = "پایان کار و ارسال به مرحله بعد" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync($"جلسه «{Agenda}» صورت‌جلسه ندارد.");
        Assert.Equal(UserTaskStatus.Open, (await TaskAsync(record.Id)).Status);
        await Pages.ScreenshotAsync(page, "task-page-sessions-refused-fa");

        await page.GetByRole(AriaRole.Link, new() { Name = $"ویرایش جلسه «{Agenda}»" }).ClickAsync();
        await page.GetByLabel("صورت‌جلسه", new() { Exact = true }).FillAsync("اعضای شورا کمبود پیوند با شهرهای زیارتی جهان را مهم‌ترین مسئله دانستند.");
        await page.GetByRole(AriaRole.Button, new() { Name = "ذخیره تغییرات" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("ذخیره شد.");
        await Assertions.Expect(page.GetByText("همه موارد لازم ثبت شده است")).ToBeVisibleAsync();
        await Pages.AssertTranslatedAsync(page, "fa");
        await Pages.ScreenshotAsync(page, "task-page-sessions-fa");
        await page.GetByRole(AriaRole.Button, new() { Name = "پایان کار و ارسال به مرحله بعد" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("کار ثبت و به مرحله بعد فرستاده شد");
        var done = await TaskAsync(record.Id);
        Assert.Equal((UserTaskStatus.Completed, secretaryId), (done.Status, done.CompletedBy));
        var session = await Processes.QueryAsync(app, db => db.Sessions.AsNoTracking().SingleAsync(s => s.WorkingGroupId == WorkingGroup && s.Agenda == Agenda));
        Assert.Equal((picked, "سالن شورای منطقه ۱۲"), (session.Date, session.Place));
        Assert.Equal(["neighbourhood-councils"], session.Sources);

        // DraftFindings: a problem from the session, a strategy first without and then with its link.
        var draft = (await Processes.OpenTasksAsync(app, t => t.InstanceId == record.InstanceId && t.NodeId == "DraftFindings")).Single();
        await OpenFromGroupTasksAsync(page, draft, "findings");
        const string Problem = "کمبود پیوند خواهرخواندگی با شهرهای زیارتی";
        const string Strategy = "پیوند با شهرهای زیارتی جهان";
        const string Policy = "عضویت فعال در مجامع شهرهای زیارتی";
        const string Project = "برگزاری همایش سالانه شهرهای زیارتی";
        const string Unit = "اداره کل روابط بین‌الملل شهرداری";
        await page.GetByRole(AriaRole.Radio, new() { Name = "مسئله", Exact = true }).CheckAsync();
        await page.GetByLabel("عنوان", new() { Exact = true }).FillAsync(Problem);
        await page.GetByRole(AriaRole.Checkbox, new() { NameRegex = new Regex("^" + Regex.Escape(Agenda)) }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "ثبت یافته" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("ذخیره شد.");
        await page.GetByRole(AriaRole.Radio, new() { Name = "راهبرد", Exact = true }).CheckAsync();
        await page.GetByLabel("عنوان", new() { Exact = true }).FillAsync(Strategy);
        await page.GetByRole(AriaRole.Button, new() { Name = "ثبت یافته" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("ذخیره شد.");
        await page.GetByRole(AriaRole.Radio, new() { Name = "سیاست اجرایی", Exact = true }).CheckAsync();
        await page.GetByLabel("عنوان", new() { Exact = true }).FillAsync(Policy);
        await page.GetByRole(AriaRole.Checkbox, new() { Name = $"راهبرد: {Strategy}" }).CheckAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "خوانش اسناد فرادست", Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "ثبت یافته" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("ذخیره شد.");
        await page.GetByRole(AriaRole.Radio, new() { Name = "پروژه", Exact = true }).CheckAsync();
        await page.GetByLabel("عنوان", new() { Exact = true }).FillAsync(Project);
        await page.GetByRole(AriaRole.Checkbox, new() { Name = $"سیاست اجرایی: {Policy}" }).CheckAsync();
        await page.GetByLabel("سال آغاز (شمسی)").FillAsync("۱۴۰۶");
        await page.GetByLabel("سال پایان (شمسی)").FillAsync("۱۴۰۷");
        await page.GetByLabel("هزینه تقریبی (ریال)").FillAsync("۵۰۰۰۰۰۰۰۰۰");
        await page.GetByRole(AriaRole.Button, new() { Name = "ثبت یافته" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("ذخیره شد.");

        // Completing with a strategy that answers no problem and a project without its unit: refused, both said in Persian.
        await page.GetByRole(AriaRole.Button, new() { Name = "پایان کار و ارسال به مرحله بعد" }).ClickAsync();
        var refused = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(refused).ToContainTextAsync($"راهبرد «{Strategy}» به هیچ مسئله‌ای پاسخ نمی‌دهد.");
        await Assertions.Expect(refused).ToContainTextAsync($"پروژه «{Project}» واحد مسئول ندارد.");
        await Assertions.Expect(page.GetByRole(AriaRole.Listitem).Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("^" + Regex.Escape(Strategy)), Level = 3 }) }))
            .ToContainTextAsync("به هیچ مسئله‌ای پیوند ندارد.");
        Assert.Equal(UserTaskStatus.Open, (await TaskAsync(draft.Id)).Status);
        await Pages.ScreenshotAsync(page, "task-page-findings-refused-fa");

        await page.GetByRole(AriaRole.Link, new() { Name = $"ویرایش «{Strategy}»" }).ClickAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = $"مسئله: {Problem}" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "ذخیره تغییرات" }).ClickAsync();
        await Assertions.Expect(page.GetByText($"پاسخ به مسئله: {Problem}")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = $"ویرایش «{Project}»" }).ClickAsync();
        await page.GetByLabel("واحد مسئول", new() { Exact = true }).FillAsync(Unit);
        await page.GetByRole(AriaRole.Button, new() { Name = "ذخیره تغییرات" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("ذخیره شد.");
        await Assertions.Expect(page.GetByText("همه موارد لازم ثبت شده است")).ToBeVisibleAsync();
        await Pages.AssertTranslatedAsync(page, "fa");
        await Pages.ScreenshotAsync(page, "task-page-findings-fa");
        await page.GetByRole(AriaRole.Button, new() { Name = "پایان کار و ارسال به مرحله بعد" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        Assert.Equal((UserTaskStatus.Completed, secretaryId), ((await TaskAsync(draft.Id)).Status, (await TaskAsync(draft.Id)).CompletedBy));
        var cycleId = await Processes.QueryAsync(app, db => db.PlanCycles.Where(c => c.BusinessKey == CycleKey).Select(c => c.Id).SingleAsync());
        var items = await Processes.QueryAsync(app, db => db.PlanItems.AsNoTracking().Where(i => i.CycleId == cycleId && i.WorkingGroupId == WorkingGroup).ToListAsync());
        Assert.Equal([Problem, Strategy, Policy, Project], items.OrderBy(i => i.Kind).Select(i => i.Title));
        var problem = items.Single(i => i.Title == Problem);
        var strategy = items.Single(i => i.Title == Strategy);
        var policy = items.Single(i => i.Title == Policy);
        var project = items.Single(i => i.Title == Project);
        var ids = items.Select(i => i.Id).ToList();
        var links = await Processes.QueryAsync(app, db => db.PlanItemLinks.AsNoTracking().Where(l => ids.Contains(l.FromItemId) || ids.Contains(l.ToItemId)).ToListAsync());
        Assert.Equal(
            [(problem.Id, strategy.Id), (strategy.Id, policy.Id), (policy.Id, project.Id)],
            links.Select(l => (l.FromItemId, l.ToItemId)).OrderBy(l => l.ToItemId == strategy.Id ? 0 : l.ToItemId == policy.Id ? 1 : 2));
        Assert.Equal([problem.Id], await Processes.QueryAsync(app, db => db.PlanItemSessions.Where(l => l.SessionId == session.Id).Select(l => l.ItemId).ToListAsync()));
        Assert.Equal(["upstream-documents"], policy.Sources);
        Assert.Equal(("urban-diplomacy", "region", "region-12"), (problem.Theme, problem.Level, problem.Unit));
        Assert.Equal((Unit, 1406, 1407, 5_000_000_000L), (project.ResponsibleUnit, project.StartYear, project.EndYear, project.CostRials));
        Assert.Empty(consoleErrors);

        // AgreeFindings: the chair takes it from the group's tasks, records a vote on the problem and the rest by consensus, and decides.
        var agree = (await Processes.OpenTasksAsync(app, t => t.InstanceId == record.InstanceId && t.NodeId == "AgreeFindings")).Single();
        var (chairId, _) = await Pages.UserAsync(app, Chair);
        await using var chairContext = await app.NewContextAsync();
        var chair = await chairContext.NewPageAsync();
        chair.Console += (_, message) => { if (message.Type == "error") consoleErrors.Add(message.Text); };
        await Pages.SignInAsync(chair, Chair);
        await OpenFromGroupTasksAsync(chair, agree, "agreement");
        await Assertions.Expect(chair.GetByRole(AriaRole.Heading, new() { Name = "توافق اعضای کارگروه", Level = 1 })).ToBeVisibleAsync();
        var onProblem = chair.Locator("form").Filter(new() { Has = chair.GetByRole(AriaRole.Button, new() { Name = $"ثبت توافق بر «{Problem}»" }) });
        await onProblem.GetByLabel("رأی‌گیری").CheckAsync();
        await onProblem.GetByRole(AriaRole.Textbox, new() { Name = "موافق", Exact = true }).FillAsync("۶");
        await onProblem.GetByRole(AriaRole.Textbox, new() { Name = "مخالف", Exact = true }).FillAsync("۱");
        await onProblem.GetByRole(AriaRole.Textbox, new() { Name = "ممتنع", Exact = true }).FillAsync("۰");
        await onProblem.GetByRole(AriaRole.Button, new() { Name = $"ثبت توافق بر «{Problem}»" }).ClickAsync();
        await Assertions.Expect(chair.GetByRole(AriaRole.Status)).ToHaveTextAsync("توافق بر این مورد ثبت شد.");
        await chair.GetByLabel("توافق اعضا و تأیید یافته‌ها").CheckAsync();
        await chair.GetByLabel("همه یافته‌های باقی‌مانده با اجماع توافق شد").CheckAsync();
        await chair.GetByLabel("نظر و توضیحات").FillAsync("یافته‌های کارگروه در جلسه پایانی تأیید شد.");
        await chair.GetByRole(AriaRole.Button, new() { Name = "ثبت تصمیم", Exact = true }).ClickAsync();
        await Assertions.Expect(chair.GetByRole(AriaRole.Status)).ToHaveTextAsync("تصمیم کارگروه ثبت شد.");
        await Pages.AssertTranslatedAsync(chair, "fa");
        await Pages.ScreenshotAsync(chair, "task-page-agreement-fa");
        await chair.GetByRole(AriaRole.Button, new() { Name = "پایان کار و ارسال به مرحله بعد" }).ClickAsync();
        await chair.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await Assertions.Expect(chair.GetByRole(AriaRole.Status)).ToContainTextAsync("کار ثبت و به مرحله بعد فرستاده شد");
        var agreed = await TaskAsync(agree.Id);
        Assert.Equal((UserTaskStatus.Completed, chairId), (agreed.Status, agreed.CompletedBy));
        var vote = (await PlanPageTasks.ItemAsync(app, CycleKey, problem.Id)).GetProperty("agreement");
        Assert.Equal(("vote", 6, 1, 0), (vote.GetProperty("mode").GetString(), vote.GetProperty("votesFor").GetInt32(), vote.GetProperty("votesAgainst").GetInt32(), vote.GetProperty("votesAbstain").GetInt32()));
        foreach (var id in new[] { strategy.Id, policy.Id, project.Id })
        {
            Assert.Equal("consensus", (await PlanPageTasks.ItemAsync(app, CycleKey, id)).GetProperty("agreement").GetProperty("mode").GetString());
        }

        // The cycle moves on: the working group's instance ended at FindingsAgreed, the cycle's root still runs the others.
        Assert.Equal(InstanceStatus.Completed, (await InstanceAsync(record.InstanceId)).Status);
        Assert.True(await Processes.QueryAsync(app, db => db.History.AnyAsync(h => h.InstanceId == record.InstanceId && h.Type == HistoryEventType.NodeEntered && h.NodeId == "FindingsAgreed")));
        Assert.Equal(InstanceStatus.Active, (await InstanceAsync(root)).Status);
        Assert.Empty(await Processes.QueryAsync(app, db => db.Tasks.Where(t => t.InstanceId == record.InstanceId && t.Status == UserTaskStatus.Open).ToListAsync()));
        Assert.Empty(consoleErrors);

        // Someone outside the working group opening the page's address: the 403 page.
        await using var outsiderContext = await app.NewContextAsync();
        var outsider = await outsiderContext.NewPageAsync();
        await Pages.SignInAsync(outsider, Outsider);
        var forbidden = await outsider.GotoAsync($"/tasks/{record.Id}/sessions");
        Assert.Equal(403, forbidden!.Status);
        await Assertions.Expect(outsider.GetByRole(AriaRole.Heading, new() { Name = "به این صفحه دسترسی ندارید", Level = 1 })).ToBeVisibleAsync();
    }

    /// <summary>Takes <paramref name="task"/> from the signed-in person's group tasks («کارهای گروه»), opens it and then its planning page <paramref name="pageName"/>.</summary>
    private static async Task OpenFromGroupTasksAsync(IPage page, UserTaskRecord task, string pageName)
    {
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^کارهای گروه") }).ClickAsync();
        var row = page.GetByRole(AriaRole.Listitem).Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = task.Name! }), HasText = CycleTitle });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await row.GetByRole(AriaRole.Button, new() { Name = $"برداشتن کار «{task.Name}»" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("کار را برداشتید");
        await page.GetByRole(AriaRole.Link, new() { Name = "باز کردن کار" }).ClickAsync();
        await page.WaitForURLAsync($"**/tasks/{task.Id}");
        await page.GetByRole(AriaRole.Link, new() { Name = "باز کردن صفحهٔ کار" }).ClickAsync();
        await page.WaitForURLAsync($"**/tasks/{task.Id}/{pageName}");
    }

    private static readonly string[] Months = ["فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"];

    /// <summary>How the picker shows <paramref name="date"/>: ۱۴۰۵/۰۲/۱۵.</summary>
    private static string Jalali(DateOnly date)
    {
        var persian = new PersianCalendar();
        var day = date.ToDateTime(TimeOnly.MinValue);
        return PersianDigits.ToPersian($"{persian.GetYear(day)}/{persian.GetMonth(day):00}/{persian.GetDayOfMonth(day):00}");
    }

    private Task<UserTaskRecord> TaskAsync(Guid id) => Processes.QueryAsync(app, db => db.Tasks.AsNoTracking().SingleAsync(t => t.Id == id));

    private Task<ProcessInstanceRecord> InstanceAsync(Guid id) => Processes.QueryAsync(app, db => db.Instances.AsNoTracking().SingleAsync(i => i.Id == id));
}
