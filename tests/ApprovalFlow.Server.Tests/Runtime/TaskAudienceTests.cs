using System.Net;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Tests.Support;

namespace ApprovalFlow.Server.Tests.Runtime;

/// <summary>A task whose evaluated groups and users do not exist becomes an incident, retryable once the directory is fixed.</summary>
[Collection(ServiceGroup.Name)]
public class TaskAudienceTests(ServiceFixture service)
{
    private static string Definition(string key) => $$"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Defs_{{key}}" targetNamespace="http://approvalflow.test">
          <bpmn:process id="{{key}}" isExecutable="true">
            <bpmn:startEvent id="Start" />
            <bpmn:userTask id="Draft" name="Draft findings" camunda:candidateGroups="${workingGroup.secretaryGroup}, ${workingGroup.chairGroup}" />
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Draft" />
            <bpmn:sequenceFlow id="F2" sourceRef="Draft" targetRef="End" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    [Fact]
    public async Task TaskForGroupsThatDoNotExist_IsAnIncident_RetryAfterTheGroupExistsCreatesTheTask()
    {
        var key = BpmnFiles.NewKey("audience");
        await service.DeployXmlAsync(Definition(key));
        var (_, owner) = await service.SignInNewAsync("omid", [Roles.ProcessOwner]);
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (secretary, chair) = ($"wg-{suffix}-secretary", $"wg-{suffix}-chair");

        var instance = await owner.PostOkAsync("/api/instances", new { definitionKey = key, variables = new { workingGroup = new { secretaryGroup = secretary, chairGroup = chair } } }, HttpStatusCode.Created);
        var instanceId = instance.Str("id");

        var incident = Assert.Single((await owner.GetOkAsync($"/api/incidents?instanceId={instanceId}")).EnumerateArray());
        Assert.Equal("noCandidates", incident.Str("kind"));
        Assert.Equal("Draft", incident.Str("nodeId"));
        Assert.Contains($"Nobody can see user task 'Draft' (Draft findings): groups {secretary}, {chair} do not exist", incident.Str("message"), StringComparison.Ordinal);
        Assert.Empty((await owner.GetOkAsync($"/api/tasks?scope=all&instanceId={instanceId}&status=open")).Items());

        var (_, member) = await service.SignInNewAsync("soheila", [Roles.Official], chair);
        await owner.PostOkAsync($"/api/incidents/{incident.Str("id")}/retry", new { });

        var task = Assert.Single((await member.GetOkAsync($"/api/tasks?scope=group&instanceId={instanceId}")).Items());
        Assert.Equal("Draft", task.Str("nodeId"));
        Assert.Empty((await owner.GetOkAsync($"/api/incidents?instanceId={instanceId}")).EnumerateArray());
    }

    [Fact]
    public async Task RetryWhileTheGroupsStillDoNotExist_RaisesTheIncidentAgain()
    {
        var key = BpmnFiles.NewKey("audience");
        await service.DeployXmlAsync(Definition(key));
        var (_, owner) = await service.SignInNewAsync("ozra", [Roles.ProcessOwner]);
        var instanceId = (await owner.PostOkAsync("/api/instances", new { definitionKey = key, variables = new { workingGroup = new { secretaryGroup = "nobody-a", chairGroup = "nobody-b" } } }, HttpStatusCode.Created)).Str("id");
        var first = Assert.Single((await owner.GetOkAsync($"/api/incidents?instanceId={instanceId}")).EnumerateArray());

        await owner.PostOkAsync($"/api/incidents/{first.Str("id")}/retry", new { });

        var second = Assert.Single((await owner.GetOkAsync($"/api/incidents?instanceId={instanceId}")).EnumerateArray());
        Assert.NotEqual(first.Str("id"), second.Str("id"));
        Assert.Equal("noCandidates", second.Str("kind"));
        var history = (await owner.GetOkAsync($"/api/instances/{instanceId}/history")).EnumerateArray().Select(e => e.Str("type")).ToList();
        Assert.Equal(2, history.Count(t => t == "taskCancelled"));
    }
}
