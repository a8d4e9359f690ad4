using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Runtime.Outbox;
using ApprovalFlow.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApprovalFlow.Server.Tests.Runtime;

[Collection(ServiceGroup.Name)]
public class CrashRecoveryTests(ServiceFixture service)
{
    [Fact]
    public async Task ProcessKilledBetweenCommitAndDispatch_RestartRunsPendingIntentsOnce()
    {
        await service.DeployAsync("timer-then-task.bpmn");
        var worker = await service.CreateUserAsync("worker", [Roles.Official]);
        Guid instanceId;
        await using (var crashing = await ServerProcess.StartAsync(service.Database.ConnectionString, ("Runtime:DispatchOutbox", "false"), ("Runtime:RunJobs", "false")))
        {
            using var client = await SignInAsync(crashing, worker);
            var started = await client.PostOkAsync("/api/instances", new { definitionKey = "timer-only", variables = new { worker = worker.Id } }, HttpStatusCode.Created);
            instanceId = Guid.Parse(started.Str("id"));

            // The timer row was written in the start's transaction. This process never polls for due timers,
            // so whichever host enqueues it (the restarted one, or the fixture's own host that shares the
            // database, whose poll may come first on a loaded machine) is another host recovering it.
            await crashing.KillAsync();
        }

        await using (var restarted = await ServerProcess.StartAsync(service.Database.ConnectionString))
        {
            using var client = await SignInAsync(restarted, worker);
            await ServiceFixture.EventuallyAsync(
                async () => (await client.GetOkAsync($"/api/tasks?scope=mine&instanceId={instanceId}")).Items().Any(),
                "the restarted server to dispatch the pending timer and fire it");
        }

        Assert.Equal(0, await CountAsync(db => db.Outbox.CountAsync(o => o.InstanceId == instanceId && o.DispatchedAt == null)));
        Assert.Equal(1, await CountAsync(db => db.History.CountAsync(h => h.InstanceId == instanceId && h.Type == Engine.History.HistoryEventType.TimerFired)));
        Assert.Equal(1, await CountAsync(db => db.Tasks.CountAsync(t => t.InstanceId == instanceId)));
    }

    [Fact]
    public async Task HostStoppedBeforeDispatch_NextHostRunsTheServiceTaskAndTimerOnce()
    {
        await service.DeployAsync("timer-then-task.bpmn");
        var (worker, client) = await service.SignInNewAsync("worker", [Roles.Official]);
        Guid instanceId;
        await using (var stopped = service.Factory.WithWebHostBuilder(web => ServiceFixture.WithoutJobs(web)))
        {
            using var first = stopped.CreateClient();
            first.DefaultRequestHeaders.Authorization = client.DefaultRequestHeaders.Authorization;
            instanceId = Guid.Parse((await first.PostOkAsync("/api/instances", new { definitionKey = "timer-then-task", variables = new { worker = worker.Id } }, HttpStatusCode.Created)).Str("id"));

            // Committed to the outbox by a host that never dispatches; the main host runs it (asserting it is
            // still pending here would race the main host's outbox poll).
            Assert.Equal(1, await CountAsync(db => db.Outbox.CountAsync(o => o.InstanceId == instanceId && o.Kind == OutboxKinds.RunServiceTask)));
        }

        await ServiceFixture.EventuallyAsync(
            async () => (await client.GetOkAsync($"/api/tasks?scope=mine&instanceId={instanceId}")).Items().Any(),
            "the main host to run the pending service task, then the timer");

        Assert.Equal(1, RecordingHandler.CallsFor("test.echo", instanceId));
        Assert.Equal(1, await CountAsync(db => db.History.CountAsync(h => h.InstanceId == instanceId && h.Type == Engine.History.HistoryEventType.TimerFired)));
    }

    private async Task<HttpClient> SignInAsync(ServerProcess server, ApplicationUser user)
    {
        var client = server.CreateClient();
        var login = await client.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = ServiceFixture.Password });
        login.EnsureSuccessStatusCode();
        var token = await login.Content.ReadFromJsonAsync<JsonElement>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Str("accessToken"));
        return client;
    }

    private async Task<int> CountAsync(Func<ApprovalFlowDbContext, Task<int>> query)
    {
        await using var scope = service.Factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>());
    }
}
