using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ApprovalFlow.Engine.History;
using ApprovalFlow.Engine.State;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Runtime;
using ApprovalFlow.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApprovalFlow.Server.Tests.Signals;

/// <summary>
/// Signals through the service on PostgreSQL and Hangfire (BPMN 2.0.2 §10.5.5, global as in Camunda 7):
/// <c>POST /api/signals</c> reaches every waiting instance exactly once, a signal thrown in one instance
/// reaches another, a signal start event starts an instance, and an escalation leaves a called process.
/// </summary>
[Collection(ServiceGroup.Name)]
public class SignalDeliveryTests(ServiceFixture service)
{
    [Fact]
    public async Task PostSignal_Reaches200WaitingInstances_EachExactlyOnce_AlsoWhenItsJobsRunAgain()
    {
        await service.DeployAsync("signals.bpmn");
        var (owner, client) = await service.SignInNewAsync("signal-owner", [Roles.ProcessOwner]);
        var topic = $"bulk-{Guid.NewGuid():N}";
        var instances = await StartWaitersAsync(200, topic, owner.Id);
        var other = (await StartWaitersAsync(1, $"other-{Guid.NewGuid():N}", owner.Id)).Single();

        var response = await client.PostOkAsync("/api/signals", new { name = $"srv-{topic}", variables = new { decision = "approve" } }, HttpStatusCode.Accepted);

        Assert.Equal(200, response.GetProperty("subscriptions").GetInt32());
        Assert.Equal(200, response.GetProperty("instances").GetInt32());
        Assert.Equal(0, response.GetProperty("starts").GetInt32());
        var deliveryId = response.Str("deliveryId");
        await ServiceFixture.EventuallyAsync(
            async () => (await client.GetOkAsync($"/api/signals/{deliveryId}")).GetProperty("delivered").GetInt32() == 200, "all 200 deliveries", 300);
        await RunChunksAgainAsync(Guid.Parse(deliveryId), chunks: 4);
        var received = await QueryAsync(db => db.History.AsNoTracking()
            .Where(h => h.Type == HistoryEventType.SignalReceived && (instances.Contains(h.InstanceId) || h.InstanceId == other))
            .Select(h => new { h.InstanceId, h.Data }).ToListAsync());
        Assert.Equal(200, received.Count);
        Assert.Equal(instances.Order(), received.Select(r => r.InstanceId).Order());
        Assert.All(received, r => Assert.Equal(deliveryId, r.Data!.Value.GetProperty("deliveryId").GetString()));
        Assert.Equal(200, await QueryAsync(db => db.Tasks.CountAsync(t => instances.Contains(t.InstanceId) && t.NodeId == "afterSignal")));
        Assert.Equal(0, await QueryAsync(db => db.SignalSubscriptions.CountAsync(s => instances.Contains(s.InstanceId))));
        Assert.Equal(1, await QueryAsync(db => db.SignalSubscriptions.CountAsync(s => s.InstanceId == other)));
        var sample = await client.GetOkAsync($"/api/instances/{instances[0]}");
        Assert.Equal("approve", sample.GetProperty("variables").GetProperty("decision").GetString());
    }

    [Fact]
    public async Task SignalThrownInOneInstance_ReachesAnotherInstance()
    {
        await service.DeployAsync("signals.bpmn");
        var (owner, client) = await service.SignInNewAsync("signal-thrower", [Roles.ProcessOwner]);
        var topic = $"thrown-{Guid.NewGuid():N}";
        var waiter = (await StartWaitersAsync(1, topic, owner.Id)).Single();

        var thrower = (await client.PostOkAsync("/api/instances", new { definitionKey = "srv-signal-thrower", variables = new { topic, decision = "withdraw" } }, HttpStatusCode.Created)).Str("id");

        Assert.Equal("completed", (await client.GetOkAsync($"/api/instances/{thrower}")).Str("status"));
        await ServiceFixture.EventuallyAsync(
            async () => await QueryAsync(db => db.Tasks.AnyAsync(t => t.InstanceId == waiter && t.NodeId == "afterSignal")), "the waiter's task after the signal");
        var history = (await client.GetOkAsync($"/api/instances/{waiter}/history")).EnumerateArray().ToList();
        Assert.Single(history, e => e.Str("type") == "signalReceived");
        Assert.Equal("withdraw", (await client.GetOkAsync($"/api/instances/{waiter}")).GetProperty("variables").GetProperty("decision").GetString());
        var delivery = await QueryAsync(db => db.SignalDeliveries.AsNoTracking().SingleAsync(d => d.ThrownBy == Guid.Parse(thrower)));
        Assert.Equal($"srv-{topic}", delivery.SignalName);
    }

