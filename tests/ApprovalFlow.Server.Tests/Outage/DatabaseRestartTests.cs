using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApprovalFlow.Server.Tests.Outage;

/// <summary>
/// The database-restart drill (issue 14): PostgreSQL stops under a running service and starts again. While it is down
/// the API answers 503 problems with <c>Retry-After</c>, pages the friendly "temporarily unavailable" page, and
/// <c>/health/ready</c> 503; once it is back everything resumes by itself (Hangfire too), and nothing done before is lost.
/// </summary>
[Collection(OutageGroup.Name)]
public class DatabaseRestartTests(OutageFixture service)
{
    private const string Key = "outage-drill";

    [Fact]
    public async Task While_PostgreSQL_is_down_requests_get_503_with_Retry_After_and_after_it_is_back_work_resumes_with_nothing_lost()
    {
        await service.DeployXmlAsync($$"""
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
              <bpmn:process id="{{Key}}" isExecutable="true">
                <bpmn:startEvent id="s" />
                <bpmn:userTask id="first" camunda:assignee="${me}" />
                <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1S</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
                <bpmn:userTask id="second" camunda:assignee="${me}" />
                <bpmn:endEvent id="e" />
                <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="first" />
                <bpmn:sequenceFlow id="f2" sourceRef="first" targetRef="wait" />
                <bpmn:sequenceFlow id="f3" sourceRef="wait" targetRef="second" />
                <bpmn:sequenceFlow id="f4" sourceRef="second" targetRef="e" />
              </bpmn:process>
            </bpmn:definitions>
            """);
        var (user, client) = await service.SignInNewAsync("outage-official", [Roles.Official, Roles.ProcessOwner]);
        var before = (await client.PostOkAsync("/api/instances", new { definitionKey = Key, variables = new { me = user.Id } }, HttpStatusCode.Created)).Str("id");
        var during = (await client.PostOkAsync("/api/instances", new { definitionKey = Key, variables = new { me = user.Id } }, HttpStatusCode.Created)).Str("id");
        await CompleteAsync(client, await OpenTaskAsync(client, before, "first"));
        await OpenTaskAsync(client, before, "second"); // the timer fired through Hangfire
        var duringFirst = await OpenTaskAsync(client, during, "first");

        await service.Cluster.StopAsync();

        var list = await client.GetAsync(new Uri("/api/tasks?scope=mine", UriKind.Relative));
        var problem = await list.ProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal(TimeSpan.FromSeconds(DatabaseOutage.RetryAfterSeconds), list.Headers.RetryAfter?.Delta);
        Assert.Contains("database cannot be reached", problem.Detail(), StringComparison.Ordinal);
        var refused = await client.PostAsJsonAsync($"/api/tasks/{duringFirst}/complete", new { variables = new { done = true } });
        await refused.ProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.NotNull(refused.Headers.RetryAfter);

        using var anonymous = service.Factory.CreateClient();
        var ready = await anonymous.GetAsync(new Uri("/health/ready", UriKind.Relative));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var readiness = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Unhealthy", readiness.Str("status"));
        Assert.Equal("Unhealthy", readiness.GetProperty("checks").GetProperty("database").Str("status"));
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(new Uri("/health/live", UriKind.Relative))).StatusCode);

        var page = await client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        Assert.NotNull(page.Headers.RetryAfter);
        Assert.Contains("سامانه موقتاً در دسترس نیست", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await service.Cluster.StartAsync();

        // The first requests after the restart may still meet a connection the restart broke: 503 until the pool is fresh, never another status.
        await ServiceFixture.EventuallyAsync(async () =>
        {
            var response = await client.PostAsJsonAsync($"/api/tasks/{duringFirst}/complete", new { variables = new { done = true } });
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            return response.StatusCode == HttpStatusCode.OK;
        }, "a task completion to succeed after the restart");
        await ServiceFixture.EventuallyAsync(async () => (await anonymous.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode == HttpStatusCode.OK, "/health/ready to pass again");

        // Hangfire resumed: the timer scheduled by the completion after the restart fires; both instances run to their end.
        await CompleteAsync(client, await OpenTaskAsync(client, during, "second"));
        await CompleteAsync(client, await OpenTaskAsync(client, before, "second"));
        await using var scope = service.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
        foreach (var instance in new[] { Guid.Parse(before), Guid.Parse(during) })
        {
            Assert.Equal(Engine.State.InstanceStatus.Completed, (await db.Instances.AsNoTracking().SingleAsync(i => i.Id == instance)).Status);
            var tasks = await db.Tasks.AsNoTracking().Where(t => t.InstanceId == instance).OrderBy(t => t.CreatedAt).Select(t => new { t.NodeId, t.Status }).ToListAsync();
            Assert.Equal([("first", UserTaskStatus.Completed), ("second", UserTaskStatus.Completed)], tasks.Select(t => (t.NodeId, t.Status)));
            Assert.Empty(await db.Timers.AsNoTracking().Where(t => t.InstanceId == instance).ToListAsync());
        }
    }

    private static async Task<string> OpenTaskAsync(HttpClient client, string instanceId, string nodeId)
    {
        string? id = null;
        await ServiceFixture.EventuallyAsync(async () =>
        {
            id = (await client.GetOkAsync($"/api/tasks?scope=mine&instanceId={instanceId}")).Items()
                .Where(t => t.Str("nodeId") == nodeId).Select(t => t.Str("id")).FirstOrDefault();
            return id is not null;
        }, $"task {nodeId} of instance {instanceId}");
        return id!;
    }

    private static async Task CompleteAsync(HttpClient client, string taskId) =>
        Assert.Equal("completed", (await client.PostOkAsync($"/api/tasks/{taskId}/complete", new { variables = new { done = true } })).Str("status"));
}
