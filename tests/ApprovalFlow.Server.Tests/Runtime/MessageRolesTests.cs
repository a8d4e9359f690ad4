using System.Net;
using System.Net.Http.Json;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Tests.Support;

namespace ApprovalFlow.Server.Tests.Runtime;

/// <summary>Only admins, process owners and worker accounts may send a message with variables; a participant may send a bare one.</summary>
[Collection(ServiceGroup.Name)]
public class MessageRolesTests(ServiceFixture service)
{
    [Fact]
    public async Task AnOfficialsMessageWithVariables_Is403AndChangesNothing_TheBareMessageIsDelivered()
    {
        var (official, client, instanceId, businessKey) = await WaitingInstanceAsync();

        var withVariables = await client.PostAsJsonAsync("/api/messages", new { name = "documents-received", businessKey, variables = new { approved = true } });

        Assert.Contains("worker accounts", (await withVariables.ProblemAsync(HttpStatusCode.Forbidden)).Str("detail"), StringComparison.Ordinal);
        Assert.Equal("active", (await client.GetOkAsync($"/api/instances/{instanceId}")).Str("status"));
        var bare = await client.PostOkAsync("/api/messages", new { name = "documents-received", businessKey, variables = new { } });
        Assert.Equal(instanceId, bare.Str("instanceId"));
        var instance = await client.GetOkAsync($"/api/instances/{instanceId}");
        Assert.Equal("completed", instance.Str("status"));
        Assert.False(instance.GetProperty("variables").TryGetProperty("approved", out _));
        var correlated = (await client.GetOkAsync($"/api/instances/{instanceId}/history")).EnumerateArray().Single(e => e.Str("type") == "messageCorrelated");
        Assert.Equal(official.Id, correlated.Str("actor"));
    }

    [Fact]
    public async Task AWorkerAccount_SendsVariablesToAnInstanceItNeitherStartedNorWorks()
    {
        var (_, client, instanceId, businessKey) = await WaitingInstanceAsync();
        var (worker, gateway) = await service.SignInNewAsync("mail-gateway", [Roles.Worker]);

        await gateway.PostOkAsync("/api/messages", new { name = "documents-received", businessKey, variables = new { pages = 7 } });

        var instance = await client.GetOkAsync($"/api/instances/{instanceId}");
        Assert.Equal(7, instance.GetProperty("variables").GetProperty("pages").GetInt32());
        var correlated = (await client.GetOkAsync($"/api/instances/{instanceId}/history")).EnumerateArray().Single(e => e.Str("type") == "messageCorrelated");
        Assert.Equal(worker.Id, correlated.Str("actor"));
    }

    /// <summary>An instance of <c>service-and-timer</c> started by a new official, past its review task, waiting for <c>documents-received</c>.</summary>
    private async Task<(Data.ApplicationUser Official, HttpClient Client, string InstanceId, string BusinessKey)> WaitingInstanceAsync()
    {
        await service.DeployAsync("service-and-timer.bpmn");
        var (official, client) = await service.SignInNewAsync("official", [Roles.Official]);
        var businessKey = $"case-{Guid.NewGuid():N}";
        var instanceId = (await client.PostOkAsync("/api/instances", new { definitionKey = "service-and-timer", businessKey, variables = new { worker = official.Id, reviewTime = "P10D" } }, HttpStatusCode.Created)).Str("id");
        await ServiceFixture.EventuallyAsync(async () => (await client.GetOkAsync($"/api/tasks?scope=mine&instanceId={instanceId}")).Items().Any(), "the review task");
        var review = (await client.GetOkAsync($"/api/tasks?scope=mine&instanceId={instanceId}")).Items().Single();
        await client.PostOkAsync($"/api/tasks/{review.Str("id")}/complete", new { variables = new { } });
        return (official, client, instanceId, businessKey);
    }
}
