using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Audit;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Notifications;
using ApprovalFlow.Server.Tests.Forms;
using ApprovalFlow.Server.Tests.Migrations;
using ApprovalFlow.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ApprovalFlow.Testing;

namespace ApprovalFlow.Server.Tests.Audit;

/// <summary>
/// The audit log: each admin action writes one entry with its actor (id and display name), target and changes, in the
/// action's transaction (a rolled-back action leaves none, a refused one writes none), and <c>GET /api/admin/audit</c>
/// filters and pages it for admins only (the cycle withdrawal's entry is asserted in <c>CycleWithdrawalTests</c>). Each test reads the entries of its own new admin (<c>actor=</c>), so the
/// entries of other tests never count.
/// </summary>
[Collection(ServiceGroup.Name)]
public class AuditLogTests(ServiceFixture service)
{
    [Fact]
    public async Task DeployAssignHandOverAndCancel_EachWriteTheirEntry_WithTheAdminAsActor()
    {
        var group = BpmnFiles.NewKey("audit-group");
        var (admin, client) = await service.SignInNewAsync("audit-admin", [Roles.Admin]);
        var first = await service.CreateUserAsync("audit-first", [Roles.Official], group);
        var second = await service.CreateUserAsync("audit-second", [Roles.Official], group);
        var key = BpmnFiles.NewKey("audit_tasks");

        using var xml = new StringContent(GroupTask(key, group), Encoding.UTF8, "application/xml");
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync(new Uri("/api/definitions", UriKind.Relative), xml)).StatusCode);
        var formKey = BpmnFiles.NewKey("audit-form");
        await client.PostOkAsync("/api/forms", new { key = formKey, schema = FormsApiTests.OneField("فرم بازرسی", "reason", "دلیل") }, HttpStatusCode.Created);
        var instance = (await client.PostOkAsync("/api/instances", new { definitionKey = key }, HttpStatusCode.Created)).Str("id");
        var task = (await client.GetOkAsync($"/api/tasks?scope=all&instanceId={instance}")).Items().Single().Str("id");
        await client.PostOkAsync($"/api/tasks/{task}/assign", new { userId = first.Id });
        await client.PostOkAsync($"/api/tasks/{task}/handover", new { userId = second.Id, note = "در مرخصی است" });
        await client.PostOkAsync($"/api/instances/{instance}/cancel", new { reason = "تکراری" });

        var entries = await EntriesAsync(client, admin.Id);
        Assert.Equal(
            [AuditActions.DefinitionDeploy, AuditActions.FormDeploy, AuditActions.TaskAssign, AuditActions.TaskHandOver, AuditActions.InstanceCancel],
            entries.Select(e => e.Str("action")).Reverse());
        Assert.All(entries, e => Assert.Equal((admin.Id, "audit-admin"), (e.Str("actorId"), e.Str("actorName"))));
        var deploy = entries.Single(e => e.Str("action") == AuditActions.DefinitionDeploy);
        Assert.Equal(key, deploy.Str("target"));
        Assert.Equal((key, 1), (deploy.GetProperty("changes").GetProperty("versions")[0].Str("key"), deploy.GetProperty("changes").GetProperty("versions")[0].GetProperty("version").GetInt32()));
        Assert.False(deploy.GetProperty("changes").GetProperty("fromDraft").GetBoolean());
        var form = entries.Single(e => e.Str("action") == AuditActions.FormDeploy);
        Assert.Equal((formKey, 1), (form.Str("target"), form.GetProperty("changes").GetProperty("version").GetInt32()));
        var assign = entries.Single(e => e.Str("action") == AuditActions.TaskAssign);
        Assert.Equal(task, assign.Str("target"));
        Assert.Equal((JsonValueKind.Null, first.Id), (assign.GetProperty("changes").GetProperty("from").ValueKind, assign.GetProperty("changes").Str("to")));
        var handover = entries.Single(e => e.Str("action") == AuditActions.TaskHandOver);
        Assert.Equal((task, first.Id, second.Id, "در مرخصی است"), (handover.Str("target"), handover.GetProperty("changes").Str("from"), handover.GetProperty("changes").Str("to"), handover.GetProperty("changes").Str("note")));
        var cancel = entries.Single(e => e.Str("action") == AuditActions.InstanceCancel);
        Assert.Equal((instance, "تکراری", $"{key}:1"), (cancel.Str("target"), cancel.GetProperty("changes").Str("reason"), cancel.GetProperty("changes").Str("definition")));
        Assert.All(entries, e => Assert.True(e.GetProperty("at").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddHours(-1)));

        // The same deployment again stores nothing new and records nothing; an assignee handing over their own task is no admin action.
        using var again = new StringContent(GroupTask(key, group), Encoding.UTF8, "application/xml");
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync(new Uri("/api/definitions", UriKind.Relative), again)).StatusCode);
        var other = (await client.PostOkAsync("/api/instances", new { definitionKey = key }, HttpStatusCode.Created)).Str("id");
        var otherTask = (await client.GetOkAsync($"/api/tasks?scope=all&instanceId={other}")).Items().Single().Str("id");
        var firstClient = await service.ClientForAsync(first);
        await firstClient.PostOkAsync($"/api/tasks/{otherTask}/claim");
        await firstClient.PostOkAsync($"/api/tasks/{otherTask}/handover", new { userId = second.Id });
        Assert.Empty(await EntriesAsync(client, first.Id));
        Assert.Equal(5, (await EntriesAsync(client, admin.Id)).Count);
    }

    [Fact]
    public async Task CalendarCloseAndReopen_MigrationAndResend_WriteTheirEntries()
    {
        var (admin, client) = await service.SignInNewAsync("audit-calendar", [Roles.Admin]);
        await client.PostOkAsync("/api/calendar/closures", new { date = "1411/03/05", reason = "آلودگی هوا" }, HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/api/calendar/closures/1411/03/05")).StatusCode);

        var migrations = new MigrationClient(client);
        var key = BpmnFiles.NewKey("audit_migrate");
        await migrations.DeployAsync(BpmnFiles.Approval(key));
        await migrations.DeployAsync(BpmnFiles.Approval(key, "Approval v2"));
        var instance = await migrations.StartAsync(key);
        var migration = await migrations.ApplyAsync(key, 1, 2, instanceIds: [instance]);

        var notification = Guid.CreateVersion7();
        await using (var scope = service.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
            db.Notifications.Add(new NotificationRecord
            {
                Id = notification, RecipientAddress = "audit-resend@test.local", Kind = "task-assigned", Template = "task-assigned", Language = "fa",
                Data = JsonSerializer.SerializeToElement(new { }), Status = NotificationStatus.Failed, Attempts = 5, LastError = "SMTP down",
                MessageId = NotificationRecord.MessageIdFor(notification), CreatedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
        }

        await client.PostOkAsync($"/api/notifications/{notification}/resend");

        var entries = await EntriesAsync(client, admin.Id);
        var close = entries.Single(e => e.Str("action") == AuditActions.CalendarClose);
        var reopen = entries.Single(e => e.Str("action") == AuditActions.CalendarReopen);
        var iso = ApprovalFlow.Engine.Calendar.SolarHijriDate.Parse("1411/03/05").ToLocalDate().ToString("yyyy-MM-dd", null);
        Assert.Equal((iso, "آلودگی هوا"), (close.Str("target"), close.GetProperty("changes").Str("reason")));
        Assert.Equal((iso, "آلودگی هوا"), (reopen.Str("target"), reopen.GetProperty("changes").Str("reason")));
        var migrated = entries.Single(e => e.Str("action") == AuditActions.InstanceMigrate);
        Assert.Equal(migration.Str("id"), migrated.Str("target"));
        var changes = migrated.GetProperty("changes");
        Assert.Equal((key, 1, 2, 1), (changes.Str("key"), changes.GetProperty("from").GetInt32(), changes.GetProperty("to").GetInt32(), changes.GetProperty("instances").GetInt32()));
        var resent = entries.Single(e => e.Str("action") == AuditActions.NotificationResend);
        Assert.Equal((notification.ToString(), "Failed", "audit-resend@test.local"), (resent.Str("target"), resent.GetProperty("changes").Str("status"), resent.GetProperty("changes").Str("recipient")));
        Assert.Equal(2, entries.Count(e => e.Str("action") == AuditActions.DefinitionDeploy));
        Assert.Equal(6, entries.Count);
    }

    [Fact]
    public async Task IncidentRetry_WritesItsEntry()
    {
        await service.DeployAsync("flaky-service.bpmn");
        var (worker, official) = await service.SignInNewAsync("audit-worker", [Roles.Official]);
        var (admin, client) = await service.SignInNewAsync("audit-retry", [Roles.Admin]);
        var instanceId = (await official.PostOkAsync("/api/instances", new { definitionKey = "flaky-service", variables = new { worker = worker.Id } }, HttpStatusCode.Created)).Str("id");
        JsonElement incident = default;
        await ServiceFixture.EventuallyAsync(async () =>
        {
            var open = (await client.GetOkAsync($"/api/incidents?instanceId={instanceId}")).EnumerateArray().ToList();
            incident = open.FirstOrDefault();
            return open.Count == 1;
        }, "the flaky service task's incident");

        await client.PostOkAsync($"/api/incidents/{incident.Str("id")}/retry", new { variables = new { fixedBy = "ops" } });

        var entry = Assert.Single(await EntriesAsync(client, admin.Id));
        Assert.Equal((AuditActions.IncidentRetry, incident.Str("id")), (entry.Str("action"), entry.Str("target")));
        Assert.Equal((instanceId, "load"), (entry.GetProperty("changes").Str("instance"), entry.GetProperty("changes").Str("node")));
        Assert.Equal(["fixedBy"], entry.GetProperty("changes").GetProperty("variables").EnumerateArray().Select(v => v.GetString()));
    }

    [Fact]
    public async Task AnActionThatRollsBack_OrIsRefused_WritesNoEntry()
    {
        var (admin, client) = await service.SignInNewAsync("audit-rollback", [Roles.Admin]);
        var marker = $"audit-fail-{Guid.NewGuid():N}";
        var key = BpmnFiles.NewKey("audit_refused");
        await service.DeployXmlAsync(GroupTask(key, BpmnFiles.NewKey("audit-nobody")));
        var cancelled = (await client.PostOkAsync("/api/instances", new { definitionKey = key }, HttpStatusCode.Created)).Str("id");

        // Real PostgreSQL refuses the action's own rows (a closure with the marker as reason, the cancel's history
        // event by this admin), so the action's transaction rolls back, and the audit entry with it.
        await SqlAsync($"""
            CREATE FUNCTION approvalflow.{Quote(marker)}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF NEW.reason = '{marker}' THEN RAISE EXCEPTION 'refused by the test'; END IF;
              RETURN NEW;
            END $$;
            CREATE TRIGGER {Quote(marker)} BEFORE INSERT ON approvalflow.calendar_closures FOR EACH ROW EXECUTE FUNCTION approvalflow.{Quote(marker)}();
            CREATE FUNCTION approvalflow.{Quote(marker + "h")}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF NEW.actor = '{admin.Id}' AND NEW.type = 'InstanceCancelled' THEN RAISE EXCEPTION 'refused by the test'; END IF;
              RETURN NEW;
            END $$;
            CREATE TRIGGER {Quote(marker)} BEFORE INSERT ON approvalflow.history_events FOR EACH ROW EXECUTE FUNCTION approvalflow.{Quote(marker + "h")}();
            """);
        try
        {
            var closure = await client.PostAsJsonAsync("/api/calendar/closures", new { date = "1411/04/07", reason = marker });
            Assert.Equal(HttpStatusCode.InternalServerError, closure.StatusCode);
            Assert.DoesNotContain((await client.GetOkAsync("/api/calendar/closures")).EnumerateArray(), c => c.Str("jalali") == "1411/04/07");
            var cancel = await client.PostAsJsonAsync($"/api/instances/{cancelled}/cancel", new { reason = "rolled back" });
            Assert.Equal(HttpStatusCode.InternalServerError, cancel.StatusCode);
            Assert.Equal("active", (await client.GetOkAsync($"/api/instances/{cancelled}")).Str("status"));
        }
        finally
        {
            await SqlAsync($"""
                DROP TRIGGER {Quote(marker)} ON approvalflow.calendar_closures; DROP FUNCTION approvalflow.{Quote(marker)}();
                DROP TRIGGER {Quote(marker)} ON approvalflow.history_events; DROP FUNCTION approvalflow.{Quote(marker + "h")}();
                """);
        }

        // Refused before anything is written: an assignment to nobody or of no task, a notification or an instance that does not exist.
        await (await client.PostAsJsonAsync($"/api/tasks/{Guid.NewGuid()}/assign", new { userId = $"nobody-{marker}" })).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        await (await client.PostAsJsonAsync($"/api/tasks/{Guid.NewGuid()}/assign", new { userId = admin.Id })).ProblemAsync(HttpStatusCode.NotFound);
        await (await client.PostAsync(new Uri($"/api/notifications/{Guid.NewGuid()}/resend", UriKind.Relative), null)).ProblemAsync(HttpStatusCode.NotFound);
        await (await client.PostAsJsonAsync($"/api/instances/{Guid.NewGuid()}/cancel", new { })).ProblemAsync(HttpStatusCode.NotFound);

        Assert.Empty(await EntriesAsync(client, admin.Id));
    }

    [Fact]
    public async Task TheAuditApi_FiltersAndPages_ForAdminsOnly()
    {
        var (admin, client) = await service.SignInNewAsync("audit-reader", [Roles.Admin]);
        foreach (var day in new[] { "1411/05/01", "1411/05/02", "1411/05/03" })
        {
            await client.PostOkAsync("/api/calendar/closures", new { date = day, reason = "گرما" }, HttpStatusCode.Created);
        }

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/api/calendar/closures/1411/05/01")).StatusCode);

        var all = await client.GetOkAsync($"/api/admin/audit?actor={admin.Id}");
        Assert.Equal(4, all.GetProperty("total").GetInt32());
        var page = await client.GetOkAsync($"/api/admin/audit?actor={admin.Id}&pageSize=3&page=2");
        Assert.Equal((4, AuditActions.CalendarClose), (page.GetProperty("total").GetInt32(), Assert.Single(page.Items()).Str("action")));
        Assert.Equal(AuditActions.CalendarReopen, all.Items().First().Str("action")); // Newest first.
        var closes = await client.GetOkAsync($"/api/admin/audit?actor={admin.Id}&action=calendar.close");
        Assert.Equal(3, closes.GetProperty("total").GetInt32());
        var today = DateTimeOffset.UtcNow;
        Assert.Equal(4, (await client.GetOkAsync($"/api/admin/audit?actor={admin.Id}&from={today.AddDays(-1):yyyy-MM-dd}&to={today.AddDays(1):yyyy-MM-dd}")).GetProperty("total").GetInt32());
        Assert.Equal(0, (await client.GetOkAsync($"/api/admin/audit?actor={admin.Id}&to={today.AddDays(-2):yyyy-MM-dd}")).GetProperty("total").GetInt32());
        Assert.Equal(0, (await client.GetOkAsync($"/api/admin/audit?actor={admin.Id}&from={Uri.EscapeDataString(today.AddMinutes(5).ToString("O", System.Globalization.CultureInfo.InvariantCulture))}")).GetProperty("total").GetInt32());

        var badAction = await (await client.GetAsync(new Uri("/api/admin/audit?action=drop.tables", UriKind.Relative))).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("task.assign", badAction.Detail(), StringComparison.Ordinal);
        var badDate = await (await client.GetAsync(new Uri("/api/admin/audit?from=yesterday", UriKind.Relative))).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.StartsWith("from 'yesterday'", badDate.Detail(), StringComparison.Ordinal);

        var (_, owner) = await service.SignInNewAsync("audit-owner", [Roles.ProcessOwner]);
        await (await owner.GetAsync(new Uri("/api/admin/audit", UriKind.Relative))).ProblemAsync(HttpStatusCode.Forbidden);
        await (await service.Factory.CreateClient().GetAsync(new Uri("/api/admin/audit", UriKind.Relative))).ProblemAsync(HttpStatusCode.Unauthorized);
        foreach (var day in new[] { "1411/05/02", "1411/05/03" })
        {
            Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/calendar/closures/{day}")).StatusCode);
        }
    }

    /// <summary>Every entry of <paramref name="actor"/>, newest first.</summary>
    internal static async Task<List<JsonElement>> EntriesAsync(HttpClient admin, string actor) =>
        [.. (await admin.GetOkAsync($"/api/admin/audit?actor={Uri.EscapeDataString(actor)}&pageSize=200")).Items()];

    private static string Quote(string name) => $"\"{name}\"";

    private async Task SqlAsync(string sql)
    {
        await using var scope = service.Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>().Database.ExecuteSqlRawAsync(sql);
    }

    private static string GroupTask(string key, string group) => UserTaskChain.Xml(key, "Audit", [("Review", "Review")], $"camunda:candidateGroups=\"{group}\"");
}
