using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Deadlines;
using ApprovalFlow.Server.Features.Notifications;
using ApprovalFlow.Server.Runtime;
using ApprovalFlow.Server.Runtime.Outbox;
using ApprovalFlow.Server.Tests.Support;
using ApprovalFlow.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ApprovalFlow.Server.Tests.Notifications;

/// <summary>
/// Delivery of notifications through Hangfire and a real SMTP server: retries on the schedule, failure as
/// an incident and resend, atomicity with the engine step, exactly-once delivery, the same Message-Id after
/// a crash, folding, and recipients without an address.
/// </summary>
[Collection(NotificationsGroup.Name)]
public class DeliveryTests(NotificationsFixture service)
{
    [Fact]
    public async Task SmtpDown_IsRetriedOnTheSchedule_ThenFailedAndListedAsAnIncident_AndAResendDeliversOnceItIsBack()
    {
        var (group, member) = await GroupWithMemberAsync();
        var (_, admin) = await service.SignInNewAsync("admin", [Roles.Admin]);
        var key = await service.DeployTaskAsync($"""camunda:candidateGroups="{group}" """);
        await admin.PostOkAsync("/api/instances", new { definitionKey = key }, HttpStatusCode.Created);
        var row = Assert.Single(await service.ScheduledAsync(member.Id, 1));

        await service.Smtp.StopAsync();
        try
        {
            var jobId = row.JobId!;
            TimeSpan[] waits = [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(6)];
            for (var attempt = 1; attempt <= waits.Length + 1; attempt++)
            {
                Assert.Equal(1, await service.MakeDueAsync([jobId]));
                var previous = jobId;
                await ServiceFixture.EventuallyAsync(async () =>
                {
                    row = await RowAsync(row.Id);
                    return row.Attempts == attempt;
                }, $"attempt {attempt} of notification {row.Id}");
                Assert.Contains("SocketException", row.LastError, StringComparison.Ordinal);
                if (attempt > waits.Length)
                {
                    break;
                }

                Assert.Equal(NotificationStatus.Pending, row.Status);
                Assert.NotEqual(previous, row.JobId);
                jobId = row.JobId!;
                var expected = OutboxDispatcher.NotBefore(row.LastAttemptAt!.Value + waits[attempt - 1]).ToUnixTimeSeconds();
                Assert.InRange(await service.ScheduleScoreAsync(jobId) ?? 0, expected - 1, expected + 1);
            }

            Assert.Equal(NotificationStatus.Failed, row.Status);
            Assert.Equal(6, row.Attempts);
            var incidents = await admin.GetOkAsync("/api/incidents");
            var incident = Assert.Single(incidents.EnumerateArray(), i => i.Str("id") == row.Id.ToString());
            Assert.Equal("notificationFailed", incident.Str("kind"));
            Assert.Contains(member.Email!, incident.Str("message"), StringComparison.Ordinal);
            Assert.Contains($"/api/notifications/{row.Id}/resend", incident.Str("message"), StringComparison.Ordinal);
            var failed = await admin.GetOkAsync($"/api/notifications?status=failed&recipient={member.Email}");
            Assert.Equal(row.Id.ToString(), Assert.Single(failed.EnumerateArray()).Str("id"));
            var ofItsKind = await admin.GetOkAsync($"/api/notifications?recipient={member.Email}&kind={NotificationKinds.TaskOffered}");
            Assert.Equal(row.Id.ToString(), Assert.Single(ofItsKind.EnumerateArray()).Str("id"));
            Assert.Empty((await admin.GetOkAsync($"/api/notifications?recipient={member.Email}&kind={NotificationKinds.Decision}")).EnumerateArray());

            // The admins' page lists it among the failed mails, in Persian; others may not see the page.
            var page = await admin.GetStringAsync(new Uri("/admin/notifications?status=failed", UriKind.Relative));
            var failedSection = page[page.IndexOf("id=\"failed-title\"", StringComparison.Ordinal)..page.IndexOf("id=\"recent-title\"", StringComparison.Ordinal)];
            Assert.Contains(member.Email!, failedSection, StringComparison.Ordinal);
            Assert.Contains("نامه‌های ناموفق", failedSection, StringComparison.Ordinal);
            Assert.Contains("کار تازه برای گروه", failedSection, StringComparison.Ordinal);
            var (_, official) = await service.SignInNewAsync("official", []);
            Assert.Equal(HttpStatusCode.Forbidden, (await official.GetAsync(new Uri("/admin/notifications", UriKind.Relative))).StatusCode);
        }
        finally
        {
            await service.Smtp.StartAsync();
        }

        var resent = await admin.PostOkAsync($"/api/notifications/{row.Id}/resend");
        Assert.Equal("pending", resent.Str("status"));
        var mail = Assert.Single(await service.MailsToAsync(member.Email!));
        Assert.Equal(row.MessageId, mail.MessageId);
        await ServiceFixture.EventuallyAsync(async () => (await RowAsync(row.Id)).Status == NotificationStatus.Sent, "the resent notification to be sent");
        Assert.Equal(1, (await RowAsync(row.Id)).Attempts);
        Assert.DoesNotContain((await admin.GetOkAsync("/api/incidents")).EnumerateArray(), i => i.Str("id") == row.Id.ToString());
    }

