using System.Net;
using System.Net.Http.Json;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Tests.Support;

namespace ApprovalFlow.Server.Tests.Runtime;

[Collection(ServiceGroup.Name)]
public class JobsAndTimersTests(ServiceFixture service)
{
    [Fact]
    public async Task ServiceTaskRunsOnHangfire_ThenBoundaryTimerFires_ThenMessageByBusinessKeyEndsIt()
    {
        await service.DeployAsync("service-and-timer.bpmn");
        var (worker, client) = await service.SignInNewAsync("worker", [Roles.Official]);
        var businessKey = $"case-{Guid.NewGuid():N}";
        var instanceId = (await client.PostOkAsync("/api/instances", new
        {
            definitionKey = "service-and-timer", businessKey, variables = new { worker = worker.Id, reviewTime = "PT1S" },
        }, HttpStatusCode.Created)).Str("id");

        await ServiceFixture.EventuallyAsync(
            async () => (await client.GetOkAsync($"/api/tasks?scope=mine&instanceId={instanceId}")).Items().Any(t => t.Str("nodeId") == "escalate"),
            "the service task to complete and the one-second boundary timer to escalate");

        Assert.Equal(1, RecordingHandler.CallsFor("test.echo", Guid.Parse(instanceId)));
        var instance = await client.GetOkAsync($"/api/instances/{instanceId}");
        Assert.Equal(worker.Id, instance.GetProperty("variables").Str("loadedFor"));
        var history = await client.GetOkAsync($"/api/instances/{instanceId}/history");
        Assert.Contains(history.EnumerateArray(), e => e.Str("type") == "timerFired" && e.Str("nodeId") == "late");
        Assert.Contains(history.EnumerateArray(), e => e.Str("type") == "taskCancelled" && e.Str("nodeId") == "review");
        Assert.DoesNotContain((await client.GetOkAsync($"/api/tasks?scope=mine&instanceId={instanceId}")).Items(), t => t.Str("nodeId") == "review");

        var escalate = (await client.GetOkAsync($"/api/tasks?scope=mine&instanceId={instanceId}")).Items().Single();
        await client.PostOkAsync($"/api/tasks/{escalate.Str("id")}/complete", new { variables = new { } });
        var (_, gateway) = await service.SignInNewAsync("mail-gateway", [Roles.Worker]);
        var correlated = await gateway.PostOkAsync("/api/messages", new { name = "documents-received", businessKey, variables = new { pages = 12 } });
        Assert.Equal(instanceId, correlated.Str("instanceId"));

        var done = await client.GetOkAsync($"/api/instances/{instanceId}");
        Assert.Equal("completed", done.Str("status"));
        Assert.Equal(12, done.GetProperty("variables").GetProperty("pages").GetInt32());
        var again = await gateway.PostAsJsonAsync("/api/messages", new { name = "documents-received", businessKey });
        await again.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task FailingServiceTask_RetriesThenIncident_RetryThroughApiResumesTheToken()
    {
        await service.DeployAsync("flaky-service.bpmn");
        var (worker, client) = await service.SignInNewAsync("worker", [Roles.Official]);
        var (_, owner) = await service.SignInNewAsync("owner", [Roles.ProcessOwner]);
        var instanceId = (await client.PostOkAsync("/api/instances", new { definitionKey = "flaky-service", variables = new { worker = worker.Id } }, HttpStatusCode.Created)).Str("id");

        System.Text.Json.JsonElement incident = default;
        await ServiceFixture.EventuallyAsync(async () =>
        {
            var open = (await owner.GetOkAsync($"/api/incidents?instanceId={instanceId}")).EnumerateArray().ToList();
            incident = open.FirstOrDefault();
            return open.Count == 1;
        }, "two failed attempts (R2/PT1S) and then an incident");

        Assert.Equal(2, RecordingHandler.CallsFor("test.flaky", Guid.Parse(instanceId)));
        Assert.Equal("jobFailed", incident.Str("kind"));
        Assert.Equal("load", incident.Str("nodeId"));
        Assert.Contains("directory offline (attempt 2)", incident.Str("message"), StringComparison.Ordinal);
        Assert.Empty((await client.GetOkAsync($"/api/tasks?scope=mine&instanceId={instanceId}")).Items());
        await (await client.GetAsync(new Uri("/api/incidents", UriKind.Relative))).ProblemAsync(HttpStatusCode.Forbidden);

        var retried = await owner.PostOkAsync($"/api/incidents/{incident.Str("id")}/retry", new { variables = new { fixedBy = "ops" } });
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, retried.GetProperty("resolvedAt").ValueKind);

        await ServiceFixture.EventuallyAsync(
            async () => (await client.GetOkAsync($"/api/tasks?scope=mine&instanceId={instanceId}")).Items().Any(t => t.Str("nodeId") == "review"),
            "the retried job to complete and the token to reach the review task");
        Assert.Equal(3, RecordingHandler.CallsFor("test.flaky", Guid.Parse(instanceId)));
        var resolved = (await owner.GetOkAsync($"/api/instances/{instanceId}/history")).EnumerateArray().Single(e => e.Str("type") == "incidentResolved");
        Assert.False(string.IsNullOrEmpty(resolved.Str("actor")));
        Assert.Equal("ops", resolved.GetProperty("data").GetProperty("variables").Str("fixedBy"));
        Assert.Empty((await owner.GetOkAsync($"/api/incidents?instanceId={instanceId}")).EnumerateArray());
    }
}
