using System.Net;
using System.Text.Json;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApprovalFlow.Server.Tests.Runtime;

[Collection(ServiceGroup.Name)]
public class RaceTests(ServiceFixture service)
{
    [Fact]
    public async Task SameTaskCompletedTwiceAtOnce_OneSucceedsOtherGets409_HistoryShowsOneCompletion()
    {
        await service.DeployAsync("parallel-tasks.bpmn");
        var (worker, session1) = await service.SignInNewAsync("worker", [Roles.Official]);
        using var session2 = await service.ClientForAsync(worker);
        var instanceId = (await session1.PostOkAsync("/api/instances", new { definitionKey = "parallel-tasks", variables = new { worker = worker.Id, count = 1 } }, HttpStatusCode.Created)).Str("id");
        var taskId = (await session1.GetOkAsync($"/api/tasks?scope=mine&instanceId={instanceId}")).Items().Single().Str("id");

        var responses = await Task.WhenAll(
            session1.PostAsync(new Uri($"/api/tasks/{taskId}/complete", UriKind.Relative), JsonContent()),
            session2.PostAsync(new Uri($"/api/tasks/{taskId}/complete", UriKind.Relative), JsonContent()));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
        await responses.Single(r => r.StatusCode == HttpStatusCode.Conflict).ProblemAsync(HttpStatusCode.Conflict);
        var history = await session1.GetOkAsync($"/api/instances/{instanceId}/history");
        Assert.Single(history.EnumerateArray(), e => e.Str("type") == "taskCompleted" && e.Str("taskId") == taskId);
    }

    [Fact]
    public async Task TwoCandidatesClaimAtOnce_OneGetsItOtherGets409()
    {
        await service.DeployAsync("generic-approval.bpmn");
        var group = $"office-{Guid.NewGuid():N}";
        var (_, first) = await service.SignInNewAsync("first", [Roles.Official], group);
        var (_, second) = await service.SignInNewAsync("second", [Roles.Official], group);
        var instanceId = (await first.PostOkAsync("/api/instances", new { definitionKey = "generic-approval", variables = new { officeGroup = group } }, HttpStatusCode.Created)).Str("id");
        var taskId = (await first.GetOkAsync($"/api/tasks?scope=group&instanceId={instanceId}")).Items().Single().Str("id");

        var responses = await Task.WhenAll(
            first.PostAsync(new Uri($"/api/tasks/{taskId}/claim", UriKind.Relative), null),
            second.PostAsync(new Uri($"/api/tasks/{taskId}/claim", UriKind.Relative), null));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
        var winner = responses[0].StatusCode == HttpStatusCode.OK ? first : second;
        var loser = winner == first ? second : first;
        await (await loser.PostAsync(new Uri($"/api/tasks/{taskId}/complete", UriKind.Relative), JsonContent())).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("completed", (await winner.PostOkAsync($"/api/tasks/{taskId}/complete", new { variables = new { amount = 1 } })).Str("status"));
    }

    [Fact]
    public async Task TwoHundredCompletionsOfDistinctTasksAtOnce_AllLand_NoTaskLeftOpen_NoInstanceStuck()
    {
        await service.DeployAsync("parallel-tasks.bpmn");
        var (worker, client) = await service.SignInNewAsync("worker", [Roles.Official]);
        var instances = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            instances.Add((await client.PostOkAsync("/api/instances", new { definitionKey = "parallel-tasks", variables = new { worker = worker.Id, count = 10 } }, HttpStatusCode.Created)).Str("id"));
        }

        var tasks = (await client.GetOkAsync("/api/tasks?scope=mine&pageSize=200")).Items().Where(t => t.Str("nodeId") == "work").Select(t => t.Str("id")).ToList();
        Assert.Equal(200, tasks.Count);

        var responses = await Task.WhenAll(tasks.Select(id => client.PostAsync(new Uri($"/api/tasks/{id}/complete", UriKind.Relative), JsonContent())));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        await using var scope = service.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
        var ids = instances.Select(Guid.Parse).ToList();
        Assert.Equal(0, await db.Tasks.CountAsync(t => ids.Contains(t.InstanceId) && t.NodeId == "work" && t.Status == UserTaskStatus.Open));
        Assert.Equal(20, await db.Tasks.CountAsync(t => ids.Contains(t.InstanceId) && t.NodeId == "done" && t.Status == UserTaskStatus.Open));
        Assert.Equal(200, await db.History.CountAsync(h => ids.Contains(h.InstanceId) && h.Type == Engine.History.HistoryEventType.TaskCompleted));
    }

    private static StringContent JsonContent() => new(JsonSerializer.Serialize(new { variables = new { } }), System.Text.Encoding.UTF8, "application/json");
}
