using System.Net;
using System.Text.Json;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Tests.Support;

namespace ApprovalFlow.Server.Tests.Instances;

[Collection(ServiceGroup.Name)]
public class HistoryNamesTests(ServiceFixture service)
{
    [Fact]
    public async Task History_NamesEachNodeFromTheVersionTheInstanceRuns_AndTheActorByDisplayName()
    {
        var key = BpmnFiles.NewKey("names");
        var (clerk, client) = await service.SignInNewAsync("clerk", [Roles.Official]);
        await service.DeployXmlAsync(Review(key, "بررسی اولیه"));
        var first = await StartAndCompleteAsync(client, key, clerk.Id);
        await service.DeployXmlAsync(Review(key, "بررسی نهایی"));
        var second = await StartAndCompleteAsync(client, key, clerk.Id);

        var history = (await client.GetOkAsync($"/api/instances/{first}/history")).EnumerateArray().ToList();
        var completed = history.Single(e => e.Str("type") == "taskCompleted");
        Assert.Equal("Review", completed.Str("nodeId"));
        Assert.Equal("بررسی اولیه", completed.Str("nodeName"));
        Assert.Equal(clerk.Id, completed.Str("actor"));
        Assert.Equal(clerk.DisplayName, completed.Str("actorName"));
        var started = history.Single(e => e.Str("type") == "instanceStarted");
        Assert.Equal("درخواست مرخصی", started.Str("nodeName"));
        Assert.Equal(JsonValueKind.Null, started.GetProperty("actorName").ValueKind);
        Assert.Equal("آغاز درخواست", history.First(e => e.Str("type") == "nodeEntered").Str("nodeName"));

        var later = (await client.GetOkAsync($"/api/instances/{second}/history")).EnumerateArray().Single(e => e.Str("type") == "taskCompleted");
        Assert.Equal("بررسی نهایی", later.Str("nodeName"));
        Assert.Equal(clerk.DisplayName, later.Str("actorName"));
    }

    private static async Task<string> StartAndCompleteAsync(HttpClient client, string key, string clerkId)
    {
        var id = (await client.PostOkAsync("/api/instances", new { definitionKey = key, variables = new { clerk = clerkId } }, HttpStatusCode.Created)).Str("id");
        var task = (await client.GetOkAsync("/api/tasks?scope=mine")).Items().Single(t => t.Str("instanceId") == id);
        await client.PostOkAsync($"/api/tasks/{task.Str("id")}/complete", new { variables = new { decision = "approve" } });
        return id;
    }

    private static string Review(string key, string taskName) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Defs_{key}" targetNamespace="http://approvalflow.test">
          <bpmn:process id="{key}" name="درخواست مرخصی" isExecutable="true">
            <bpmn:startEvent id="Start" name="آغاز درخواست" />
            <bpmn:userTask id="Review" name="{taskName}" camunda:assignee="${"{"}clerk{"}"}" />
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Review" />
            <bpmn:sequenceFlow id="F2" sourceRef="Review" targetRef="End" />
          </bpmn:process>
        </bpmn:definitions>
        """;
}
