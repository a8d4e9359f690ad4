using System.Net;
using System.Net.Http.Json;
using ApprovalFlow.Engine.History;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Tests.Support;
using ApprovalFlow.Server.Tests.Timers;

namespace ApprovalFlow.Server.Tests.Runtime;

/// <summary>
/// Event subprocesses (BPMN 2.0.2 §10.3.5) through the service on PostgreSQL: a message sent with
/// <c>POST /api/messages</c> starts an interrupting message event subprocess, and a non-interrupting timer cycle
/// event subprocess fires through the real Hangfire server. Fixture: <c>Fixtures/event-subprocesses.bpmn</c>.
/// No test races the clock: the cycle's first firing is due at once (its start date is past), the second an hour later.
/// </summary>
[Collection(ServiceGroup.Name)]
public class EventSubprocessTests(ServiceFixture service)
{
    private readonly TimerSupport _db = new(service);

    [Fact]
    public async Task MessageFromTheApi_StartsTheInterruptingEventSubprocess_CancellingTheReview()
    {
        await service.DeployAsync("event-subprocesses.bpmn");
        var (official, client) = await service.SignInNewAsync("esp-official", [Roles.Official]);
        var (_, gateway) = await service.SignInNewAsync("esp-gateway", [Roles.Worker]);
        var businessKey = $"esp-{Guid.NewGuid():N}";
        var instanceId = await TimerTests.StartAsync(client, "esp-server-withdraw", new { worker = official.Id }, businessKey);
        await ServiceFixture.EventuallyAsync(async () => (await _db.TasksAsync(instanceId, "review")).Count == 1, "the review task");
        var review = Assert.Single(await _db.TasksAsync(instanceId, "review"));

        var correlated = await gateway.PostOkAsync("/api/messages", new { name = "esp-server-withdraw", businessKey, variables = new { reason = "withdrawn by the planning office" } });

        Assert.Equal(instanceId.ToString(), correlated.Str("instanceId"));
        await ServiceFixture.EventuallyAsync(async () => (await _db.TasksAsync(instanceId, "withdrawn")).Count == 1, "the withdrawn task");
        Assert.Equal(UserTaskStatus.Cancelled, Assert.Single(await _db.TasksAsync(instanceId, "review")).Status);
        var withdrawn = Assert.Single(await _db.TasksAsync(instanceId, "withdrawn"));
        Assert.Equal(UserTaskStatus.Open, withdrawn.Status);
        var instance = await client.GetOkAsync($"/api/instances/{instanceId}");
        Assert.Equal("withdrawn by the planning office", instance.GetProperty("variables").GetProperty("reason").GetString());
        var history = (await client.GetOkAsync($"/api/instances/{instanceId}/history")).EnumerateArray().ToList();
        Assert.Contains(history, e => e.Str("type") == "messageCorrelated" && e.Str("nodeId") == "withdrawStart");
        Assert.Contains(history, e => e.Str("type") == "taskCancelled" && e.Str("nodeId") == "review");
        Assert.Contains(history, e => e.Str("type") == "nodeEntered" && e.Str("nodeId") == "withdraw");

        var again = await gateway.PostAsJsonAsync("/api/messages", new { name = "esp-server-withdraw", businessKey });
        await again.ProblemAsync(HttpStatusCode.NotFound);

        await client.PostOkAsync($"/api/tasks/{withdrawn.Id}/complete", new { variables = new { } });
        Assert.Equal("completed", (await client.GetOkAsync($"/api/instances/{instanceId}")).Str("status"));
        Assert.NotEqual(review.Id, withdrawn.Id);
    }

    [Fact]
    public async Task NonInterruptingTimerCycle_FiresThroughHangfire_OpensAReminderBesideTheReview_AndSchedulesTheNextFiring()
    {
        await service.DeployAsync("event-subprocesses.bpmn");
        var (official, client) = await service.SignInNewAsync("esp-timer-official", [Roles.Official]);
        var instanceId = await TimerTests.StartAsync(client, "esp-server-reminders", new { worker = official.Id });

        await ServiceFixture.EventuallyAsync(async () => (await _db.TasksAsync(instanceId, "remind")).Count == 1, "the first firing of the event subprocess timer");

        var fired = Assert.Single(await _db.HistoryAsync(instanceId, HistoryEventType.TimerFired));
        Assert.Equal("remindStart", fired.NodeId);
        Assert.Equal(UserTaskStatus.Open, Assert.Single(await _db.TasksAsync(instanceId, "rReview")).Status);
        var next = await _db.PendingTimerAsync(instanceId);
        Assert.Equal("remindStart", next.NodeId);
        Assert.NotEqual(fired.TaskId, next.TimerId);
        var startedAt = (await _db.HistoryAsync(instanceId, HistoryEventType.InstanceStarted)).Single().At;
        Assert.Equal(startedAt + TimeSpan.FromHours(1), next.DueAt);
        Assert.Null(next.HangfireJobId);

        // The review and the reminder done, the instance completes and the next firing's timer row is deleted with it:
        // only the first firing ever had a Hangfire job.
        await client.PostOkAsync($"/api/tasks/{Assert.Single(await _db.TasksAsync(instanceId, "rReview")).Id}/complete", new { variables = new { } });
        Assert.Equal("active", (await client.GetOkAsync($"/api/instances/{instanceId}")).Str("status"));
        await client.PostOkAsync($"/api/tasks/{Assert.Single(await _db.TasksAsync(instanceId, "remind")).Id}/complete", new { variables = new { } });
        Assert.Equal("completed", (await client.GetOkAsync($"/api/instances/{instanceId}")).Str("status"));
        Assert.Empty(await _db.TimersAsync(instanceId));
        Assert.Single(await _db.TimerJobsAsync([instanceId]));
    }
}
