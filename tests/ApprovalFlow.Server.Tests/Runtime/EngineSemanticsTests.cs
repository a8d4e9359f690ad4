using System.Net;
using System.Text.Json;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Runtime.Jobs;
using ApprovalFlow.Server.Tests.Support;
using Hangfire;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApprovalFlow.Server.Tests.Runtime;

/// <summary>
/// Engine semantics across instances and through the API on real PostgreSQL and Hangfire (issue 8): a
/// BPMN error leaving a called process reaches the parent through the outbox, with its code and message for the
/// boundary event's <c>camunda:errorCodeVariable</c> and <c>camunda:errorMessageVariable</c>; evaluated task names in
/// the inbox; the multi-instance limit from configuration.
/// </summary>
[Collection(ServiceGroup.Name)]
public class EngineSemanticsTests(ServiceFixture service)
{
    [Fact]
    public async Task ErrorEndEventInCalledProcess_ParentTakesTheErrorBoundaryPath()
    {
        var (user, client, parentKey) = await DeployParentAndChildAsync(withBoundary: true);
        var parentId = (await client.PostOkAsync("/api/instances", new { definitionKey = parentKey }, HttpStatusCode.Created)).Str("id");
        var childTask = await EventuallyTaskAsync(client, parentId, "Draft");

        await client.PostOkAsync($"/api/tasks/{childTask.Str("id")}/complete", new { variables = new { ok = false } });

        var escalated = await EventuallyTaskAsync(client, parentId, "Escalated");
        Assert.Equal(parentId, escalated.Str("instanceId"));
        Assert.Equal(user.Id, escalated.Str("assignee"));
        var child = await client.GetOkAsync($"/api/instances/{childTask.Str("instanceId")}");
        Assert.Equal("cancelled", child.Str("status"));
        var parent = await client.GetOkAsync($"/api/instances/{parentId}");
        Assert.Equal("active", parent.Str("status"));
        Assert.Equal(["Escalated"], parent.GetProperty("activeNodes").EnumerateArray().Select(n => n.Str("nodeId")));
        var history = (await client.GetOkAsync($"/api/instances/{parentId}/history")).EnumerateArray().ToList();
        Assert.Contains(history, e => e.Str("type") == "errorThrown" && e.Str("nodeId") == "CallChild");
        Assert.Empty(await (await OwnerAsync()).IncidentsAsync(parentId));
    }

    [Fact]
    public async Task ErrorEndEventInCalledProcess_SetsTheParentsErrorCodeAndMessageVariables_ToTheChildsValues()
    {
        var (_, client, parentKey) = await DeployParentAndChildAsync(withBoundary: true);
        var parentId = (await client.PostOkAsync("/api/instances", new { definitionKey = parentKey }, HttpStatusCode.Created)).Str("id");
        var childTask = await EventuallyTaskAsync(client, parentId, "Draft");

        await client.PostOkAsync($"/api/tasks/{childTask.Str("id")}/complete", new { variables = new { ok = false } });

        await EventuallyTaskAsync(client, parentId, "Escalated");
        var variables = (await client.GetOkAsync($"/api/instances/{parentId}")).GetProperty("variables");
        Assert.Equal("FINDINGS_REJECTED", variables.Str("rejectedCode"));
        Assert.Equal("The findings are rejected", variables.Str("rejectedMessage"));
        var outbox = await QueryAsync(db => db.Outbox.AsNoTracking().SingleAsync(o => o.InstanceId == Guid.Parse(childTask.Str("instanceId")) && o.Kind == "propagate-error"));
        Assert.Equal("The findings are rejected", outbox.Payload.Str("ErrorMessage"));
    }

