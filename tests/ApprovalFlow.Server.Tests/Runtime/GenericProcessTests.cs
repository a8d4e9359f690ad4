using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Tests.Support;

namespace ApprovalFlow.Server.Tests.Runtime;

[Collection(ServiceGroup.Name)]
public class GenericProcessTests(ServiceFixture service)
{
    [Fact]
    public async Task RunsToCompletionThroughHttp_EachTaskByTheRightUser()
    {
        await service.DeployAsync("generic-approval.bpmn");
        var tag = Guid.NewGuid().ToString("N")[..8];
        var (office, officeClient) = await service.SignInNewAsync("office", [Roles.Official], $"office-{tag}");
        var (_, legalClient) = await service.SignInNewAsync("legal", [Roles.Official], $"legal-{tag}");
        var (_, financeClient) = await service.SignInNewAsync("finance", [Roles.Official], $"finance-{tag}");
        var (_, boardClient) = await service.SignInNewAsync("board", [Roles.Official], $"board-{tag}");
        var (approver1, approver1Client) = await service.SignInNewAsync("approver1", [Roles.Official]);
        var (approver2, approver2Client) = await service.SignInNewAsync("approver2", [Roles.Official]);

        var started = await officeClient.PostOkAsync("/api/instances", new
        {
            definitionKey = "generic-approval",
            businessKey = $"case-{tag}",
            variables = new
            {
                officeGroup = $"office-{tag}", legalGroup = $"legal-{tag}", financeGroup = $"finance-{tag}", boardGroup = $"board-{tag}",
                approvers = new[] { approver1.Id, approver2.Id },
            },
        }, HttpStatusCode.Created);
        var instanceId = started.Str("id");
        Assert.Equal("active", started.Str("status"));
        Assert.Equal("prepare", Assert.Single(started.GetProperty("activeNodes").EnumerateArray()).Str("nodeId"));

        await ClaimAndCompleteAsync(officeClient, instanceId, "prepare", new { amount = 5000 });
        await ClaimAndCompleteAsync(legalClient, instanceId, "legalReview", new { legalOk = true });
        var middle = await officeClient.GetOkAsync($"/api/instances/{instanceId}");
        Assert.Equal(["financeReview", "reviewed"], middle.GetProperty("activeNodes").EnumerateArray().Select(n => n.Str("nodeId")).Order());
        await ClaimAndCompleteAsync(financeClient, instanceId, "financeReview", new { financeOk = true });

        var child = await FindTaskEventuallyAsync(boardClient, "boardVote");
        Assert.NotEqual(instanceId, child.Str("instanceId"));
        Assert.Equal(instanceId, child.Str("rootInstanceId"));
        await ClaimAndCompleteAsync(boardClient, child.Str("instanceId"), "boardVote", new { boardDecision = "approve" });

        await ServiceFixture.EventuallyAsync(
            async () => (await approver1Client.GetOkAsync("/api/tasks?scope=mine")).Items().Any(t => t.Str("instanceId") == instanceId),
            "the approvers' tasks after the child instance completed");
        foreach (var client in new[] { approver1Client, approver2Client })
        {
            var task = (await client.GetOkAsync("/api/tasks?scope=mine")).Items().Single(t => t.Str("instanceId") == instanceId);
            await client.PostOkAsync($"/api/tasks/{task.Str("id")}/complete", new { variables = new { signed = true } });
        }

        var done = await officeClient.GetOkAsync($"/api/instances/{instanceId}");
        Assert.Equal("completed", done.Str("status"));
        Assert.Equal("approve", done.GetProperty("variables").Str("boardDecision"));
        Assert.Equal(5000, done.GetProperty("variables").GetProperty("amount").GetInt32());
        var history = await officeClient.GetOkAsync($"/api/instances/{instanceId}/history");
        var completions = history.EnumerateArray().Where(e => e.Str("type") == "taskCompleted").ToList();
        Assert.Equal(["prepare", "legalReview", "financeReview", "approve", "approve"], completions.Select(e => e.Str("nodeId")));
        Assert.Equal(office.Id, completions[0].Str("actor"));
        Assert.Equal("instanceCompleted", history.EnumerateArray().Last().Str("type"));
        Assert.True(history.EnumerateArray().Select(e => e.GetProperty("sequence").GetInt64()).SequenceEqual(history.EnumerateArray().Select(e => e.GetProperty("sequence").GetInt64()).Order()));
    }

    [Fact]
    public async Task UnknownDefinition_Is404Problem()
    {
        var (_, client) = await service.SignInNewAsync("someone", [Roles.Official]);

        var response = await client.PostAsJsonAsync("/api/instances", new { definitionKey = "no-such-process" });

        var problem = await response.ProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains("no-such-process", problem.Str("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OtherPeoplesInstances_AreHiddenFromOfficialsButNotFromProcessOwners()
    {
        await service.DeployAsync("parallel-tasks.bpmn");
        var (worker, workerClient) = await service.SignInNewAsync("worker", [Roles.Official]);
        var (_, strangerClient) = await service.SignInNewAsync("stranger", [Roles.Official]);
        var (_, ownerClient) = await service.SignInNewAsync("owner", [Roles.ProcessOwner]);
        var started = await workerClient.PostOkAsync("/api/instances", new { definitionKey = "parallel-tasks", variables = new { worker = worker.Id, count = 1 } }, HttpStatusCode.Created);
        var id = started.Str("id");

        await (await strangerClient.GetAsync(new Uri($"/api/instances/{id}", UriKind.Relative))).ProblemAsync(HttpStatusCode.NotFound);
        await (await strangerClient.GetAsync(new Uri("/api/tasks?scope=all", UriKind.Relative))).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(id, (await ownerClient.GetOkAsync($"/api/instances/{id}")).Str("id"));
        Assert.Contains((await ownerClient.GetOkAsync($"/api/tasks?scope=all&instanceId={id}")).Items(), t => t.Str("nodeId") == "work");
    }

    internal static async Task ClaimAndCompleteAsync(HttpClient client, string instanceId, string nodeId, object variables)
    {
        var task = (await client.GetOkAsync($"/api/tasks?scope=group&rootInstanceId={instanceId}")).Items()
            .Concat((await client.GetOkAsync($"/api/tasks?scope=group&instanceId={instanceId}")).Items())
            .First(t => t.Str("nodeId") == nodeId);
        var claimed = await client.PostOkAsync($"/api/tasks/{task.Str("id")}/claim");
        Assert.False(string.IsNullOrEmpty(claimed.Str("assignee")));
        var completed = await client.PostOkAsync($"/api/tasks/{task.Str("id")}/complete", new { variables });
        Assert.Equal("completed", completed.Str("status"));
    }

    private static async Task<JsonElement> FindTaskEventuallyAsync(HttpClient client, string nodeId)
    {
        JsonElement found = default;
        await ServiceFixture.EventuallyAsync(async () =>
        {
            var match = (await client.GetOkAsync("/api/tasks?scope=group")).Items().Where(t => t.Str("nodeId") == nodeId).ToList();
            if (match.Count > 0)
            {
                found = match[0];
            }

            return match.Count > 0;
        }, $"task {nodeId}");
        return found;
    }
}
