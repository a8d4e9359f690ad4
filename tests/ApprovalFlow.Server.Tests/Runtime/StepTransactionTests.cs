using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Notifications;
using ApprovalFlow.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ApprovalFlow.Server.Tests.Runtime;

/// <summary>
/// The step's unit of work (issue 15): a completion is one transaction of two round trips (the read with its BEGIN and
/// the instance row's lock, the batch with its COMMIT), and the users a step keeps across steps give way to a directory
/// change made behind the service's back (another node, a tool), because the change's transaction counts it.
/// </summary>
[Collection(ServiceGroup.Name)]
public class StepTransactionTests(ServiceFixture service)
{
    [Fact]
    public async Task ACompletionOverHttp_IsOneTransactionOfTwoRoundTrips_TheReadLockingTheInstance_TheBatchCommitting()
    {
        var (worker, client) = await service.SignInNewAsync("worker", [Roles.Official]);
        var key = await DeploySequenceAsync(worker.Id, 1);
        var instanceId = (await client.PostOkAsync("/api/instances", new { definitionKey = key }, HttpStatusCode.Created)).Str("id");
        var taskId = (await client.GetOkAsync($"/api/tasks?scope=mine&instanceId={instanceId}")).Items().Single().Str("id");
        var trace = ActivityTraceId.CreateRandom();
        var commands = new ConcurrentQueue<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Npgsql" or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.Source.Name == "Npgsql" && activity.TraceId == trace)
                {
                    commands.Enqueue(activity.GetTagItem("db.query.text") as string ?? activity.DisplayName);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/tasks/{taskId}/complete") { Content = JsonContent.Create(new { variables = new { } }) };
        request.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01");
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("completed", (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).Str("status"));
        Assert.Collection(
            commands,
            read => Assert.Contains("FOR NO KEY UPDATE", read, StringComparison.Ordinal),
            batch =>
            {
                Assert.Contains("UPDATE approvalflow.process_instances", batch, StringComparison.Ordinal);
                Assert.EndsWith("\nCOMMIT;", batch.TrimEnd(), StringComparison.Ordinal);
            });
        await using var scope = service.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
        var id = Guid.Parse(instanceId);
        Assert.Equal(Engine.State.InstanceStatus.Completed, await db.Instances.Where(i => i.Id == id).Select(i => i.Status).SingleAsync());
        Assert.Equal(UserTaskStatus.Completed, await db.Tasks.Where(t => t.InstanceId == id).Select(t => t.Status).SingleAsync());
    }

    [Fact]
    public async Task AnAddressAndLanguageChangedBehindTheService_ReachTheNextStepsMail_ThoughTheUserWasReadBefore()
    {
        var (worker, client) = await service.SignInNewAsync("worker", [Roles.Official]);
        var key = await DeploySequenceAsync(worker.Id, 3);
        var instanceId = Guid.Parse((await client.PostOkAsync("/api/instances", new { definitionKey = key }, HttpStatusCode.Created)).Str("id"));

        // The first completion's step reads the worker (the second task's assignee) and keeps them.
        await CompleteOpenTaskAsync(client, instanceId);
        var second = await MailOfOpenTaskAsync(instanceId);
        Assert.Equal((worker.Email, "fa"), (second.RecipientAddress, second.Language));

        // Another node or a tool changes the directory: no cache of this process hears of it but through the stamp.
        var address = $"moved-{Guid.NewGuid():N}@test.local";
        await using (var connection = new NpgsqlConnection(service.Database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                """
                UPDATE approvalflow.users SET email = @address, normalized_email = upper(@address) WHERE id = @id;
                INSERT INTO approvalflow.notification_preferences (user_id, language, kinds, digest) VALUES (@id, 'en', '{}', false);
                """, connection);
            command.Parameters.AddWithValue("address", address);
            command.Parameters.AddWithValue("id", worker.Id);
            await command.ExecuteNonQueryAsync();
        }

        await CompleteOpenTaskAsync(client, instanceId);
        var third = await MailOfOpenTaskAsync(instanceId);
        Assert.Equal((address, "en"), (third.RecipientAddress, third.Language));
    }

    [Fact]
    public async Task WhileAStepHoldsItsInstance_ARowReferringToTheInstance_IsWrittenOnAnotherConnectionWithoutWaiting()
    {
        // A task page's check (e.g. the plan cycle a working group's first completion creates) runs on the request's own
        // connection while the completion's unit holds the instance row: a row lock that blocked foreign-key checks
        // (FOR UPDATE against FOR KEY SHARE) made that request wait on itself.
        var (worker, client) = await service.SignInNewAsync("worker", [Roles.Official]);
        var key = await DeploySequenceAsync(worker.Id, 1);
        var instanceId = Guid.Parse((await client.PostOkAsync("/api/instances", new { definitionKey = key }, HttpStatusCode.Created)).Str("id"));
        var taskId = Guid.Parse((await client.GetOkAsync($"/api/tasks?scope=mine&instanceId={instanceId}")).Items().Single().Str("id"));
        var runner = service.Factory.Services.GetRequiredService<Server.Runtime.InstanceRunner>();

        await using (var unit = await runner.OpenTaskAsync(taskId, CancellationToken.None))
        {
            Assert.Equal(instanceId, unit.Instance?.Id);
            await using var connection = new NpgsqlConnection(service.Database.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                """
                SET lock_timeout = '10s';
                INSERT INTO approvalflow.plan_cycles (id, business_key, title, first_year, last_year, themes, root_instance_id, status, created_by, created_at)
                VALUES (gen_random_uuid(), @key, 'Referring row', 1405, 1408, '[]', @instance, 'Preparing', 'test', now());
                """, connection);
            command.Parameters.AddWithValue("key", key);
            command.Parameters.AddWithValue("instance", instanceId);

            // Waiting on the lock would end in lock_timeout's error (55P03) after 10 s, not in a row.
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        Assert.Equal("completed", (await client.PostOkAsync($"/api/tasks/{taskId}/complete", new { variables = new { } })).Str("status"));
    }

    [Theory]
    [InlineData("UPDATE approvalflow.users SET email = 'counted-' || gen_random_uuid() || '@test.local' WHERE id = @id", true)]
    [InlineData("INSERT INTO approvalflow.user_claims (user_id, claim_type, claim_value) VALUES (@id, 'approvalflow:language', 'en')", true)]
    [InlineData("INSERT INTO approvalflow.notification_preferences (user_id, language, kinds, digest) VALUES (@id, 'fa', '{}', true)", true)]
    [InlineData("DELETE FROM approvalflow.users WHERE id = @id", true)]
    [InlineData("UPDATE approvalflow.users SET access_failed_count = access_failed_count + 1, security_stamp = gen_random_uuid() WHERE id = @id", false)]
    public async Task ADirectoryChangeAStepReads_CountsInItsOwnTransaction_OtherUserUpdatesDoNot(string change, bool counts)
    {
        var user = await service.CreateUserAsync("counted", []);
        await using var connection = new NpgsqlConnection(service.Database.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();

        // Locked first, so no other test's change counts meanwhile.
        var before = await ScalarAsync(connection, "SELECT value FROM approvalflow.directory_stamp WHERE id = 1 FOR UPDATE", user.Id);
        await ScalarAsync(connection, change, user.Id);
        var after = await ScalarAsync(connection, "SELECT value FROM approvalflow.directory_stamp WHERE id = 1", user.Id);
        await transaction.RollbackAsync();

        // A deleted user's claims and preferences go with it (cascades, each a statement of its own): counted more than once.
        Assert.Equal(counts, after > before);
        Assert.True(after >= before, "The stamp only grows.");
    }

    private async Task<string> DeploySequenceAsync(string assignee, int tasks)
    {
        var key = BpmnFiles.NewKey("unit");
        var nodes = string.Concat(Enumerable.Range(1, tasks).Select(i => $"""
            <bpmn:userTask id="t{i}" name="Step {i}" camunda:assignee="{assignee}" />
            <bpmn:sequenceFlow id="f{i}" sourceRef="t{i}" targetRef="{(i == tasks ? "e" : $"t{i + 1}")}" />
            """));
        await service.DeployXmlAsync($$"""
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
              <bpmn:process id="{{key}}" name="Unit of work" isExecutable="true">
                <bpmn:startEvent id="s" />
                <bpmn:sequenceFlow id="f0" sourceRef="s" targetRef="t1" />
                {{nodes}}
                <bpmn:endEvent id="e" />
              </bpmn:process>
            </bpmn:definitions>
            """);
        return key;
    }

    private async Task CompleteOpenTaskAsync(HttpClient client, Guid instanceId)
    {
        var taskId = (await client.GetOkAsync($"/api/tasks?scope=mine&instanceId={instanceId}")).Items().Single().Str("id");
        Assert.Equal("completed", (await client.PostOkAsync($"/api/tasks/{taskId}/complete", new { variables = new { } })).Str("status"));
    }

    private async Task<NotificationRecord> MailOfOpenTaskAsync(Guid instanceId)
    {
        await using var scope = service.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
        var open = await db.Tasks.Where(t => t.InstanceId == instanceId && t.Status == UserTaskStatus.Open).Select(t => t.Id).SingleAsync();
        return await db.Notifications.AsNoTracking().SingleAsync(n => n.TaskId == open && n.Kind == NotificationKinds.TaskAssigned);
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql, string userId)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", userId);
        return await command.ExecuteScalarAsync() is long value ? value : -1;
    }
}
