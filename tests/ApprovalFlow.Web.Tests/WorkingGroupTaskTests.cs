using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ApprovalFlow.Engine.Calendar;
using ApprovalFlow.Engine.History;
using ApprovalFlow.Engine.State;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace ApprovalFlow.Web.Tests;

/// <summary>
/// A working group's tasks in the browser, on a plan cycle of the test's own (its stakeholder step done
/// through the service): the secretary records the sessions with the Jalali date picker, the chair agrees.
/// People (used by no other test): the secretary and the chair of <c>wg-region-urban-diplomacy-12</c>,
/// mohammad.karimi and narges.yousefi; the outsider sara.karimi (chair of another theme's working group).
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
    private const string Required = "پر کردن این بخش لازم است.";

    [Fact]
    public async Task A_secretary_records_the_sessions_with_the_Jalali_picker_the_chair_agrees_and_an_outsider_gets_403()
    {
        var root = await Processes.StartCycleThroughStakeholdersAsync(app, "task-page-1", CycleTitle);
        var record = (await Processes.OpenTasksAsync(app, t => t.RootInstanceId == root && t.NodeId == "RecordSessions" && t.CandidateGroups.Contains($"{WorkingGroup}-secretary"))).Single();
        var (secretaryId, _) = await Pages.UserAsync(app, Secretary);
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        var consoleErrors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") consoleErrors.Add(message.Text); };

        // Group tasks → claim → open.
        await Pages.SignInAsync(page, Secretary);
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^کارهای گروه") }).ClickAsync();
        var row = page.GetByRole(AriaRole.Listitem).Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = record.Name! }), HasText = CycleTitle });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await row.GetByRole(AriaRole.Button, new() { Name = $"برداشتن کار «{record.Name}»" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("کار را برداشتید");
        await page.GetByRole(AriaRole.Link, new() { Name = "باز کردن کار" }).ClickAsync();
        await page.WaitForURLAsync($"**/tasks/{record.Id}");

        // The form's {{workingGroup.name}} comes from the task's variables; the candidates are listed by name.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = WorkingGroupName })).ToBeVisibleAsync();
        var candidates = page.GetByRole(AriaRole.Region, new() { Name = "چه کسانی می‌توانند این کار را انجام دهند" });
        await Assertions.Expect(candidates.GetByRole(AriaRole.Listitem)).ToHaveTextAsync([new Regex("^محمد کریمی")]);

        // Session 1: the date picked with the keyboard in the calendar (today, then a week on).
        var today = DateOnly.FromDateTime(DateTime.Now);
        var persian = new PersianCalendar();
        var month = Months[persian.GetMonth(today.ToDateTime(TimeOnly.MinValue)) - 1];
        var dates = page.GetByRole(AriaRole.Textbox, new() { Name = "تاریخ جلسه", Exact = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "انتخاب از تقویم: تاریخ جلسه" }).First.ClickAsync();
        var calendar = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(calendar).ToContainTextAsync($"{month} {PersianDigits.ToPersian(persian.GetYear(today.ToDateTime(TimeOnly.MinValue)).ToString(CultureInfo.InvariantCulture))}");
        await Assertions.Expect(calendar.GetByRole(AriaRole.Columnheader).First).ToHaveAccessibleNameAsync("شنبه");
        var todayButton = calendar.Locator("button[aria-current='date']");
        await Assertions.Expect(todayButton).ToBeFocusedAsync();
        await Assertions.Expect(todayButton).ToHaveAccessibleNameAsync(new Regex("امروز$"));
        await Pages.ScreenshotAsync(page, "jalali-picker-fa");
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(calendar).ToHaveCountAsync(0);
        var picked = today.AddDays(7);
        await Assertions.Expect(dates.First).ToHaveValueAsync(Jalali(picked));
        await Assertions.Expect(dates.First).ToBeFocusedAsync();
        await page.GetByLabel("موضوع جلسه").First.FillAsync("نشست با شورای اجتماعی محلات منطقه ۱۲");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "شهروندان", Exact = true }).First.CheckAsync();
        await page.GetByLabel("حاضران (نام و گروه ذی‌نفع)").First.FillAsync("اعضای شورای اجتماعی محله طبرسی (شهروندان)");

        // Session 2, added with the list's button: the date typed in Latin digits, the attendees left empty.
        await page.GetByRole(AriaRole.Button, new() { Name = "افزودن ردیف" }).ClickAsync();
        await Assertions.Expect(dates).ToHaveCountAsync(2);
        await dates.Nth(1).FocusAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(calendar.Locator("button[aria-current='date']")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowLeft");
        await Assertions.Expect(calendar.GetByRole(AriaRole.Button, new() { Name = JalaliLabel(today.AddDays(1)), Exact = true })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(calendar).ToHaveCountAsync(0);
        await Assertions.Expect(dates.Nth(1)).ToBeFocusedAsync();
        await Assertions.Expect(dates.Nth(1)).ToHaveValueAsync(string.Empty);
        await dates.Nth(1).FillAsync("1405/2/15");
        await dates.Nth(1).PressAsync("Enter");
        await Assertions.Expect(dates.Nth(1)).ToHaveValueAsync("۱۴۰۵/۰۲/۱۵");
        await page.GetByLabel("موضوع جلسه").Nth(1).FillAsync("گفت‌وگو با انجمن‌های گردشگری");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "نهادهای مردمی و انجمن‌های رسمی و غیررسمی", Exact = true }).Nth(1).CheckAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "نتایج خوانش اسناد فرادست در هر حوزه تخصصی", Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "ثبت و پایان کار" }).ClickAsync();

        // The browser's check refuses it: the message beside the field, nothing sent, nothing saved.
        var attendees = page.GetByLabel("حاضران (نام و گروه ذی‌نفع)");
        await Assertions.Expect(attendees.Nth(1)).ToHaveAccessibleDescriptionAsync(new Regex(Regex.Escape(Required)));
        await Assertions.Expect(attendees.Nth(0)).Not.ToHaveAccessibleDescriptionAsync(new Regex(Regex.Escape(Required)));
        Assert.EndsWith($"/tasks/{record.Id}", page.Url, StringComparison.Ordinal);
        await Pages.ScreenshotAsync(page, "task-record-sessions-refused-fa");
        var unsaved = await TaskAsync(record.Id);
        Assert.Equal((UserTaskStatus.Open, secretaryId), (unsaved.Status, unsaved.Assignee));
        Assert.False((await InstanceAsync(record.InstanceId)).State.Variables.ContainsKey("sessions"));
        Assert.False(await Processes.QueryAsync(app, db => db.History.AnyAsync(h => h.TaskId == record.Id.ToString() && h.Type == HistoryEventType.TaskCompleted)));

        await attendees.Nth(1).FillAsync("نمایندگان انجمن راهنمایان گردشگری (نهادهای مردمی)");
        await Assertions.Expect(attendees.Nth(1)).Not.ToHaveAccessibleDescriptionAsync(new Regex(Regex.Escape(Required)));
        await Pages.AssertTranslatedAsync(page, "fa");
        await Pages.ScreenshotAsync(page, "task-record-sessions-fa");
        await page.GetByRole(AriaRole.Button, new() { Name = "ثبت و پایان کار" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("کار ثبت و به مرحله بعد فرستاده شد");

        var done = await TaskAsync(record.Id);
        Assert.Equal((UserTaskStatus.Completed, secretaryId), (done.Status, done.CompletedBy));
        var sessions = (await InstanceAsync(record.InstanceId)).State.Variables["sessions"];
        Assert.Equal([picked.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "2026-05-05"], sessions.EnumerateArray().Select(s => s.GetProperty("date").GetString()));
        Assert.Equal(["citizens"], sessions[0].GetProperty("stakeholderGroups").EnumerateArray().Select(g => g.GetString()));
        Assert.Empty(consoleErrors);

        // DraftFindings through the service; then the chair finds AgreeFindings and approves.
        var draft = (await Processes.OpenTasksAsync(app, t => t.InstanceId == record.InstanceId && t.NodeId == "DraftFindings")).Single();
        await Processes.CompleteAsync(app, draft, secretaryId, new { problems = new[] { new { title = "کمبود پیوند خواهرخواندگی با شهرهای زیارتی" } } });
        var agree = (await Processes.OpenTasksAsync(app, t => t.InstanceId == record.InstanceId && t.NodeId == "AgreeFindings")).Single();
        var (chairId, _) = await Pages.UserAsync(app, Chair);
        await using var chairContext = await app.NewContextAsync();
        var chair = await chairContext.NewPageAsync();
        await Pages.SignInAsync(chair, Chair);
        await chair.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^کارهای گروه") }).ClickAsync();
        var agreeRow = chair.GetByRole(AriaRole.Listitem).Filter(new() { Has = chair.GetByRole(AriaRole.Link, new() { Name = agree.Name! }), HasText = CycleTitle });
        await agreeRow.GetByRole(AriaRole.Button, new() { Name = $"برداشتن کار «{agree.Name}»" }).ClickAsync();
        await chair.GetByRole(AriaRole.Link, new() { Name = "باز کردن کار" }).ClickAsync();
        await Assertions.Expect(chair.GetByRole(AriaRole.Heading, new() { Name = WorkingGroupName })).ToBeVisibleAsync();
        await chair.GetByRole(AriaRole.Radio, new() { Name = "توافق اعضا و تأیید یافته‌ها" }).CheckAsync();
        await chair.GetByLabel("نظر و توضیحات").FillAsync("یافته‌ها در نشست اعضا خوانده و تأیید شد.");
        await Pages.AssertTranslatedAsync(chair, "fa");
        await Pages.ScreenshotAsync(chair, "task-agree-findings-fa");
        await chair.GetByRole(AriaRole.Button, new() { Name = "ثبت و پایان کار" }).ClickAsync();
        await Assertions.Expect(chair.GetByRole(AriaRole.Status)).ToContainTextAsync("کار ثبت و به مرحله بعد فرستاده شد");
        var agreed = await TaskAsync(agree.Id);
        Assert.Equal((UserTaskStatus.Completed, chairId), (agreed.Status, agreed.CompletedBy));
        var child = await InstanceAsync(record.InstanceId);
        Assert.Equal(InstanceStatus.Completed, child.Status);
        Assert.Equal("approve", child.State.Variables["decision"].GetString());

        // Someone outside the working group opening the task's address: the 403 page.
        await using var outsiderContext = await app.NewContextAsync();
        var outsider = await outsiderContext.NewPageAsync();
        await Pages.SignInAsync(outsider, Outsider);
        var forbidden = await outsider.GotoAsync($"/tasks/{record.Id}");
        Assert.Equal(403, forbidden!.Status);
        await Assertions.Expect(outsider.GetByRole(AriaRole.Heading, new() { Name = "به این صفحه دسترسی ندارید", Level = 1 })).ToBeVisibleAsync();
    }

    private static readonly string[] Months = ["فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"];

    /// <summary>How the picker shows <paramref name="date"/>: ۱۴۰۵/۰۲/۱۵.</summary>
    private static string Jalali(DateOnly date)
    {
        var persian = new PersianCalendar();
        var day = date.ToDateTime(TimeOnly.MinValue);
        return PersianDigits.ToPersian($"{persian.GetYear(day)}/{persian.GetMonth(day):00}/{persian.GetDayOfMonth(day):00}");
    }

    /// <summary>The accessible name of <paramref name="date"/>'s button in the calendar: «سه‌شنبه ۱۱ آذر ۱۴۰۵».</summary>
    private static string JalaliLabel(DateOnly date)
    {
        var persian = new PersianCalendar();
        var day = date.ToDateTime(TimeOnly.MinValue);
        var weekday = Weekdays[((int)day.DayOfWeek + 1) % 7];
        return PersianDigits.ToPersian($"{weekday} {persian.GetDayOfMonth(day)} {Months[persian.GetMonth(day) - 1]} {persian.GetYear(day)}");
    }

    private static readonly string[] Weekdays = ["شنبه", "یکشنبه", "دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه", "جمعه"];

    private Task<UserTaskRecord> TaskAsync(Guid id) => Processes.QueryAsync(app, db => db.Tasks.AsNoTracking().SingleAsync(t => t.Id == id));

    private Task<ProcessInstanceRecord> InstanceAsync(Guid id) => Processes.QueryAsync(app, db => db.Instances.AsNoTracking().SingleAsync(i => i.Id == id));
}