    [Fact]
    public async Task PropagateErrorJobEnqueuedBeforeTheMessageWasCarried_StillRuns_WithANullMessage()
    {
        var (_, client, parentKey) = await DeployParentAndChildAsync(withBoundary: true);
        var parentId = (await client.PostOkAsync("/api/instances", new { definitionKey = parentKey }, HttpStatusCode.Created)).Str("id");
        var childTask = await EventuallyTaskAsync(client, parentId, "Draft");
        var parentGuid = Guid.Parse(parentId);
        var callExecution = await QueryAsync(async db => (await db.Instances.AsNoTracking().SingleAsync(i => i.Id == parentGuid)).State.Executions.Single(e => e.WaitingForChild).Id);

        // The job as the dispatcher enqueued it before the message was carried: Hangfire stored these parameter types.
        service.Factory.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<ParentResumeJob>(job =>
            job.PropagateErrorAsync(parentGuid, callExecution, Guid.Parse(childTask.Str("instanceId")), "FINDINGS_REJECTED", "end event 'Reject'", CancellationToken.None));

        await EventuallyTaskAsync(client, parentId, "Escalated");
        var variables = (await client.GetOkAsync($"/api/instances/{parentId}")).GetProperty("variables");
        Assert.Equal("FINDINGS_REJECTED", variables.Str("rejectedCode"));
        Assert.Equal(JsonValueKind.Null, variables.GetProperty("rejectedMessage").ValueKind);
    }

    [Fact]
    public async Task ErrorUncaughtByTheParent_LeavesAnIncidentOnTheParentsCallActivity()
    {
        var (_, client, parentKey) = await DeployParentAndChildAsync(withBoundary: false);
        var parentId = (await client.PostOkAsync("/api/instances", new { definitionKey = parentKey }, HttpStatusCode.Created)).Str("id");
        var childTask = await EventuallyTaskAsync(client, parentId, "Draft");
        var owner = await OwnerAsync();

        await client.PostOkAsync($"/api/tasks/{childTask.Str("id")}/complete", new { variables = new { ok = false } });

        await ServiceFixture.EventuallyAsync(async () => (await owner.IncidentsAsync(parentId)).Count > 0, "an incident on the parent");
        var incident = Assert.Single(await owner.IncidentsAsync(parentId));
        Assert.Equal("CallChild", incident.Str("nodeId"));
        Assert.Equal("unhandledError", incident.Str("kind"));
        Assert.Contains("'FINDINGS_REJECTED'", incident.Str("message"), StringComparison.Ordinal);
        Assert.Empty(await owner.IncidentsAsync(childTask.Str("instanceId")));
        Assert.Equal("cancelled", (await client.GetOkAsync($"/api/instances/{childTask.Str("instanceId")}")).Str("status"));
        Assert.Equal("active", (await client.GetOkAsync($"/api/instances/{parentId}")).Str("status"));
    }

    [Fact]
    public async Task TaskNameWithLoopCounter_IsShownEvaluatedInTheInbox()
    {
        var key = BpmnFiles.NewKey("names");
        var (user, client) = await service.SignInNewAsync("namer", [Roles.Official]);
        await service.DeployXmlAsync(Definitions(key, $"""
            <bpmn:process id="{key}" isExecutable="true">
              <bpmn:startEvent id="Start" />
              <bpmn:userTask id="Each" name="My Task {"${loopCounter}"}" camunda:assignee="{user.Id}">
                <bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>3</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics>
              </bpmn:userTask>
              <bpmn:endEvent id="End" />
              <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Each" />
              <bpmn:sequenceFlow id="F2" sourceRef="Each" targetRef="End" />
            </bpmn:process>
            """));

        var id = (await client.PostOkAsync("/api/instances", new { definitionKey = key }, HttpStatusCode.Created)).Str("id");

        var names = (await client.GetOkAsync($"/api/tasks?scope=mine&instanceId={id}")).Items().Select(t => t.Str("name")).Order();
        Assert.Equal(["My Task 0", "My Task 1", "My Task 2"], names);
    }

