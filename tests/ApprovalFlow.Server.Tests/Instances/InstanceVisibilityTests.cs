using System.Net;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Tests.Support;

namespace ApprovalFlow.Server.Tests.Instances;

/// <summary>
/// Who sees an instance (<c>InstanceAccess</c>, whose "completed by me" arm is written with its status so each arm has an
/// index): a member of the task's group sees it while the task is offered and after completing it; someone else does not.
/// </summary>
[Collection(ServiceGroup.Name)]
public class InstanceVisibilityTests(ServiceFixture service)
{
    [Fact]
    public async Task GroupMember_SeesTheInstance_OfferedAndAfterCompleting_AnOutsiderDoesNot()
    {
        var key = BpmnFiles.NewKey("visibility");
        var group = $"vis-{Guid.NewGuid():N}"[..16];
        await service.DeployXmlAsync($$"""
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Defs_{{key}}" targetNamespace="http://approvalflow.test">
              <bpmn:process id="{{key}}" isExecutable="true">
                <bpmn:startEvent id="Start" />
                <bpmn:userTask id="Review" name="Review" camunda:candidateGroups="{{group}}" />
                <bpmn:userTask id="Sign" name="Sign" camunda:candidateGroups="{{group}}-other" />
                <bpmn:endEvent id="End" />
                <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Review" />
                <bpmn:sequenceFlow id="F2" sourceRef="Review" targetRef="Sign" />
                <bpmn:sequenceFlow id="F3" sourceRef="Sign" targetRef="End" />
              </bpmn:process>
            </bpmn:definitions>
            """);
        var (_, owner) = await service.SignInNewAsync("vera", [Roles.ProcessOwner], $"{group}-other");
        var (_, member) = await service.SignInNewAsync("mina", [Roles.Official], group);
        var (_, outsider) = await service.SignInNewAsync("omar", [Roles.Official]);
        var instanceId = (await owner.PostOkAsync("/api/instances", new { definitionKey = key }, HttpStatusCode.Created)).Str("id");

        Assert.Equal(instanceId, (await member.GetOkAsync($"/api/instances/{instanceId}")).Str("id"));
        var task = Assert.Single((await member.GetOkAsync($"/api/tasks?scope=group&instanceId={instanceId}")).Items());
        await member.PostOkAsync($"/api/tasks/{task.Str("id")}/claim", new { });
        await member.PostOkAsync($"/api/tasks/{task.Str("id")}/complete", new { variables = new { } });

        Assert.Equal("Sign", Assert.Single((await owner.GetOkAsync($"/api/tasks?scope=all&instanceId={instanceId}&status=open")).Items()).Str("nodeId"));
        Assert.Equal(instanceId, (await member.GetOkAsync($"/api/instances/{instanceId}")).Str("id"));
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(new Uri($"/api/instances/{instanceId}", UriKind.Relative))).StatusCode);
    }
}
