using System.Globalization;
using System.Text.RegularExpressions;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace ApprovalFlow.Web.Tests;

/// <summary>
/// The candidates of a task offered to many people, and its date field in both languages. The task comes
/// from a process of the test's own offered to the commission's and city council's bodies and to the chairs
/// of nine regional working groups; it is opened by azadeh.salehi (city council secretariat), whom no other
/// test uses, and completed before the test ends.
/// </summary>
[Collection(WebGroup.Name)]
public sealed class TaskCandidatesTests(WebAppFixture app)
{
    private const string Viewer = "azadeh.salehi@approvalflow.local";

    private static readonly string[] Groups =
    [
        "commission-secretariat", "commission-chair", "city-council-secretariat", "city-council-chair",
        "wg-region-urban-environment-06-chair", "wg-region-urban-environment-09-chair", "wg-region-urban-environment-13-chair",
        "wg-region-urban-economy-03-chair", "wg-region-urban-fabric-04-chair", "wg-region-urban-fabric-07-chair",
        "wg-region-urban-fabric-10-chair", "wg-region-urban-identity-08-chair", "wg-region-urban-identity-samen-chair",
    ];

    private static readonly string Bpmn = $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="notices" targetNamespace="http://approvalflow.test/web">
          <bpmn:process id="public-notice" name="ابلاغ عمومی" isExecutable="true">
            <bpmn:startEvent id="NoticeRequested" name="درخواست ابلاغ" />
            <bpmn:sequenceFlow id="f1" sourceRef="NoticeRequested" targetRef="PublishNotice" />
            <bpmn:userTask id="PublishNotice" name="ابلاغ اطلاعیه به واحدها" camunda:candidateGroups="{string.Join(',', Groups)}" camunda:formKey="publish-plan" />
            <bpmn:sequenceFlow id="f2" sourceRef="PublishNotice" targetRef="NoticePublished" />
            <bpmn:endEvent id="NoticePublished" name="ابلاغ شد" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    [Fact]
    public async Task A_long_candidate_list_shows_twelve_names_and_the_rest_on_request_and_English_keeps_form_js_Gregorian_date_field()
    {
        var instanceId = await Processes.DeployAndStartAsync(app, Bpmn, "public-notice");
        var task = (await Processes.OpenTasksAsync(app, t => t.InstanceId == instanceId)).Single();
        var names = await Processes.QueryAsync(app, db => db.Users.Where(u => db.Memberships.Any(m => m.UserId == u.Id && Groups.Contains(m.GroupId)))
            .OrderBy(u => u.DisplayName).ThenBy(u => u.Id).Select(u => u.DisplayName).ToListAsync());
        Assert.True(names.Count > 12, $"The test needs more than 12 candidates, not {names.Count}.");
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await Pages.SignInAsync(page, Viewer);
        await page.GotoAsync($"/tasks/{task.Id}");

        var section = page.GetByRole(AriaRole.Region, new() { Name = "چه کسانی می‌توانند این کار را انجام دهند" });
        var more = section.GetByText($"و {Engine.Calendar.PersianDigits.ToPersian((names.Count - 12).ToString(CultureInfo.InvariantCulture))} نفر دیگر");
        await Assertions.Expect(section.GetByRole(AriaRole.Listitem).Filter(new() { Visible = true })).ToHaveTextAsync([.. names.Take(12)]);
        await more.ClickAsync();
        await Assertions.Expect(section.GetByRole(AriaRole.Listitem)).ToHaveTextAsync([.. names]);
        await Pages.AssertTranslatedAsync(page, "fa");

        // Persian: the Jalali picker. English: form-js's own Gregorian date field; the value is an ISO date either way.
        await page.GetByRole(AriaRole.Button, new() { Name = "برداشتن کار", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "انتخاب از تقویم: تاریخ ابلاغ" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        var date = page.GetByRole(AriaRole.Textbox, new() { Name = "تاریخ ابلاغ", Exact = true });
        await Assertions.Expect(date).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Choose from the calendar") })).ToHaveCountAsync(0);
        await date.ClickAsync();
        var today = DateOnly.FromDateTime(DateTime.Now);
        var english = CultureInfo.GetCultureInfo("en-US");
        await Assertions.Expect(page.Locator(".flatpickr-calendar.open")).ToContainTextAsync(today.ToString("MMMM", english));
        await page.GetByLabel(today.ToString("MMMM d, yyyy", english), new() { Exact = true }).ClickAsync();
        await page.GetByLabel("شماره نامه ابلاغ").FillAsync("۱۴۰۵/۱۲۳۴");
        await Pages.AssertTranslatedAsync(page, "en");
        await Pages.ScreenshotAsync(page, "task-date-gregorian-en");
        await page.GetByRole(AriaRole.Button, new() { Name = "Complete the task", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");

        var done = await Processes.QueryAsync(app, db => db.Tasks.AsNoTracking().SingleAsync(t => t.Id == task.Id));
        Assert.Equal(UserTaskStatus.Completed, done.Status);
        var variables = (await Processes.QueryAsync(app, db => db.Instances.AsNoTracking().SingleAsync(i => i.Id == instanceId))).State.Variables;
        Assert.Equal(today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), variables["publicationDate"].GetString());
    }
}