    [Fact]
    public async Task MultiInstanceOverTheConfiguredLimit_AnswersAtOnceWithAnIncident()
    {
        var key = BpmnFiles.NewKey("many");
        var (starter, defaults) = await service.SignInNewAsync("starter", [Roles.Official]);
        await service.DeployXmlAsync(Definitions(key, $"""
            <bpmn:process id="{key}" isExecutable="true">
              <bpmn:startEvent id="Start" />
              <bpmn:userTask id="Each" camunda:assignee="{starter.Id}">
                <bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>{"${count}"}</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics>
              </bpmn:userTask>
              <bpmn:endEvent id="End" />
              <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Each" />
              <bpmn:sequenceFlow id="F2" sourceRef="Each" targetRef="End" />
            </bpmn:process>
            """));
        await using var limited = service.Factory.WithWebHostBuilder(web => ServiceFixture.WithoutJobs(web).UseSetting("Engine:MaxMultiInstanceItems", "5"));
        var limitedClient = limited.CreateClient();
        limitedClient.DefaultRequestHeaders.Authorization = defaults.DefaultRequestHeaders.Authorization;
        var owner = await OwnerAsync();

        var huge = (await defaults.PostOkAsync("/api/instances", new { definitionKey = key, variables = new { count = 100_000 } }, HttpStatusCode.Created)).Str("id");
        var six = (await limitedClient.PostOkAsync("/api/instances", new { definitionKey = key, variables = new { count = 6 } }, HttpStatusCode.Created)).Str("id");
        var five = (await limitedClient.PostOkAsync("/api/instances", new { definitionKey = key, variables = new { count = 5 } }, HttpStatusCode.Created)).Str("id");

        Assert.Contains("'Each' would create 100000 instances; at most 1000", Assert.Single(await owner.IncidentsAsync(huge)).Str("message"), StringComparison.Ordinal);
        Assert.Contains("'Each' would create 6 instances; at most 5", Assert.Single(await owner.IncidentsAsync(six)).Str("message"), StringComparison.Ordinal);
        Assert.Empty(await owner.IncidentsAsync(five));
    }

    [Fact]
    public async Task FanOutPastTheNodeBudget_StartAnswersAtOnce_SavedAsFarAsItGot_RetryGoesOn()
    {
        var key = BpmnFiles.NewKey("fan");
        var (user, owner) = await service.SignInNewAsync("fanner", [Roles.ProcessOwner]);
        var branches = string.Concat(Enumerable.Range(1, 30).Select(i =>
            $"""<bpmn:task id="B{i}" /><bpmn:sequenceFlow id="In{i}" sourceRef="Fork" targetRef="B{i}" /><bpmn:sequenceFlow id="Out{i}" sourceRef="B{i}" targetRef="Join" />"""));
        await service.DeployXmlAsync(Definitions(key, $"""
            <bpmn:process id="{key}" isExecutable="true">
              <bpmn:startEvent id="Start" /><bpmn:parallelGateway id="Fork" /><bpmn:parallelGateway id="Join" />
              <bpmn:userTask id="After" camunda:assignee="{user.Id}" /><bpmn:endEvent id="End" />
              <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Fork" /><bpmn:sequenceFlow id="F2" sourceRef="Join" targetRef="After" />
              <bpmn:sequenceFlow id="F3" sourceRef="After" targetRef="End" />
              {branches}
            </bpmn:process>
            """));
        await using var limited = service.Factory.WithWebHostBuilder(web => ServiceFixture.WithoutJobs(web).UseSetting("Engine:MaxNodeEntriesPerStep", "40"));
        var client = limited.CreateClient();
        client.DefaultRequestHeaders.Authorization = owner.DefaultRequestHeaders.Authorization;

        var id = (await client.PostOkAsync("/api/instances", new { definitionKey = key }, HttpStatusCode.Created)).Str("id");

        var incident = Assert.Single(await new OwnerClient(client).IncidentsAsync(id));
        Assert.Equal("workBudget", incident.Str("kind"));
        Assert.Contains("more than 40 nodes were entered in one step", incident.Str("message"), StringComparison.Ordinal);
        var history = (await client.GetOkAsync($"/api/instances/{id}/history")).EnumerateArray().ToList();
        Assert.Equal(40, history.Count(e => e.Str("type") == "nodeEntered"));
        Assert.Empty((await client.GetOkAsync($"/api/tasks?scope=mine&instanceId={id}")).Items());

        while ((await new OwnerClient(client).IncidentsAsync(id)) is [var open, ..])
        {
            await client.PostOkAsync($"/api/incidents/{open.Str("id")}/retry");
        }

        Assert.Equal("After", Assert.Single((await client.GetOkAsync($"/api/tasks?scope=mine&instanceId={id}")).Items()).Str("nodeId"));
        Assert.Equal(30, (await client.GetOkAsync($"/api/instances/{id}/history")).EnumerateArray().Count(e => e.Str("type") == "nodeEntered" && e.Str("nodeId") == "Join"));
    }