    [Fact]
    public async Task AStepThatRollsBack_WritesNoNotification_AndSendsNothing()
    {
        var (group, member) = await GroupWithMemberAsync();
        var (_, client) = await service.SignInNewAsync("owner", [Roles.ProcessOwner]);
        var exploding = BpmnFiles.NewKey("explode");
        await service.DeployXmlAsync(OneTask(exploding, "Explode", group));
        await ExecuteAsync("""
            CREATE OR REPLACE FUNCTION approvalflow.test_explode() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'test: the step''s commit fails'; END $$;
            CREATE OR REPLACE TRIGGER test_explode BEFORE INSERT ON approvalflow.user_tasks FOR EACH ROW WHEN (NEW.name = 'Explode') EXECUTE FUNCTION approvalflow.test_explode();
            """);

        var queued = await service.QueryAsync(db => db.Outbox.CountAsync(o => o.Kind == OutboxKinds.SendNotification));
        var failed = await client.PostAsJsonAsync("/api/instances", new { definitionKey = exploding });

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Empty(await service.NotificationsOfAsync(member.Id));
        Assert.Equal(queued, await service.QueryAsync(db => db.Outbox.CountAsync(o => o.Kind == OutboxKinds.SendNotification)));

        // A later step that commits is mailed; the SMTP server then holds that one mail alone.
        var key = await service.DeployTaskAsync($"""camunda:candidateGroups="{group}" """);
        await client.PostOkAsync("/api/instances", new { definitionKey = key }, HttpStatusCode.Created);
        var row = Assert.Single(await service.ScheduledAsync(member.Id, 1));
        await service.MakeDueAsync([row.JobId!]);
        Assert.Equal(row.MessageId, Assert.Single(await service.MailsToAsync(member.Email!)).MessageId);
        await ServiceFixture.EventuallyAsync(async () => (await RowAsync(row.Id)).Status == NotificationStatus.Sent, "the notification to be sent");
        Assert.Single(service.Smtp.To(member.Email!));
    }

    [Fact]
    public async Task AReminderJobThatRollsBack_WritesNoNotification_AndItsRunAfterwardsWritesTheReminderOnce()
    {
        var (group, member) = await GroupWithMemberAsync();
        var (_, client) = await service.SignInNewAsync("owner", [Roles.ProcessOwner]);
        // Due in ten working days: Hangfire runs none of its reminders during the test; the test runs reminder 1/1 itself.
        var key = BpmnFiles.NewKey("remind");
        await service.DeployXmlAsync(OneTask(key, "Remind me", group).Replace(
            "camunda:candidateGroups=", """camunda:dueDate="${workingDays(10)}" camunda:candidateGroups=""", StringComparison.Ordinal));
        var instanceId = (await client.PostOkAsync("/api/instances", new { definitionKey = key }, HttpStatusCode.Created)).Str("id");
        var taskId = Guid.Parse((await client.GetOkAsync($"/api/tasks?scope=all&instanceId={instanceId}")).Items().Single().Str("id"));
        Assert.Single(await service.ScheduledAsync(member.Id, 1));
        await ExecuteAsync($"""
            CREATE OR REPLACE FUNCTION approvalflow.test_refuse_history() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'test: the reminder job''s commit fails'; END $$;
            CREATE OR REPLACE TRIGGER test_refuse_history BEFORE INSERT ON approvalflow.history_events FOR EACH ROW
              WHEN (NEW.instance_id = '{instanceId}'::uuid) EXECUTE FUNCTION approvalflow.test_refuse_history();
            """);
        try
        {
            await Assert.ThrowsAsync<DbUpdateException>(() => RemindAsync(taskId));
            Assert.Equal([NotificationKinds.TaskOffered], (await service.NotificationsOfAsync(member.Id)).Select(n => n.Kind));
        }
        finally
        {
            await ExecuteAsync("DROP TRIGGER test_refuse_history ON approvalflow.history_events");
        }

        await RemindAsync(taskId);
        await RemindAsync(taskId);
        var rows = await service.ScheduledAsync(member.Id, 2);
        Assert.Equal([NotificationKinds.TaskOffered, NotificationKinds.TaskReminder], rows.Select(n => n.Kind));
        await service.MakeDueAsync([rows[1].JobId!]);
        Assert.Equal(rows[1].MessageId, Assert.Single(await service.MailsToAsync(member.Email!)).MessageId);
    }

