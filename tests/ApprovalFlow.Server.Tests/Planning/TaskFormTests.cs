using System.Net;
using System.Net.Http.Json;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Tests.Support;

namespace ApprovalFlow.Server.Tests.Planning;

/// <summary>Completing a task of a shipped definition must fill its form: an approval without a decision is refused.</summary>
[Collection(ServiceGroup.Name)]
public class TaskFormTests(ServiceFixture service)
{
    [Fact]
    public async Task ApprovalWithoutADecisionOrWithAnUnknownOne_Is400_WithOneItCompletes()
    {
        await PlanningSeed.SeedAsync(service);
        var (_, client) = await service.SignInNewAsync("publisher", [Roles.Official], "planning-office");
        await service.DeployXmlAsync("""
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
              <bpmn:process id="form-check" isExecutable="true">
                <bpmn:startEvent id="s" />
                <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="decide" />
                <bpmn:userTask id="decide" camunda:candidateGroups="planning-office" camunda:formKey="approval-decision" />
                <bpmn:sequenceFlow id="f2" sourceRef="decide" targetRef="e" />
                <bpmn:endEvent id="e" />
              </bpmn:process>
            </bpmn:definitions>
            """);
        var instanceId = (await client.PostOkAsync("/api/instances", new { definitionKey = "form-check" }, HttpStatusCode.Created)).Str("id");
        var task = (await client.GetOkAsync($"/api/tasks?scope=group&instanceId={instanceId}")).Items().Single();
        await client.PostOkAsync($"/api/tasks/{task.Str("id")}/claim");
        var url = $"/api/tasks/{task.Str("id")}/complete";

        var missing = await client.PostAsJsonAsync(url, new { variables = new { comment = "forgot the decision" } });
        Assert.Equal(["'تصمیم' is required."], (await missing.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("decision").EnumerateArray().Select(e => e.GetString()));
        var wrong = await client.PostAsJsonAsync(url, new { variables = new { decision = "maybe", comment = "?" } });
        Assert.Contains("\"approve\"", (await wrong.ProblemAsync(HttpStatusCode.BadRequest)).Str("detail"), StringComparison.Ordinal);
        var empty = await client.PostAsJsonAsync(url, new { });
        await empty.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("open", (await client.GetOkAsync($"/api/tasks/{task.Str("id")}")).Str("status"));

        var done = await client.PostOkAsync(url, new { variables = new { decision = "approve", comment = "ok" } });
        Assert.Equal("completed", done.Str("status"));
    }
}
