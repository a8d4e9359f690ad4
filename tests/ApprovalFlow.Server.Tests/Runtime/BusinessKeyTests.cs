using System.Net;
using System.Net.Http.Json;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Tests.Support;

namespace ApprovalFlow.Server.Tests.Runtime;

/// <summary>One active top-level instance per definition key and business key (one plan cycle per key), also for concurrent starts.</summary>
[Collection(ServiceGroup.Name)]
public class BusinessKeyTests(ServiceFixture service)
{
    [Fact]
    public async Task SecondStartWithAnActiveBusinessKey_Is409NamingTheActiveInstance_AfterCancelItStarts()
    {
        var key = BpmnFiles.NewKey("cycle");
        var other = BpmnFiles.NewKey("other");
        await service.DeployXmlAsync(BpmnFiles.Approval(key));
        await service.DeployXmlAsync(BpmnFiles.Approval(other));
        var (_, client) = await service.SignInNewAsync("owner", [Roles.ProcessOwner]);
        var businessKey = $"mtp-{Guid.NewGuid():N}";
        var firstId = (await client.PostOkAsync("/api/instances", new { definitionKey = key, businessKey }, HttpStatusCode.Created)).Str("id");

        var second = await client.PostAsJsonAsync("/api/instances", new { definitionKey = key, businessKey });

        var problem = await second.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains(firstId, problem.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(firstId, problem.Str("existingInstanceId"));
        await client.PostOkAsync("/api/instances", new { definitionKey = other, businessKey }, HttpStatusCode.Created);
        await client.PostOkAsync("/api/instances", new { definitionKey = key }, HttpStatusCode.Created);
        await client.PostOkAsync("/api/instances", new { definitionKey = key }, HttpStatusCode.Created);

        await client.PostOkAsync($"/api/instances/{firstId}/cancel", new { reason = "restart the cycle" });
        var again = await client.PostOkAsync("/api/instances", new { definitionKey = key, businessKey }, HttpStatusCode.Created);
        Assert.NotEqual(firstId, again.Str("id"));
    }

    [Fact]
    public async Task ConcurrentStartsWithOneBusinessKey_StartOneInstance_TheOthersAre409NamingIt()
    {
        var key = BpmnFiles.NewKey("race");
        await service.DeployXmlAsync(BpmnFiles.Approval(key));
        var (_, client) = await service.SignInNewAsync("owner", [Roles.ProcessOwner]);
        var businessKey = $"mtp-{Guid.NewGuid():N}";
        using var gate = new SemaphoreSlim(0);

        var starts = Enumerable.Range(0, 8).Select(async _ =>
        {
            await gate.WaitAsync();
            var response = await client.PostAsJsonAsync("/api/instances", new { definitionKey = key, businessKey });
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }).ToList();
        gate.Release(starts.Count);
        var answers = await Task.WhenAll(starts);

        var created = Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        var winner = System.Text.Json.JsonDocument.Parse(created.Body).RootElement.Str("id");
        Assert.All(answers.Where(a => a != created), a =>
        {
            Assert.Equal(HttpStatusCode.Conflict, a.StatusCode);
            Assert.Contains(winner, a.Body, StringComparison.Ordinal);
        });
        var listed = await client.GetOkAsync($"/api/instances?definitionKey={key}&businessKey={businessKey}");
        Assert.Equal(1, listed.GetProperty("total").GetInt32());
    }
}