    [Fact]
    public async Task PostSignal_StartsTheLatestDefinitionWithAMatchingSignalStartEvent()
    {
        await service.DeployAsync("signals.bpmn");
        var (owner, client) = await service.SignInNewAsync("signal-starter", [Roles.Admin]);
        var before = await QueryAsync(db => db.Instances.CountAsync(i => i.DefinitionKey == "srv-started-by-signal"));

        var response = await client.PostOkAsync("/api/signals", new { name = "srv-start-by-signal", variables = new { owner = owner.Id, year = 1405 } }, HttpStatusCode.Accepted);

        Assert.Equal(1, response.GetProperty("starts").GetInt32());
        await ServiceFixture.EventuallyAsync(
            async () => await QueryAsync(db => db.Instances.CountAsync(i => i.DefinitionKey == "srv-started-by-signal")) == before + 1, "the started instance");
        var started = await QueryAsync(db => db.Instances.AsNoTracking().Where(i => i.DefinitionKey == "srv-started-by-signal").OrderByDescending(i => i.StartedAt).FirstAsync());
        Assert.Equal(1405, started.State.Variables["year"].GetInt32());
        Assert.Contains(started.State.Tasks, t => t.NodeId == "follow" && t.Assignee == owner.Id);
        var refused = await client.PostAsJsonAsync("/api/instances", new { definitionKey = "srv-started-by-signal" });
        Assert.Contains("signal start events", (await refused.ProblemAsync(HttpStatusCode.UnprocessableEntity)).Str("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOfficialsSignal_Is403_AndReachesNobody()
    {
        await service.DeployAsync("signals.bpmn");
        var (official, client) = await service.SignInNewAsync("signal-official", [Roles.Official]);
        var topic = $"refused-{Guid.NewGuid():N}";
        var waiter = (await StartWaitersAsync(1, topic, official.Id)).Single();

        var response = await client.PostAsJsonAsync("/api/signals", new { name = $"srv-{topic}" });

        Assert.Contains("process owners", (await response.ProblemAsync(HttpStatusCode.Forbidden)).Str("detail"), StringComparison.Ordinal);
        Assert.Equal(1, await QueryAsync(db => db.SignalSubscriptions.CountAsync(s => s.InstanceId == waiter)));
        Assert.False(await QueryAsync(db => db.SignalDeliveries.AnyAsync(d => d.SignalName == $"srv-{topic}")));
    }

    [Fact]
    public async Task EscalationInACalledProcess_ReachesTheNonInterruptingBoundaryOfTheCallActivity()
    {
        await service.DeployAsync("signals.bpmn");
        var (owner, client) = await service.SignInNewAsync("escalation-owner", [Roles.ProcessOwner]);

        var parent = (await client.PostOkAsync("/api/instances", new { definitionKey = "srv-escalation-parent", variables = new { owner = owner.Id } }, HttpStatusCode.Created)).Str("id");

        await ServiceFixture.EventuallyAsync(
            async () => await QueryAsync(db => db.Tasks.AnyAsync(t => t.InstanceId == Guid.Parse(parent) && t.NodeId == "handle")), "the parent's escalation task");
        var instance = await client.GetOkAsync($"/api/instances/{parent}");
        Assert.Equal("WG-PROBLEM", instance.GetProperty("variables").GetProperty("raised").GetString());
        var child = await QueryAsync(db => db.Instances.AsNoTracking().SingleAsync(i => i.ParentInstanceId == Guid.Parse(parent)));
        Assert.Equal(InstanceStatus.Active, child.Status);
        Assert.Contains(child.State.Tasks, t => t.NodeId == "cWork");
    }

    /// <summary>Runs every chunk job of the delivery twice more at once, as a job re-run after a node crash (or run by two nodes) would.</summary>
    private async Task RunChunksAgainAsync(Guid deliveryId, int chunks)
    {
        var runs = new List<Task>();
        for (var i = 0; i < 2 * chunks; i++)
        {
            var chunk = i % chunks;
            runs.Add(Task.Run(async () =>
            {
                await using var scope = service.Factory.Services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ApprovalFlow.Server.Runtime.Signals.SignalDeliveryJob>().DeliverChunkAsync(deliveryId, chunk, CancellationToken.None);
            }));
        }

        await Task.WhenAll(runs);
    }

    /// <summary>Starts <paramref name="count"/> instances waiting for signal <c>srv-{topic}</c> through the runner.</summary>
    private async Task<List<Guid>> StartWaitersAsync(int count, string topic, string owner)
    {
        var runner = service.Factory.Services.GetRequiredService<InstanceRunner>();
        var catalog = service.Factory.Services.GetRequiredService<DefinitionCatalog>();
        var definition = (await catalog.FindAsync("srv-signal-waiter", null, CancellationToken.None))!;
        var variables = new Dictionary<string, JsonElement>
        {
            ["topic"] = JsonSerializer.SerializeToElement(topic),
            ["owner"] = JsonSerializer.SerializeToElement(owner),
        };
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            ids.Add((await runner.StartAsync(definition, null, variables, owner, CancellationToken.None)).Id);
        }

        return ids;
    }

    private async Task<T> QueryAsync<T>(Func<ApprovalFlowDbContext, Task<T>> query)
    {
        await using var scope = service.Factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>());
    }
}
