using System.Net;
using System.Text.Json;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Tests.Calendar;
using ApprovalFlow.Server.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ApprovalFlow.Server.Tests.Monitoring;

/// <summary>
/// <c>GET /api/definitions/{key}/versions/{v}/statistics</c> and its node list, on a second host whose clock
/// the test moves (so every duration is exact); the service task's failing job runs on the main host.
/// </summary>
[Collection(ServiceGroup.Name)]
public class VersionStatisticsTests(ServiceFixture service)
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 6, 0, 0, TimeSpan.Zero);

    /// <summary>Start → parallel multi-instance user task (<c>${count}</c> items, assigned to <c>${worker}</c>) → service task that always fails, no retries → end.</summary>
    private static string Definition(string key) => $$"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Defs_{{key}}" targetNamespace="http://approvalflow.test">
          <bpmn:process id="{{key}}" name="Monitor test" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
            <bpmn:userTask id="review" name="Review" camunda:assignee="${worker}">
              <bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>${count}</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics>
            </bpmn:userTask>
            <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="publish" />
            <bpmn:serviceTask id="publish" name="Publish" camunda:type="external" camunda:topic="test.fail" camunda:failedJobRetryTimeCycle="R1/PT1S" />
            <bpmn:sequenceFlow id="f3" sourceRef="publish" targetRef="end" />
            <bpmn:endEvent id="end" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    [Fact]
    public async Task Statistics_CountWaitingTokensAndOpenIncidents_AndTimeAtEachNodeFromHistory_WithExactMedianAndP90()
    {
        var key = BpmnFiles.NewKey("monitor-test-stats");
        await service.DeployXmlAsync(Definition(key));
        var clock = new FakeTimeProvider(Start);
        await using var host = service.Factory.WithWebHostBuilder(web =>
            ServiceFixture.WithoutJobs(web).ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock)));
        var owner = await service.CreateUserAsync("monitor-owner", [Roles.ProcessOwner]);
        var worker = await service.CreateUserAsync("monitor-worker", [Roles.Official]);
        using var owners = await service.ClientForAsync(owner);

        // A, B, C and D start at 06:00 with two review items each; E at 06:30.
        var a = await StartAsync(host, owner, key, worker, "A");
        var b = await StartAsync(host, owner, key, worker, "B");
        var c = await StartAsync(host, owner, key, worker, "C");
        var d = await StartAsync(host, owner, key, worker, "D");
        clock.Advance(TimeSpan.FromMinutes(30));
        var e = await StartAsync(host, owner, key, worker, "E");

        // A's review ends after 1 hour, B's after 3, C's after 10; D completes one of its two items.
        clock.SetUtcNow(Start.AddHours(1));
        await CompleteAsync(host, worker, a, count: 2);
        clock.SetUtcNow(Start.AddHours(3));
        await CompleteAsync(host, worker, b, count: 2);
        clock.SetUtcNow(Start.AddHours(10));
        await CompleteAsync(host, worker, c, count: 2);
        await CompleteAsync(host, worker, d, count: 1);

        var url = $"/api/definitions/{key}/versions/1/statistics";
        JsonElement statistics = default;
        await ServiceFixture.EventuallyAsync(async () =>
        {
            statistics = await owners.GetOkAsync(url);
            return Node(statistics, "publish").GetProperty("openIncidents").GetInt32() == 3;
        }, "the publish jobs of A, B and C to fail and raise an incident each");

        Assert.Equal(key, statistics.Str("key"));
        Assert.Equal(5, statistics.GetProperty("runningInstances").GetInt32());
        Assert.Equal(["start", "review", "publish", "end"], statistics.GetProperty("nodes").EnumerateArray().Select(n => n.Str("nodeId")));
        AssertNode(Node(statistics, "start"), waiting: 0, incidents: 0, completed: 5, median: 0, p90: 0);
        // Durations 3,600, 10,800 and 36,000 s: median 10,800; p90 = 10,800 + 0.8 × (36,000 − 10,800) = 30,960.
        AssertNode(Node(statistics, "review"), waiting: 3, incidents: 0, completed: 3, median: 10_800, p90: 30_960);
        AssertNode(Node(statistics, "publish"), waiting: 3, incidents: 3, completed: 0, median: null, p90: null);
        AssertNode(Node(statistics, "end"), waiting: 0, incidents: 0, completed: 0, median: null, p90: null);
        Assert.Equal("userTask", Node(statistics, "review").Str("type"));
        Assert.Equal("Review", Node(statistics, "review").Str("name"));

        // Who waits at the review: E (arrived 06:30, two items) before D (06:00, one item left), both assigned to the worker.
        var waiting = await owners.GetOkAsync($"{url}/nodes/review/instances");
        Assert.Equal(2, waiting.GetProperty("total").GetInt32());
        var rows = waiting.Items().ToList();
        Assert.Equal([e, d], rows.Select(r => r.Str("instanceId")));
        Assert.Equal([Start.AddMinutes(30), Start], rows.Select(r => r.GetProperty("since").GetDateTimeOffset()));
        Assert.Equal([2, 1], rows.Select(r => r.GetProperty("tokens").GetInt32()));
        Assert.All(rows, r => Assert.Equal([(worker.Id, "monitor-worker")], r.GetProperty("assignees").EnumerateArray().Select(x => (x.Str("id"), x.Str("name")))));
        Assert.Equal([$"{key}-E", $"{key}-D"], rows.Select(r => r.Str("businessKey")));
        var second = await owners.GetOkAsync($"{url}/nodes/review/instances?page=2&pageSize=1");
        Assert.Equal((2, d), (second.GetProperty("total").GetInt32(), second.Items().Single().Str("instanceId")));
        var publishing = await owners.GetOkAsync($"{url}/nodes/publish/instances");
        Assert.Equal([c, b, a], publishing.Items().Select(r => r.Str("instanceId")));
        Assert.All(publishing.Items(), r => Assert.Empty(r.GetProperty("assignees").EnumerateArray()));
        Assert.Empty((await owners.GetOkAsync($"{url}/nodes/end/instances")).Items());

        var unknownNode = await (await owners.GetAsync(new Uri($"{url}/nodes/nowhere/instances", UriKind.Relative))).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains("has no flow node 'nowhere'", unknownNode.Str("detail"), StringComparison.Ordinal);
        var unknownVersion = await (await owners.GetAsync(new Uri($"/api/definitions/{key}/versions/7/statistics", UriKind.Relative))).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains($"'{key}' has no version 7", unknownVersion.Str("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Statistics_AreForAdminsAndProcessOwners_AnOfficialGets403()
    {
        var key = BpmnFiles.NewKey("monitor-test-403");
        await service.DeployXmlAsync(Definition(key));
        var (_, official) = await service.SignInNewAsync("monitor-official", [Roles.Official]);
        var (_, admin) = await service.SignInNewAsync("monitor-admin", [Roles.Admin]);

        await (await official.GetAsync(new Uri($"/api/definitions/{key}/versions/1/statistics", UriKind.Relative))).ProblemAsync(HttpStatusCode.Forbidden);
        await (await official.GetAsync(new Uri($"/api/definitions/{key}/versions/1/statistics/nodes/review/instances", UriKind.Relative))).ProblemAsync(HttpStatusCode.Forbidden);
        var empty = await admin.GetOkAsync($"/api/definitions/{key}/versions/1/statistics");
        Assert.Equal(0, empty.GetProperty("runningInstances").GetInt32());
        Assert.All(empty.GetProperty("nodes").EnumerateArray(), n => AssertNode(n, waiting: 0, incidents: 0, completed: 0, median: null, p90: null));
    }

    private static JsonElement Node(JsonElement statistics, string nodeId) =>
        statistics.GetProperty("nodes").EnumerateArray().Single(n => n.Str("nodeId") == nodeId);

    private static void AssertNode(JsonElement node, int waiting, int incidents, int completed, double? median, double? p90)
    {
        var nodeId = node.Str("nodeId");
        Assert.Equal((nodeId, waiting, incidents, completed), (nodeId, node.GetProperty("waiting").GetInt32(), node.GetProperty("openIncidents").GetInt32(), node.GetProperty("completed").GetInt32()));
        Assert.Equal((nodeId, median, p90), (nodeId, Seconds(node, "medianSeconds"), Seconds(node, "p90Seconds")));
    }

    private static double? Seconds(JsonElement node, string property) =>
        node.GetProperty(property) is { ValueKind: JsonValueKind.Number } value ? Math.Round(value.GetDouble(), 6) : null;

    private static async Task<string> StartAsync(WebApplicationFactory<Program> host, ApplicationUser owner, string key, ApplicationUser worker, string name)
    {
        using var client = await CalendarDeadlineTests.SignInAsync(host, owner);
        var started = await client.PostOkAsync("/api/instances", new { definitionKey = key, businessKey = $"{key}-{name}", variables = new { worker = worker.Id, count = 2 } }, HttpStatusCode.Created);
        return started.Str("id");
    }

    private static async Task CompleteAsync(WebApplicationFactory<Program> host, ApplicationUser worker, string instanceId, int count)
    {
        using var client = await CalendarDeadlineTests.SignInAsync(host, worker);
        var tasks = (await client.GetOkAsync($"/api/tasks?scope=mine&instanceId={instanceId}")).Items().Select(t => t.Str("id")).Order(StringComparer.Ordinal).Take(count).ToList();
        Assert.Equal(count, tasks.Count);
        foreach (var task in tasks)
        {
            await client.PostOkAsync($"/api/tasks/{task}/complete", new { variables = new { } });
        }
    }
}
