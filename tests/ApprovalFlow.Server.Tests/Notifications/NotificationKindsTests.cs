using System.Net;
using System.Text.RegularExpressions;
using ApprovalFlow.Engine.Calendar;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Notifications;
using ApprovalFlow.Server.Tests.Support;
using ApprovalFlow.Server.Web;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using NodaTime;

namespace ApprovalFlow.Server.Tests.Notifications;

/// <summary>One test per kind of mail, through the real service, Hangfire and an SMTP server: recipients, subject, body (Persian with the Jalali date, or English), link, plain-text part, Message-Id.</summary>
[Collection(NotificationsGroup.Name)]
public partial class NotificationKindsTests(NotificationsFixture service)
{
    [Fact]
    public async Task TaskOffered_MailsEachGroupMemberAndCandidateUserOnce_InPersianWithTheJalaliDueDateAndTheLink()
    {
        var group = $"reviewers-{Guid.NewGuid():N}";
        var both = await service.CreateUserAsync("both", [], group);
        var member = await service.CreateUserAsync("member", [], group);
        var candidate = await service.CreateUserAsync("candidate", []);
        var (owner, client) = await service.SignInNewAsync("owner", [Roles.ProcessOwner]);
        var key = await service.DeployTaskAsync($"""camunda:candidateGroups="{group}" camunda:candidateUsers="{both.Id},{candidate.Id}" """);
        var instanceId = (await client.PostOkAsync("/api/instances", new { definitionKey = key, variables = new { title = "برنامه میان‌مدت ۱۴۰۵–۱۴۰۸" } }, HttpStatusCode.Created)).Str("id");
        var task = (await client.GetOkAsync($"/api/tasks?scope=all&instanceId={instanceId}")).Items().Single();

        var rows = new List<NotificationRecord>();
        foreach (var user in new[] { both, member, candidate })
        {
            rows.AddRange(await service.ScheduledAsync(user.Id, 1));
        }

        Assert.Empty(await service.NotificationsOfAsync(owner.Id));
        Assert.All(rows, n => Assert.Equal((NotificationKinds.TaskOffered, NotificationStatus.Pending, "fa"), (n.Kind, n.Status, n.Language)));
        Assert.Equal(3, await service.MakeDueAsync([.. rows.Select(n => n.JobId!)]));

        var jalali = JalaliDue(task);
        foreach (var (user, row) in new[] { both, member, candidate }.Zip(rows))
        {
            var mail = Assert.Single(await service.MailsToAsync(user.Email!));
            Assert.Equal(row.MessageId, mail.MessageId);
            Assert.Equal($"{row.Id:N}@approvalflow", mail.MessageId);
            Assert.Equal("کار تازه: Review", mail.Subject);
            Assert.Equal("noreply@plan.test", mail.From.Mailboxes.Single().Address);
            var link = $"{NotificationsFixture.BaseUrl}/tasks/{task.Str("id")}";
            foreach (var body in new[] { mail.HtmlBody, mail.TextBody })
            {
                Assert.Contains(link, body, StringComparison.Ordinal);
                Assert.Contains(jalali, body, StringComparison.Ordinal);
                Assert.Contains("برنامه میان‌مدت ۱۴۰۵–۱۴۰۸", body, StringComparison.Ordinal);
                Assert.Contains("Approval of the plan", body, StringComparison.Ordinal);
                Assert.Matches(WorkingDaysLeft(), body);
            }

            Assert.Contains("dir=\"rtl\"", mail.HtmlBody, StringComparison.Ordinal);
            Assert.Contains("Vazirmatn, Tahoma", mail.HtmlBody, StringComparison.Ordinal);
            Assert.DoesNotContain("<", mail.TextBody, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TaskAssigned_MailsTheAssigneeAlone_InTheLanguageTheyChose()
    {
        var group = $"reviewers-{Guid.NewGuid():N}";
        var assignee = await service.CreateUserAsync("assignee", [], group);
        var bystander = await service.CreateUserAsync("bystander", [], group);
        await service.ChooseLanguageAsync(assignee, UserLanguage.English);
        var (_, client) = await service.SignInNewAsync("owner", [Roles.ProcessOwner]);
        var key = await service.DeployTaskAsync($"""camunda:assignee="{assignee.Id}" camunda:candidateGroups="{group}" """);
        var instanceId = (await client.PostOkAsync("/api/instances", new { definitionKey = key }, HttpStatusCode.Created)).Str("id");
        var task = (await client.GetOkAsync($"/api/tasks?scope=all&instanceId={instanceId}")).Items().Single();

        var row = Assert.Single(await service.ScheduledAsync(assignee.Id, 1));
        Assert.Equal((NotificationKinds.TaskAssigned, "en"), (row.Kind, row.Language));
        Assert.Empty(await service.NotificationsOfAsync(bystander.Id));
        await service.MakeDueAsync([row.JobId!]);

        var mail = Assert.Single(await service.MailsToAsync(assignee.Email!));
        Assert.Equal("Task assigned to you: Review", mail.Subject);
        Assert.Equal(row.MessageId, mail.MessageId);
        var date = Instant.FromDateTimeOffset(task.GetProperty("dueAt").GetDateTimeOffset()).InZone(DateTimeZoneProviders.Tzdb["Asia/Tehran"]).Date
            .ToDateTimeUnspecified().ToString("d MMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));
        Assert.Contains("dir=\"ltr\"", mail.HtmlBody, StringComparison.Ordinal);
        foreach (var body in new[] { mail.HtmlBody, mail.TextBody })
        {
            Assert.Contains($"{NotificationsFixture.BaseUrl}/tasks/{task.Str("id")}", body, StringComparison.Ordinal);
            Assert.Contains($"Due: {date} (", body, StringComparison.Ordinal);
            Assert.Matches("In [0-9]+ working days", body);
            Assert.Contains("This task is assigned to you.", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task OverdueTask_RemindsItsCandidatesOnce_AndEscalatesToTheGroup_NamingWhoWasLateAndByHowManyWorkingDays()
    {
        var group = $"late-{Guid.NewGuid():N}";
        var escalation = $"chairs-{Guid.NewGuid():N}";
        var member = await service.CreateUserAsync("member", [], group);
        var chair = await service.CreateUserAsync("chair", [], escalation);
        var (_, client) = await service.SignInNewAsync("owner", [Roles.ProcessOwner]);
        var key = BpmnFiles.NewKey("late");
        await service.DeployXmlAsync($$"""
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
              <bpmn:process id="{{key}}" name="Late work" isExecutable="true">
                <bpmn:startEvent id="s" />
                <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="review" />
                <bpmn:userTask id="review" name="Review" camunda:candidateGroups="{{group}}" camunda:dueDate="${workingDays(-3)}">
                  <bpmn:extensionElements><camunda:properties><camunda:property name="escalationGroup" value="{{escalation}}" /><camunda:property name="reminders" value="P0D" /></camunda:properties></bpmn:extensionElements>
                </bpmn:userTask>
                <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="e" />
                <bpmn:endEvent id="e" />
              </bpmn:process>
            </bpmn:definitions>
            """);
        var instanceId = (await client.PostOkAsync("/api/instances", new { definitionKey = key }, HttpStatusCode.Created)).Str("id");
        var task = (await client.GetOkAsync($"/api/tasks?scope=all&instanceId={instanceId}")).Items().Single();

        // The offer, then the one reminder (at the due time, past already, so Hangfire runs it at once), which is the last and escalates.
        var memberRows = await service.ScheduledAsync(member.Id, 2);
        var chairRow = Assert.Single(await service.ScheduledAsync(chair.Id, 1));
        Assert.Equal([NotificationKinds.TaskOffered, NotificationKinds.TaskReminder], memberRows.Select(n => n.Kind));
        Assert.Equal(NotificationKinds.TaskEscalated, chairRow.Kind);
        Assert.Equal(2, await service.MakeDueAsync([memberRows[1].JobId!, chairRow.JobId!]));

        var link = $"{NotificationsFixture.BaseUrl}/tasks/{task.Str("id")}";
        var reminder = Assert.Single(await service.MailsToAsync(member.Email!));
        Assert.Equal("یادآوری مهلت: Review", reminder.Subject);
        Assert.Equal(memberRows[1].MessageId, reminder.MessageId);
        Assert.Contains("یادآوری: ۱/۱", reminder.TextBody, StringComparison.Ordinal);
        Assert.Contains(link, reminder.TextBody, StringComparison.Ordinal);
        Assert.Matches(WorkingDaysLate(), reminder.HtmlBody);
        Assert.Single(Regex.Matches(reminder.TextBody!, Regex.Escape(link)));
        var escalated = Assert.Single(await service.MailsToAsync(chair.Email!));
        Assert.Equal("ارجاع کار عقب‌افتاده: Review", escalated.Subject);
        Assert.Equal(chairRow.MessageId, escalated.MessageId);
        // The due date in Jalali, and the working days from it to the day the mail was sent (its Date header) by the business calendar.
        var jalali = JalaliDue(task);
        var late = $"{PersianDigits.ToPersian(WorkingDaysLateOn(task, escalated.Date).ToString(System.Globalization.CultureInfo.InvariantCulture))} روز کاری تأخیر";
        Assert.Contains($"مهلت: {jalali} ({late})", escalated.TextBody, StringComparison.Ordinal);
        foreach (var body in new[] { escalated.HtmlBody, escalated.TextBody })
        {
            Assert.Contains(link, body, StringComparison.Ordinal);
            Assert.Contains($"مسئول: {group}", body, StringComparison.Ordinal);
            Assert.Contains($"مهلت: {jalali} (", body, StringComparison.Ordinal);
            Assert.Contains(late, body, StringComparison.Ordinal);
        }
    }

    /// <summary>How many working days (<see cref="WorkingDayCalendar"/>) after the task's due day up to the day of <paramref name="sent"/> in Tehran, at least one.</summary>
    private int WorkingDaysLateOn(System.Text.Json.JsonElement task, DateTimeOffset sent)
    {
        var calendar = service.Factory.Services.GetRequiredService<WorkingDayCalendar>();
        var tehran = DateTimeZoneProviders.Tzdb["Asia/Tehran"];
        var due = Instant.FromDateTimeOffset(task.GetProperty("dueAt").GetDateTimeOffset()).InZone(tehran).Date;
        var today = Instant.FromDateTimeOffset(sent).InZone(tehran).Date;
        var late = 0;
        for (var day = due.PlusDays(1); day <= today; day = day.PlusDays(1))
        {
            late += calendar.IsWorkingDay(day) ? 1 : 0;
        }

        return Math.Max(1, late);
    }

    [GeneratedRegex("[۰-۹]+ روز کاری مانده")]
    private static partial Regex WorkingDaysLeft();

    [GeneratedRegex("[۰-۹]+ روز کاری تأخیر")]
    private static partial Regex WorkingDaysLate();
}
