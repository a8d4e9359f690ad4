using System.Globalization;
using System.Net;
using ApprovalFlow.Engine.Calendar;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Notifications;
using ApprovalFlow.Server.Tests.Support;
using ApprovalFlow.Server.Web;
using NodaTime;

namespace ApprovalFlow.Server.Tests.Notifications;

/// <summary>A body's decision is mailed to the planning office and, on revise, to the groups whose work returns; the final approval to every participant.</summary>
[Collection(NotificationsGroup.Name)]
public class DecisionMailTests(NotificationsFixture service)
{
    [Fact]
    public async Task ARevise_IsMailedToThePlanningOfficeAndTheGroupWhoseWorkReturns_AndTheFinalApprovalToEveryParticipant()
    {
        var secretariat = $"council-{Guid.NewGuid():N}";
        var drafters = $"drafters-{Guid.NewGuid():N}";
        var office = await service.CreateUserAsync("office", [], PlanningMail.PlanningOfficeGroup);
        var (secretary, secretaryClient) = await service.SignInNewAsync("secretary", [], secretariat);
        var (drafter, drafterClient) = await service.SignInNewAsync("drafter", [], drafters);
        var reader = await service.CreateUserAsync("reader", [], drafters);
        await service.ChooseLanguageAsync(reader, UserLanguage.English);
        var (_, owner) = await service.SignInNewAsync("owner", [Roles.ProcessOwner]);
        var key = BpmnFiles.NewKey("council");
        await service.DeployXmlAsync($$"""
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
              <bpmn:process id="{{key}}" name="City council" isExecutable="true">
                <bpmn:startEvent id="s" />
                <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="merge" />
                <bpmn:exclusiveGateway id="merge" />
                <bpmn:sequenceFlow id="f2" sourceRef="merge" targetRef="CityCouncilApproval" />
                <bpmn:userTask id="CityCouncilApproval" name="City council approval" camunda:candidateGroups="{{secretariat}}" />
                <bpmn:sequenceFlow id="f3" sourceRef="CityCouncilApproval" targetRef="decided" />
                <bpmn:exclusiveGateway id="decided" />
                <bpmn:sequenceFlow id="approve" sourceRef="decided" targetRef="e">
                  <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${decision === 'approve'}</bpmn:conditionExpression>
                </bpmn:sequenceFlow>
                <bpmn:sequenceFlow id="revise" sourceRef="decided" targetRef="rework">
                  <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${decision === 'revise'}</bpmn:conditionExpression>
                </bpmn:sequenceFlow>
                <bpmn:userTask id="rework" name="Rework the plan" camunda:candidateGroups="{{drafters}}" />
                <bpmn:sequenceFlow id="f4" sourceRef="rework" targetRef="merge" />
                <bpmn:endEvent id="e" />
              </bpmn:process>
            </bpmn:definitions>
            """);
        var instanceId = (await owner.PostOkAsync("/api/instances", new { definitionKey = key, variables = new { title = "برنامه میان‌مدت ۱۴۰۵–۱۴۰۸" } }, HttpStatusCode.Created)).Str("id");

        var review = await CompleteAsync(secretaryClient, instanceId, new { decision = "revise", comment = "بخش اقتصاد شهری کامل نیست" });
        var link = $"{NotificationsFixture.BaseUrl}/tasks/{review}";
        // Without a resolution date the decision is dated by the day its task was completed, in Tehran.
        var reviewedOn = Instant.FromDateTimeOffset((await secretaryClient.GetOkAsync($"/api/tasks/{review}")).GetProperty("endedAt").GetDateTimeOffset())
            .InZone(DateTimeZoneProviders.Tzdb["Asia/Tehran"]).Date;
        foreach (var user in new[] { office, drafter })
        {
            var mail = Assert.Single(await service.MailsToAsync(user.Email!));
            Assert.Equal("برگشت برای اصلاح: City council approval", mail.Subject);
            Assert.Equal(Assert.Single(await service.NotificationsOfAsync(user.Id), n => n.Kind == NotificationKinds.Decision).MessageId, mail.MessageId);
            foreach (var body in new[] { mail.HtmlBody, mail.TextBody })
            {
                Assert.Contains("بخش اقتصاد شهری کامل نیست", body, StringComparison.Ordinal);
                Assert.Contains("برنامه میان‌مدت ۱۴۰۵–۱۴۰۸", body, StringComparison.Ordinal);
                Assert.Contains("کار برمی‌گردد به: Rework the plan", body, StringComparison.Ordinal);
                Assert.Contains($"تاریخ تصمیم: {SolarHijriDate.FromLocalDate(reviewedOn).ToLongPersianString()}", body, StringComparison.Ordinal);
                Assert.Contains(link, body, StringComparison.Ordinal);
            }
        }

        var english = Assert.Single(await service.MailsToAsync(reader.Email!));
        Assert.Equal("Sent back for revision: City council approval", english.Subject);
        var gregorian = reviewedOn.ToDateTimeUnspecified().ToString("d MMM yyyy", CultureInfo.GetCultureInfo("en-GB"));
        foreach (var body in new[] { english.HtmlBody, english.TextBody })
        {
            Assert.Contains($"Date of the decision: {gregorian} ({SolarHijriDate.FromLocalDate(reviewedOn)} in the Solar Hijri calendar)", body, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(await service.NotificationsOfAsync(secretary.Id), n => n.Kind == NotificationKinds.Decision);

        await CompleteAsync(drafterClient, instanceId, new { });
        var approval = await CompleteAsync(secretaryClient, instanceId, new { decision = "approve", comment = "تصویب شد", resolutionDate = "2026-06-01" });

        // A resolution date dates the decision: 1 June 2026 is 11 Khordad 1405.
        var approved = (await service.MailsToAsync(office.Email!, 2))[1];
        Assert.Equal("تأیید: City council approval", approved.Subject);
        Assert.All(new[] { approved.HtmlBody, approved.TextBody }, body => Assert.Contains("تاریخ تصمیم: ۱۱ خرداد ۱۴۰۵", body, StringComparison.Ordinal));
        foreach (var user in new[] { secretary, drafter })
        {
            var plan = await ServiceMailAsync(user.Email!, "برنامه تصویب شد: برنامه میان‌مدت ۱۴۰۵–۱۴۰۸");
            Assert.Equal(Assert.Single(await service.NotificationsOfAsync(user.Id), n => n.Kind == NotificationKinds.PlanApproved).MessageId, plan.MessageId);
            Assert.Contains("dir=\"rtl\"", plan.HtmlBody, StringComparison.Ordinal);
            Assert.DoesNotContain("<", plan.TextBody, StringComparison.Ordinal);
            foreach (var body in new[] { plan.HtmlBody, plan.TextBody })
            {
                Assert.Contains("با تصویب City council approval نهایی شد", body, StringComparison.Ordinal);
                Assert.Contains("نظر: تصویب شد", body, StringComparison.Ordinal);
                Assert.Contains("تاریخ تصمیم: ۱۱ خرداد ۱۴۰۵", body, StringComparison.Ordinal);
                Assert.Contains($"{NotificationsFixture.BaseUrl}/tasks/{approval}", body, StringComparison.Ordinal);
            }
        }

        var planInEnglish = await ServiceMailAsync(reader.Email!, "The plan is approved: برنامه میان‌مدت ۱۴۰۵–۱۴۰۸");
        Assert.All(new[] { planInEnglish.HtmlBody, planInEnglish.TextBody }, body =>
            Assert.Contains("Date of the decision: 1 Jun 2026 (1405/03/11 in the Solar Hijri calendar)", body, StringComparison.Ordinal));
        Assert.DoesNotContain(await service.NotificationsOfAsync(office.Id), n => n.Kind == NotificationKinds.PlanApproved);
    }

    private async Task<MimeKit.MimeMessage> ServiceMailAsync(string address, string subject)
    {
        await ServiceFixture.EventuallyAsync(() => Task.FromResult(service.Smtp.To(address).Any(m => m.Subject == subject)), $"'{subject}' to {address}");
        return Assert.Single(service.Smtp.To(address), m => m.Subject == subject);
    }

    private static async Task<string> CompleteAsync(HttpClient client, string instanceId, object variables)
    {
        var task = (await client.GetOkAsync($"/api/tasks?scope=group&instanceId={instanceId}")).Items().Single().Str("id");
        await client.PostOkAsync($"/api/tasks/{task}/claim");
        await client.PostOkAsync($"/api/tasks/{task}/complete", new { variables });
        return task;
    }
}