    private async Task<OwnerClient> OwnerAsync() => new((await service.SignInNewAsync("owner", [Roles.ProcessOwner])).Client);

    private async Task<(ApplicationUser User, HttpClient Client, string ParentKey)> DeployParentAndChildAsync(bool withBoundary)
    {
        var parentKey = BpmnFiles.NewKey("err-parent");
        var childKey = BpmnFiles.NewKey("err-child");
        var (user, client) = await service.SignInNewAsync("caller", [Roles.Official]);
        var boundary = withBoundary
            ? $"""
              <bpmn:boundaryEvent id="Caught" attachedToRef="CallChild">
                <bpmn:errorEventDefinition errorRef="Rejected" camunda:errorCodeVariable="rejectedCode" camunda:errorMessageVariable="rejectedMessage" />
              </bpmn:boundaryEvent>
              <bpmn:userTask id="Escalated" camunda:assignee="{user.Id}" />
              <bpmn:endEvent id="End2" />
              <bpmn:sequenceFlow id="F3" sourceRef="Caught" targetRef="Escalated" />
              <bpmn:sequenceFlow id="F4" sourceRef="Escalated" targetRef="End2" />
              """
            : string.Empty;
        await service.DeployXmlAsync(Definitions(parentKey, $"""
            <bpmn:error id="Rejected" errorCode="FINDINGS_REJECTED" camunda:errorMessage="The findings are rejected" />
            <bpmn:process id="{parentKey}" isExecutable="true">
              <bpmn:startEvent id="Start" />
              <bpmn:callActivity id="CallChild" calledElement="{childKey}" />
              <bpmn:userTask id="After" camunda:assignee="{user.Id}" />
              <bpmn:endEvent id="End" />
              <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="CallChild" />
              <bpmn:sequenceFlow id="F2" sourceRef="CallChild" targetRef="After" />
              <bpmn:sequenceFlow id="F5" sourceRef="After" targetRef="End" />
              {boundary}
            </bpmn:process>
            <bpmn:process id="{childKey}" isExecutable="true">
              <bpmn:startEvent id="ChildStart" />
              <bpmn:userTask id="Draft" camunda:assignee="{user.Id}" />
              <bpmn:exclusiveGateway id="Ok" default="C4" />
              <bpmn:endEvent id="Reject"><bpmn:errorEventDefinition errorRef="Rejected" /></bpmn:endEvent>
              <bpmn:endEvent id="ChildEnd" />
              <bpmn:sequenceFlow id="C1" sourceRef="ChildStart" targetRef="Draft" />
              <bpmn:sequenceFlow id="C2" sourceRef="Draft" targetRef="Ok" />
              <bpmn:sequenceFlow id="C3" sourceRef="Ok" targetRef="Reject"><bpmn:conditionExpression>{"${!ok}"}</bpmn:conditionExpression></bpmn:sequenceFlow>
              <bpmn:sequenceFlow id="C4" sourceRef="Ok" targetRef="ChildEnd" />
            </bpmn:process>
            """));
        return (user, client, parentKey);
    }

    private async Task<T> QueryAsync<T>(Func<ApprovalFlowDbContext, Task<T>> query)
    {
        await using var scope = service.Factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>());
    }

    private static string Definitions(string key, string body) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Defs_{key}" targetNamespace="http://approvalflow.test">
        {body}
        </bpmn:definitions>
        """;

    private static async Task<JsonElement> EventuallyTaskAsync(HttpClient client, string rootInstanceId, string nodeId)
    {
        JsonElement found = default;
        await ServiceFixture.EventuallyAsync(async () =>
        {
            var match = (await client.GetOkAsync($"/api/tasks?scope=mine&rootInstanceId={rootInstanceId}")).Items().Where(t => t.Str("nodeId") == nodeId).ToList();
            found = match.FirstOrDefault();
            return match.Count > 0;
        }, $"task {nodeId} of {rootInstanceId}");
        return found;
    }

    private sealed class OwnerClient(HttpClient client)
    {
        public async Task<List<JsonElement>> IncidentsAsync(string instanceId) =>
            [.. (await client.GetOkAsync($"/api/incidents?instanceId={instanceId}")).EnumerateArray()];
    }
}
