using System.Text.RegularExpressions;
using ApprovalFlow.Engine.History;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace ApprovalFlow.Web.Tests;

/// <summary>
/// Claim races and handing over on the task page, in two browsers at once. The task comes from a small
/// process of the test's own offered to the supreme council's secretariat, whose two members
/// (hamid.bahrami, mina.heydari) no other test uses.
/// </summary>
[Collection(WebGroup.Name)]
public sealed class TaskHandoverPageTests(WebAppFixture app)
{
    private const string First = "hamid.bahrami@approvalflow.local";
    private const string Second = "mina.heydari@approvalflow.local";
    private const string TaskName = "پاسخ به نامه شهروند";

    private const string Bpmn = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="letters" targetNamespace="http://approvalflow.test/web">
          <bpmn:process id="citizen-letter-reply" name="پاسخ به نامه‌های شهروندان" isExecutable="true">
            <bpmn:startEvent id="LetterReceived" name="نامه رسید" />
            <bpmn:sequenceFlow id="f1" sourceRef="LetterReceived" targetRef="ReplyToLetter" />
            <bpmn:userTask id="ReplyToLetter" name="پاسخ به نامه شهروند" camunda:candidateGroups="supreme-council-secretariat" />
            <bpmn:sequenceFlow id="f2" sourceRef="ReplyToLetter" targetRef="Replied" />
            <bpmn:endEvent id="Replied" name="پاسخ داده شد" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    [Fact]
    public async Task A_task_claimed_handed_over_or_completed_by_someone_else_meanwhile_shows_that_and_the_new_assignee_finds_it_under_my_tasks()
    {
        var instanceId = await Processes.DeployAndStartAsync(app, Bpmn, "citizen-letter-reply");
        var task = (await Processes.OpenTasksAsync(app, t => t.InstanceId == instanceId)).Single();
        var (firstId, _) = await Pages.UserAsync(app, First);
        var (secondId, _) = await Pages.UserAsync(app, Second);
        await using var firstContext = await app.NewContextAsync();
        await using var secondContext = await app.NewContextAsync();
        var first = await firstContext.NewPageAsync();
        var second = await secondContext.NewPageAsync();
        await Pages.SignInAsync(first, First);
        await Pages.SignInAsync(second, Second);
        await first.GotoAsync($"/tasks/{task.Id}");
        await second.GotoAsync($"/tasks/{task.Id}");
        var candidates = first.GetByRole(AriaRole.Region, new() { Name = "چه کسانی می‌توانند این کار را انجام دهند" }).GetByRole(AriaRole.Listitem);
        await Assertions.Expect(candidates).ToHaveTextAsync(["حمید بهرامی", "مینا حیدری"]);

        // Both see "claim"; the first claims, the second's click comes after: a notice, not an error page.
        await first.GetByRole(AriaRole.Button, new() { Name = "برداشتن کار", Exact = true }).ClickAsync();
        await Assertions.Expect(first.GetByRole(AriaRole.Status)).ToContainTextAsync("کار را برداشتید");
        await second.GetByRole(AriaRole.Button, new() { Name = "برداشتن کار", Exact = true }).ClickAsync();
        await Assertions.Expect(second.GetByRole(AriaRole.Status)).ToContainTextAsync("این کار هم‌زمان تغییر کرد");
        await Assertions.Expect(second.GetByText("این کار در دست حمید بهرامی است.")).ToBeVisibleAsync();
        await Assertions.Expect(second.GetByRole(AriaRole.Heading, new() { Name = TaskName, Level = 1 })).ToBeVisibleAsync();

        // The first hands it over with a note, while an older tab of theirs still shows the hand-over form.
        var olderTab = await firstContext.NewPageAsync();
        await olderTab.GotoAsync($"/tasks/{task.Id}");
        await first.GetByLabel("سپردن به", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "مینا حیدری" });
        await first.GetByLabel("یادداشت برای همکار").FillAsync("پیش‌نویس پاسخ آماده است؛ لطفاً بازبینی و امضا کنید.");
        await Pages.AssertTranslatedAsync(first, "fa");
        await Pages.ScreenshotAsync(first, "task-handover-fa");
        await first.GetByRole(AriaRole.Button, new() { Name = "سپردن کار" }).ClickAsync();
        await Assertions.Expect(first.GetByRole(AriaRole.Status)).ToContainTextAsync("کار به همکارتان سپرده شد.");
        await Assertions.Expect(first.GetByText("این کار در دست مینا حیدری است.")).ToBeVisibleAsync();
        var handedOver = await Processes.QueryAsync(app, db => db.History.AsNoTracking().SingleAsync(h => h.InstanceId == instanceId && h.Type == HistoryEventType.TaskHandedOver));
        Assert.Equal(firstId, handedOver.Actor);
        Assert.Equal(firstId, handedOver.Data!.Value.GetProperty("from").GetString());
        Assert.Equal(secondId, handedOver.Data.Value.GetProperty("to").GetString());
        Assert.Equal("پیش‌نویس پاسخ آماده است؛ لطفاً بازبینی و امضا کنید.", handedOver.Data.Value.GetProperty("note").GetString());

        await olderTab.GetByLabel("سپردن به", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "مینا حیدری" });
        await olderTab.GetByRole(AriaRole.Button, new() { Name = "سپردن کار" }).ClickAsync();
        await Assertions.Expect(olderTab.GetByRole(AriaRole.Status)).ToContainTextAsync("این کار هم‌زمان تغییر کرد");
        await Assertions.Expect(olderTab.GetByText("این کار در دست مینا حیدری است.")).ToBeVisibleAsync();
        Assert.Equal(1, await Processes.QueryAsync(app, db => db.History.CountAsync(h => h.InstanceId == instanceId && h.Type == HistoryEventType.TaskHandedOver)));

        // The new assignee finds it under "My tasks" and completes it; a tab of hers opened before shows that it is done.
        await second.GotoAsync("/");
        await second.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^کارهای من") }).ClickAsync();
        await second.GetByRole(AriaRole.Link, new() { Name = TaskName }).ClickAsync();
        await second.WaitForURLAsync($"**/tasks/{task.Id}");
        var staleTab = await secondContext.NewPageAsync();
        await staleTab.GotoAsync($"/tasks/{task.Id}");
        await second.GetByRole(AriaRole.Button, new() { Name = "ثبت و پایان کار" }).ClickAsync();
        await Assertions.Expect(second.GetByRole(AriaRole.Status)).ToContainTextAsync("کار ثبت و به مرحله بعد فرستاده شد");
        await staleTab.GetByRole(AriaRole.Button, new() { Name = "ثبت و پایان کار" }).ClickAsync();
        await Assertions.Expect(staleTab.GetByRole(AriaRole.Status)).ToContainTextAsync("این کار هم‌زمان تغییر کرد");
        await Assertions.Expect(staleTab.GetByText("این کار انجام شده است.")).ToBeVisibleAsync();
        var done = await Processes.QueryAsync(app, db => db.Tasks.AsNoTracking().SingleAsync(t => t.Id == task.Id));
        Assert.Equal((UserTaskStatus.Completed, secondId), (done.Status, done.CompletedBy));
    }
}
