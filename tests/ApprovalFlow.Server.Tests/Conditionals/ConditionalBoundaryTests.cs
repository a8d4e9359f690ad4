using System.Net;
using ApprovalFlow.Engine.History;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApprovalFlow.Server.Tests.Conditionals;

/// <summary>
/// Conditional boundary events (BPMN 2.0.2 §10.5.5, as Camunda 7) through the service on PostgreSQL: the
/// variables of a completed user task or of a correlated message trigger the conditional boundary event of
/// a parallel waiting task in the same transaction, which cancels that task and opens the boundary's path.
/// </summary>
[Collection(ServiceGroup.Name)]
public class ConditionalBoundaryTests(ServiceFixture service)
{
    [Fact]
    public async Task CompletingAUserTaskWithVariables_TriggersTheConditionalBoundaryOfAParallelTask()
    {
        var (client, instanceId, _) = await StartAsync("conditional-task-owner");
        var amend = await OpenTaskAsync(client, instanceId, "amend");

        await client.PostOkAsync($"/api/tasks/{amend.Str("id")}/complete", new { variables = new { amount = 5000 } });

        await AssertReviewWentToTheBoardAsync(client, instanceId);
    }

    [Fact]
    public async Task AMessageWithVariables_TriggersTheConditionalBoundaryOfAParallelTask_ButNotBelowItsCondition()
    {
        var (client, instanceId, businessKey) = await StartAsync("conditional-message-owner");
        await client.PostOkAsync("/api/messages", new { name = "srv-conditional-amended", businessKey, variables = new { amount = 900 } });
        Assert.Equal(["amend", "review"], await OpenTaskNodesAsync(instanceId));

        var amend = await OpenTaskAsync(client, instanceId, "amend");
        await client.PostOkAsync($"/api/tasks/{amend.Str("id")}/complete", new { variables = new { amount = 1200 } });

        await AssertReviewWentToTheBoardAsync(client, instanceId);
        var history = (await client.GetOkAsync($"/api/instances/{instanceId}/history")).EnumerateArray().ToList();
        Assert.Single(history, e => e.Str("type") == "messageCorrelated");
    }

    [Fact]
    public async Task AMessageWithVariablesThatSatisfyTheCondition_CancelsTheReview()
    {
        var (client, instanceId, businessKey) = await StartAsync("conditional-message-satisfies");

        await client.PostOkAsync("/api/messages", new { name = "srv-conditional-amended", businessKey, variables = new { amount = 2500 } });

        await AssertReviewWentToTheBoardAsync(client, instanceId, "amend");
    }

    private async Task<(HttpClient Client, string InstanceId, string BusinessKey)> StartAsync(string user)
    {
        await service.DeployAsync("conditionals.bpmn");
        var (owner, client) = await service.SignInNewAsync(user, [Roles.ProcessOwner]);
        var businessKey = $"conditional-{Guid.NewGuid():N}";
        var instanceId = (await client.PostOkAsync("/api/instances", new { definitionKey = "srv-conditional-review", businessKey, variables = new { owner = owner.Id, amount = 100 } }, HttpStatusCode.Created)).Str("id");
        Assert.Equal(["amend", "review"], await OpenTaskNodesAsync(instanceId));
        return (client, instanceId, businessKey);
    }

    private static async Task<System.Text.Json.JsonElement> OpenTaskAsync(HttpClient client, string instanceId, string nodeId)
    {
        await ServiceFixture.EventuallyAsync(async () => (await client.GetOkAsync($"/api/tasks?scope=mine&instanceId={instanceId}")).Items().Any(t => t.Str("nodeId") == nodeId), $"the {nodeId} task");
        return (await client.GetOkAsync($"/api/tasks?scope=mine&instanceId={instanceId}")).Items().Single(t => t.Str("nodeId") == nodeId);
    }

    /// <summary>The review task is cancelled and the board's task is open, in the database and in the history.</summary>
    private async Task AssertReviewWentToTheBoardAsync(HttpClient client, string instanceId, params string[] alsoOpen)
    {
        Assert.Equal(alsoOpen.Append("boardReview").Order(), await OpenTaskNodesAsync(instanceId));
        var id = Guid.Parse(instanceId);
        var instance = await QueryAsync(db => db.Instances.AsNoTracking().SingleAsync(i => i.Id == id));
        Assert.Empty(instance.State.ConditionalSubscriptions);
        Assert.DoesNotContain(instance.State.Tasks, t => t.NodeId == "review");
        var history = (await client.GetOkAsync($"/api/instances/{instanceId}/history")).EnumerateArray().ToList();
        Assert.Single(history, e => e.Str("type") == "taskCancelled" && e.Str("nodeId") == "review");
        Assert.Single(history, e => e.Str("type") == "nodeEntered" && e.Str("nodeId") == "overBudget");
        Assert.Equal(1, await QueryAsync(db => db.History.CountAsync(h => h.InstanceId == id && h.Type == HistoryEventType.TaskCreated && h.NodeId == "boardReview")));
    }

    private async Task<List<string>> OpenTaskNodesAsync(string instanceId)
    {
        var id = Guid.Parse(instanceId);
        return await QueryAsync(db => db.Tasks.AsNoTracking().Where(t => t.InstanceId == id && t.Status == UserTaskStatus.Open).Select(t => t.NodeId).OrderBy(n => n).ToListAsync());
    }

    private async Task<T> QueryAsync<T>(Func<ApprovalFlowDbContext, Task<T>> query)
    {
        await using var scope = service.Factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>());
    }
}
