using System.Net;
using System.Net.Http.Json;
using System.Text;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Notifications;
using ApprovalFlow.Server.Tests.Support;
using ApprovalFlow.Testing;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Tests.Notifications;

/// <summary>
/// BPMN send tasks with topic <c>mail.send</c> through Hangfire and a real SMTP server: users, groups and
/// external addresses from literals and <c>${...}</c> lists, the mail itself, a broken expression as an incident
/// with nothing sent, and the deploy-time check of the template and recipients.
/// </summary>
[Collection(NotificationsGroup.Name)]
public class SendTaskMailTests(NotificationsFixture service)
{
    [Fact]
    public async Task ASendTask_MailsAUser_EachMemberOfAGroupOnce_AndAnExternalAddressFromAVariable_ThenCompletes()
    {
        var group = $"wg-{Guid.NewGuid():N}";
        var chair = await service.CreateUserAsync("chair", [], group);
        var member = await service.CreateUserAsync("member", [], group);
        var secretary = await service.CreateUserAsync("secretary", []);
        var guest = $"guest-{Guid.NewGuid():N}@outside.example";
        var (_, owner) = await service.SignInNewAsync("owner", [Roles.ProcessOwner]);
        var key = BpmnFiles.NewKey("invite");
        await service.DeployXmlAsync(Invitation(key, $$"""
            <camunda:property name="template" value="invitation" />
            <camunda:property name="to" value="{{secretary.UserName}}, group:{{group}}, ${stakeholders}" />
            <camunda:property name="cc" value="${[ccTo]}" />
            <camunda:property name="session" value="جلسه کارگروه ${workingGroup}" />
            <camunda:property name="date" value="1405/09/15 ساعت 10" />
            <camunda:property name="place" value="تالار شهر" />
            """));

        // The chair is named again by e-mail in the stakeholder list and in cc: still one mail, the one of "to".
        var instance = await owner.PostOkAsync("/api/instances", new
        {
            definitionKey = key,
            variables = new
            {
                title = "برنامه میان‌مدت 1405",
                workingGroup = "حمل و نقل",
                stakeholders = new object[] { new { name = "Guest", email = guest }, new { name = "Chair", email = chair.Email } },
                ccTo = chair.Email,
            },
        }, HttpStatusCode.Created);
        var instanceId = Guid.Parse(instance.Str("id"));
        await ServiceFixture.EventuallyAsync(
            async () => (await service.QueryAsync(db => db.Instances.AsNoTracking().SingleAsync(i => i.Id == instanceId))).Status == Engine.State.InstanceStatus.Completed,
            "the send task to complete the instance");

        var rows = await service.QueryAsync(db => db.Notifications.AsNoTracking().Where(n => n.InstanceId == instanceId).ToListAsync());
        Assert.Equal(
            new[] { chair.Email!, guest, member.Email!, secretary.Email! }.Order(StringComparer.Ordinal),
            rows.Select(n => n.RecipientAddress!).Order(StringComparer.Ordinal));
        Assert.All(rows, n => Assert.Equal((NotificationKinds.ProcessMail, "invitation", "fa"), (n.Kind, n.Template, n.Language)));
        Assert.Null(Assert.Single(rows, n => n.RecipientAddress == guest).RecipientUserId);

        foreach (var user in new[] { chair, member, secretary })
        {
            var mail = Assert.Single(await service.MailsToAsync(user.Email!));
            var row = Assert.Single(rows, n => n.RecipientUserId == user.Id);
            Assert.Equal(row.MessageId, mail.MessageId);
            Assert.Equal("دعوت به جلسه کارگروه حمل و نقل، برنامه میان‌مدت ۱۴۰۵", mail.Subject);
            Assert.Contains($"سلام {user.DisplayName}،", mail.TextBody, StringComparison.Ordinal);
            Assert.Contains("زمان: ۱۴۰۵/۰۹/۱۵ ساعت ۱۰", mail.TextBody, StringComparison.Ordinal);
            Assert.Contains("مکان: تالار شهر", mail.TextBody, StringComparison.Ordinal);
            Assert.Contains($"{NotificationsFixture.BaseUrl}/instances/{instanceId}", mail.TextBody, StringComparison.Ordinal);
            Assert.Contains($"href=\"{NotificationsFixture.BaseUrl}/instances/{instanceId}\"", mail.HtmlBody, StringComparison.Ordinal);
            Assert.Contains("dir=\"rtl\"", mail.HtmlBody, StringComparison.Ordinal);
        }

        var external = Assert.Single(await service.MailsToAsync(guest));
        Assert.Equal(Assert.Single(rows, n => n.RecipientAddress == guest).MessageId, external.MessageId);
        Assert.Contains($"سلام {guest}،", external.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("/instances/", external.TextBody, StringComparison.Ordinal);
        await ServiceFixture.EventuallyAsync(
            async () => (await service.QueryAsync(db => db.Notifications.AsNoTracking().Where(n => n.InstanceId == instanceId).ToListAsync())).All(n => n.Status == NotificationStatus.Sent),
            "every invitation to be sent");
        Assert.Single(service.Smtp.To(chair.Email!));
    }

    [Fact]
    public async Task ABrokenRecipientExpression_IsAnIncidentOnTheSendTask_AndNothingIsSent()
    {
        var group = $"wg-{Guid.NewGuid():N}";
        var member = await service.CreateUserAsync("member", [], group);
        var (_, owner) = await service.SignInNewAsync("owner", [Roles.ProcessOwner]);
        var key = BpmnFiles.NewKey("invite");
        await service.DeployXmlAsync(Invitation(key, $$"""
            <camunda:property name="template" value="invitation" />
            <camunda:property name="to" value="group:{{group}}, ${stakeholders.map(s => s.contact.email)}" />
            <camunda:property name="session" value="جلسه" />
            """));

        var instance = await owner.PostOkAsync("/api/instances", new { definitionKey = key, variables = new { stakeholders = new[] { new { email = "x@outside.example" } } } }, HttpStatusCode.Created);
        var instanceId = instance.Str("id");

        System.Text.Json.JsonElement incident = default;
        await ServiceFixture.EventuallyAsync(async () =>
        {
            var incidents = (await owner.GetOkAsync($"/api/incidents?instanceId={instanceId}")).EnumerateArray().ToList();
            incident = incidents.FirstOrDefault();
            return incidents.Count == 1;
        }, "the send task's incident");
        Assert.Equal(("jobFailed", "invite"), (incident.Str("kind"), incident.Str("nodeId")));
        Assert.Contains("mail.send", incident.Str("message"), StringComparison.Ordinal);
        Assert.Contains("The recipient list entry '${stakeholders.map(s => s.contact.email)}' failed", incident.Str("message"), StringComparison.Ordinal);
        Assert.Empty(await service.QueryAsync(db => db.Notifications.AsNoTracking().Where(n => n.InstanceId == Guid.Parse(instanceId)).ToListAsync()));
        Assert.Empty(await service.NotificationsOfAsync(member.Id));
        Assert.Empty(service.Smtp.To(member.Email!));
    }

    [Fact]
    public async Task ASendTaskWithoutTemplate_IsRefusedAtDeploy_NamingTheElementAndLine()
    {
        var (_, owner) = await service.SignInNewAsync("owner", [Roles.ProcessOwner]);
        var xml = Invitation(BpmnFiles.NewKey("invite"), """<camunda:property name="to" value="group:planning-office" />""");

        var response = await owner.PostAsync(new Uri("/api/definitions", UriKind.Relative), new StringContent(xml, Encoding.UTF8, "application/xml"));

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal(("invite", 5, SendTaskMailChecks.MissingProperty), (error.Str("elementId"), error.GetProperty("line").GetInt32(), error.Str("code")));
        Assert.Contains("sendTask 'invite' (topic mail.send) has no camunda:property 'template'", error.Str("message"), StringComparison.Ordinal);
    }

    /// <summary>A process whose send task <c>invite</c> (line 5) has <paramref name="properties"/>; one attempt, then an incident.</summary>
    private static string Invitation(string key, string properties) =>
        InvitationProcess.Xml(key, properties, attributes: "camunda:failedJobRetryTimeCycle=\"R1/PT1M\"");
}
