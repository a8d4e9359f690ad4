using System.Net;
using ApprovalFlow.Engine.Calendar;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Notifications;
using ApprovalFlow.Server.Tests.Support;
using NodaTime;

namespace ApprovalFlow.Server.Tests.Notifications;

/// <summary>The kinds addressed to an assignee, in Persian (the default language): assignment and reminder.</summary>
public partial class NotificationKindsTests
{
    [Fact]
    public async Task TaskAssigned_InPersianByDefault_NamesTheWorkingGroupAndTheJalaliDueDate()
    {
        var group = $"reviewers-{Guid.NewGuid():N}";
        var assignee = await service.CreateUserAsync("assignee", [], group);
        var (_, client) = await service.SignInNewAsync("owner", [Roles.ProcessOwner]);
        var key = await service.DeployTaskAsync($"""camunda:assignee="{assignee.Id}" camunda:candidateGroups="{group}" """);
        var variables = new { title = "برنامه میان‌مدت ۱۴۰۵–۱۴۰۸", workingGroup = new { name = "کارگروه حمل‌ونقل و ترافیک" } };
        var instanceId = (await client.PostOkAsync("/api/instances", new { definitionKey = key, variables }, HttpStatusCode.Created)).Str("id");
        var task = (await client.GetOkAsync($"/api/tasks?scope=all&instanceId={instanceId}")).Items().Single();

        var row = Assert.Single(await service.ScheduledAsync(assignee.Id, 1));
        Assert.Equal((NotificationKinds.TaskAssigned, "fa"), (row.Kind, row.Language));
        await service.MakeDueAsync([row.JobId!]);

        var mail = Assert.Single(await service.MailsToAsync(assignee.Email!));
        Assert.Equal(row.MessageId, mail.MessageId);
        Assert.Equal($"{row.Id:N}@approvalflow", mail.MessageId);
        Assert.Equal("کار به شما سپرده شد: Review", mail.Subject);
        Assert.Contains("dir=\"rtl\"", mail.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<", mail.TextBody, StringComparison.Ordinal);
        foreach (var body in new[] { mail.HtmlBody, mail.TextBody })
        {
            Assert.Contains($"{NotificationsFixture.BaseUrl}/tasks/{task.Str("id")}", body, StringComparison.Ordinal);
            Assert.Contains(JalaliDue(task), body, StringComparison.Ordinal);
            Assert.Contains("کارگروه: کارگروه حمل‌ونقل و ترافیک", body, StringComparison.Ordinal);
            Assert.Contains("برنامه میان‌مدت ۱۴۰۵–۱۴۰۸", body, StringComparison.Ordinal);
            Assert.Matches(WorkingDaysLeft(), body);
        }
    }

    [Fact]
    public async Task AReminder_OfAnAssignedTask_GoesToTheAssigneeAlone_WithTheJalaliDueDateAndTheWorkingDaysLate()
    {
        var group = $"late-{Guid.NewGuid():N}";
        var assignee = await service.CreateUserAsync("assignee", [], group);
        var bystander = await service.CreateUserAsync("bystander", [], group);
        var (_, client) = await service.SignInNewAsync("owner", [Roles.ProcessOwner]);
        var key = BpmnFiles.NewKey("late");
        await service.DeployXmlAsync($$"""
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
              <bpmn:process id="{{key}}" name="Late work" isExecutable="true">
                <bpmn:startEvent id="s" />
                <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="review" />
                <bpmn:userTask id="review" name="Review" camunda:assignee="{{assignee.Id}}" camunda:candidateGroups="{{group}}" camunda:dueDate="${workingDays(-2)}">
                  <bpmn:extensionElements><camunda:properties><camunda:property name="reminders" value="P0D" /></camunda:properties></bpmn:extensionElements>
                </bpmn:userTask>
                <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="e" />
                <bpmn:endEvent id="e" />
              </bpmn:process>
            </bpmn:definitions>
            """);
        var instanceId = (await client.PostOkAsync("/api/instances", new { definitionKey = key }, HttpStatusCode.Created)).Str("id");
        var task = (await client.GetOkAsync($"/api/tasks?scope=all&instanceId={instanceId}")).Items().Single();

        var rows = await service.ScheduledAsync(assignee.Id, 2);
        Assert.Equal([NotificationKinds.TaskAssigned, NotificationKinds.TaskReminder], rows.Select(n => n.Kind));
        Assert.Empty(await service.NotificationsOfAsync(bystander.Id));
        Assert.Equal(1, await service.MakeDueAsync([rows[1].JobId!]));

        var reminder = Assert.Single(await service.MailsToAsync(assignee.Email!));
        Assert.Equal("یادآوری مهلت: Review", reminder.Subject);
        Assert.Equal(rows[1].MessageId, reminder.MessageId);
        foreach (var body in new[] { reminder.HtmlBody, reminder.TextBody })
        {
            Assert.Contains($"{NotificationsFixture.BaseUrl}/tasks/{task.Str("id")}", body, StringComparison.Ordinal);
            Assert.Contains(JalaliDue(task), body, StringComparison.Ordinal);
            Assert.Contains("یادآوری: ۱/۱", body, StringComparison.Ordinal);
            Assert.Matches(WorkingDaysLate(), body);
        }
    }

    /// <summary>The task's due date as the Persian mails write it: the Jalali date in Tehran, in Persian digits and month names.</summary>
    private static string JalaliDue(System.Text.Json.JsonElement task) =>
        SolarHijriDate.FromLocalDate(Instant.FromDateTimeOffset(task.GetProperty("dueAt").GetDateTimeOffset()).InZone(DateTimeZoneProviders.Tzdb["Asia/Tehran"]).Date).ToLongPersianString();
}