    /// <summary>Runs reminder 1/1 of <paramref name="taskId"/> as Hangfire would.</summary>
    private async Task RemindAsync(Guid taskId)
    {
        await using var scope = service.Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<TaskReminderJob>().RemindAsync(taskId, 1, 1, null, "Remind me", "test", CancellationToken.None);
    }

    [Fact]
    public async Task AThousandNotificationsOfOneStep_ArriveExactlyOnceEach()
    {
        const int count = 1000;
        var (ids, rows, addresses) = await OfferedToBulkGroupAsync(count);

        Assert.Equal(count, await service.MakeDueAsync([.. rows.Select(n => n.JobId!)]));

        var mails = await DeliveredOnceEachAsync(ids, rows, addresses, seconds: 600);
        Assert.Equal(count, mails.Select(m => m.To.Mailboxes.Single().Address).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public async Task MailsDueTogether_GoOverOneSmtpSession()
    {
        var (ids, rows, addresses) = await OfferedToBulkGroupAsync(20);
        var sessions = service.Smtp.Sessions;

        Assert.Equal(20, await service.MakeDueAsync([.. rows.Select(n => n.JobId!)]));

        var mails = await DeliveredOnceEachAsync(ids, rows, addresses);
        Assert.Single(mails.Select(m => m.Headers[TestSmtpServer.SessionHeader]).Distinct(StringComparer.Ordinal));
        Assert.InRange(service.Smtp.Sessions - sessions, 0, 1);
    }

    [Fact]
    public async Task AServerThatClosesTheConnectionMidBatch_StillGetsEveryMailExactlyOnce()
    {
        var (ids, rows, addresses) = await OfferedToBulkGroupAsync(20);
        var sessions = service.Smtp.Sessions;
        service.Smtp.CloseAtMessage(8);

        Assert.Equal(20, await service.MakeDueAsync([.. rows.Select(n => n.JobId!)]));

        var mails = await DeliveredOnceEachAsync(ids, rows, addresses);
        Assert.Equal(2, mails.Select(m => m.Headers[TestSmtpServer.SessionHeader]).Distinct(StringComparer.Ordinal).Count());
        Assert.InRange(service.Smtp.Sessions - sessions, 1, 2);
    }

    [Fact]
    public async Task AJobRunAgainAfterACrashBeforeItsCommit_AndAResend_CarryTheSameMessageId()
    {
        var (group, member) = await GroupWithMemberAsync();
        var (_, admin) = await service.SignInNewAsync("admin", [Roles.Admin]);
        var key = await service.DeployTaskAsync($"""camunda:candidateGroups="{group}" """);
        await admin.PostOkAsync("/api/instances", new { definitionKey = key }, HttpStatusCode.Created);
        var row = Assert.Single(await service.ScheduledAsync(member.Id, 1));
        await service.MakeDueAsync([row.JobId!]);
        await service.MailsToAsync(member.Email!);
        await ServiceFixture.EventuallyAsync(async () => (await RowAsync(row.Id)).Status == NotificationStatus.Sent, "the first send to be committed");

        // The process died after the SMTP server took the mail and before the commit: the row is as before the attempt,
        // and Hangfire runs the job again once its invisibility timeout has passed.
        await ExecuteAsync($"UPDATE approvalflow.notifications SET status = 'Pending', attempts = 0, sent_at = NULL WHERE id = '{row.Id}'");
        await using (var scope = service.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<NotificationJob>().SendAsync(row.Id, CancellationToken.None);
        }

        await admin.PostOkAsync($"/api/notifications/{row.Id}/resend");

        var mails = await service.MailsToAsync(member.Email!, 3);
        Assert.Equal(3, mails.Count);
        Assert.All(mails, m => Assert.Equal(row.MessageId, m.MessageId));
    }

    [Fact]
    public async Task TwelveOffersToOnePersonWithinTheFoldWindow_AreOneMailListingEveryTaskWithItsLink()
    {
        var (group, member) = await GroupWithMemberAsync();
        var (_, client) = await service.SignInNewAsync("owner", [Roles.ProcessOwner]);
        var key = await service.DeployTaskAsync($"""camunda:candidateGroups="{group}" """);
        var taskIds = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            var instanceId = (await client.PostOkAsync("/api/instances", new { definitionKey = key }, HttpStatusCode.Created)).Str("id");
            taskIds.Add((await client.GetOkAsync($"/api/tasks?scope=all&instanceId={instanceId}")).Items().Single().Str("id"));
        }

        var rows = await service.ScheduledAsync(member.Id, 12);
        Assert.Equal(1, await service.MakeDueAsync([rows[0].JobId!]));

        var mail = Assert.Single(await service.MailsToAsync(member.Email!));
        Assert.Equal("۱۲ کار تازه در کارتابل شما", mail.Subject);
        Assert.Equal(rows[0].MessageId, mail.MessageId);
        foreach (var taskId in taskIds)
        {
            Assert.Single(Regex.Matches(mail.TextBody!, Regex.Escape($"{NotificationsFixture.BaseUrl}/tasks/{taskId}")));
            Assert.Contains($"{NotificationsFixture.BaseUrl}/tasks/{taskId}", mail.HtmlBody, StringComparison.Ordinal);
        }

        await ServiceFixture.EventuallyAsync(async () => (await service.NotificationsOfAsync(member.Id)).All(n => n.Status == NotificationStatus.Sent), "all twelve to be sent");
        Assert.Equal(Enumerable.Repeat<Guid?>(rows[0].Id, 11), (await service.NotificationsOfAsync(member.Id)).Skip(1).Select(n => n.FoldedInto));

        // The other eleven jobs, once due, find their notification sent.
        Assert.Equal(11, await service.MakeDueAsync([.. rows.Skip(1).Select(n => n.JobId!)]));
        await ServiceFixture.EventuallyAsync(async () => await SucceededJobsAsync(rows.Select(n => n.JobId!)) == 12, "the other jobs to finish");
        Assert.Single(service.Smtp.To(member.Email!));
    }

    [Fact]
    public async Task ARecipientWithoutAnAddress_IsSkippedAndRecorded_WhileTheOthersAreMailed()
    {
        var (group, member) = await GroupWithMemberAsync();
        var silent = await service.CreateUserAsync("silent", [], group);
        await ExecuteAsync($"UPDATE approvalflow.users SET email = NULL, normalized_email = NULL WHERE id = '{silent.Id}'");
        var (_, client) = await service.SignInNewAsync("owner", [Roles.ProcessOwner]);
        var key = await service.DeployTaskAsync($"""camunda:candidateGroups="{group}" """);
        await client.PostOkAsync("/api/instances", new { definitionKey = key }, HttpStatusCode.Created);

        var row = Assert.Single(await service.ScheduledAsync(member.Id, 1));
        var skipped = Assert.Single(await service.NotificationsOfAsync(silent.Id));
        Assert.Equal((NotificationStatus.Skipped, (string?)null, (string?)null), (skipped.Status, skipped.RecipientAddress, skipped.JobId));
        Assert.Equal($"User '{silent.Id}' has no e-mail address.", skipped.LastError);
        await service.MakeDueAsync([row.JobId!]);
        Assert.Single(await service.MailsToAsync(member.Email!));
    }

    /// <summary>A task offered to a new group of <paramref name="count"/> members: their user ids, their scheduled notifications and addresses.</summary>
    private async Task<(List<string> Ids, List<NotificationRecord> Rows, HashSet<string> Addresses)> OfferedToBulkGroupAsync(int count)
    {
        var group = $"everyone-{Guid.NewGuid():N}";
        var users = await BulkMembersAsync(group, count);
        var (_, client) = await service.SignInNewAsync("owner", [Roles.ProcessOwner]);
        var key = await service.DeployTaskAsync($"""camunda:candidateGroups="{group}" """);
        await client.PostOkAsync("/api/instances", new { definitionKey = key }, HttpStatusCode.Created);
        var ids = users.Select(u => u.Id).ToList();
        List<NotificationRecord> rows = [];
        await ServiceFixture.EventuallyAsync(async () =>
        {
            rows = await service.QueryAsync(db => db.Notifications.AsNoTracking().Where(n => ids.Contains(n.RecipientUserId!)).ToListAsync());
            return rows.Count == count && rows.All(n => n.JobId is not null);
        }, $"{count} notifications to be scheduled");
        return (ids, rows, users.Select(u => u.Email!).ToHashSet(StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>Waits until every row is sent and its job finished; asserts each address got exactly its one mail, and returns the mails.</summary>
    private async Task<List<MimeKit.MimeMessage>> DeliveredOnceEachAsync(List<string> ids, List<NotificationRecord> rows, HashSet<string> addresses, int seconds = ServiceFixture.DefaultWaitSeconds)
    {
        await ServiceFixture.EventuallyAsync(
            async () => await service.QueryAsync(db => db.Notifications.CountAsync(n => ids.Contains(n.RecipientUserId!) && n.Status == NotificationStatus.Sent)) == rows.Count,
            "every notification to be sent", seconds);
        await ServiceFixture.EventuallyAsync(async () => await SucceededJobsAsync(rows.Select(n => n.JobId!)) == rows.Count, "every mail job to finish");
        var mails = service.Smtp.Messages.Where(m => addresses.Contains(m.To.Mailboxes.Single().Address)).ToList();
        Assert.Equal(rows.Select(n => n.MessageId).Order(StringComparer.Ordinal), mails.Select(m => m.MessageId).Order(StringComparer.Ordinal));
        Assert.All(await service.QueryAsync(db => db.Notifications.AsNoTracking().Where(n => ids.Contains(n.RecipientUserId!)).ToListAsync()), n => Assert.Equal(1, n.Attempts));
        return mails;
    }

    private async Task<(string Group, ApplicationUser Member)> GroupWithMemberAsync()
    {
        var group = $"group-{Guid.NewGuid():N}";
        return (group, await service.CreateUserAsync("member", [], group));
    }

    private Task<NotificationRecord> RowAsync(Guid id) => service.QueryAsync(db => db.Notifications.AsNoTracking().SingleAsync(n => n.Id == id));

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(service.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<int> SucceededJobsAsync(IEnumerable<string> jobIds)
    {
        await using var connection = new NpgsqlConnection(service.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {RuntimeModule.HangfireSchema}.job WHERE id = ANY(@ids) AND statename = 'Succeeded'", connection);
        command.Parameters.AddWithValue("ids", jobIds.Select(id => long.Parse(id, System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        return (int)(long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Adds <paramref name="count"/> users with addresses, members of <paramref name="group"/>, in one statement batch (no password: they only receive mail).</summary>
    private async Task<List<ApplicationUser>> BulkMembersAsync(string group, int count)
    {
        await using var scope = service.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
        db.Groups.Add(new DirectoryGroup { Id = group, Name = group, Kind = "test" });
        var users = Enumerable.Range(0, count).Select(i =>
        {
            var email = $"bulk{i}-{Guid.NewGuid():N}@test.local";
            return new ApplicationUser { UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(), DisplayName = $"Bulk {i}", SecurityStamp = Guid.NewGuid().ToString() };
        }).ToList();
        db.Users.AddRange(users);
        db.Memberships.AddRange(users.Select(u => new GroupMembership { GroupId = group, UserId = u.Id }));
        await db.SaveChangesAsync();
        return users;
    }

    private static string OneTask(string key, string name, string group) => $$"""
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
          <bpmn:process id="{{key}}" isExecutable="true">
            <bpmn:startEvent id="s" />
            <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t1" />
            <bpmn:userTask id="t1" name="{{name}}" camunda:candidateGroups="{{group}}" />
            <bpmn:sequenceFlow id="f2" sourceRef="t1" targetRef="e" />
            <bpmn:endEvent id="e" />
          </bpmn:process>
        </bpmn:definitions>
        """;
}
