using System.Net;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Tests.Planning;
using ApprovalFlow.Server.Tests.Support;

namespace ApprovalFlow.Server.Tests.Deadlines;

[Collection(ServiceGroup.Name)]
public class RemindersTests(ServiceFixture service)
{
    [Fact]
    public async Task OpenTask_IsRemindedPerItsPolicy_ThenEscalatedToItsEvaluatedEscalationGroup()
    {
        await service.DeployAsync("deadlines.bpmn");
        var group = $"reviewers-{Guid.NewGuid():N}";
        var (_, client) = await service.SignInNewAsync("reviewer", [Roles.ProcessOwner], group);
        await service.CreateUserAsync("chair", [Roles.Official], $"{group}-chair");
        var instanceId = (await client.PostOkAsync("/api/instances", new { definitionKey = "deadlines", variables = new { group } }, HttpStatusCode.Created)).Str("id");

        await ServiceFixture.EventuallyAsync(
            async () => (await HistoryAsync(client, instanceId)).Any(e => e.Str("type") == "taskEscalated"),
            "three reminders and the escalation");

        var history = await HistoryAsync(client, instanceId);
        Assert.Equal(["1/3", "2/3", "3/3"], history.Where(e => e.Str("type") == "taskReminded").Select(e => e.GetProperty("data").Str("reminder")));
        Assert.Equal($"{group}-chair", history.Single(e => e.Str("type") == "taskEscalated").GetProperty("data").Str("group"));
        var task = (await client.GetOkAsync($"/api/tasks?scope=all&instanceId={instanceId}")).Items().Single();
        Assert.Equal([group, $"{group}-chair"], task.GetProperty("candidateGroups").EnumerateArray().Select(g => g.GetString()));
    }

    [Fact]
    public async Task EscalationGroupThatDoesNotExist_FallsBackToTheBodysChair()
    {
        await PlanningSeed.SeedAsync(service);
        await service.DeployXmlAsync("""
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
              <bpmn:process id="deadlines-missing-group" isExecutable="true">
                <bpmn:startEvent id="s" />
                <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="review" />
                <bpmn:userTask id="review" camunda:candidateGroups="supreme-council-secretariat" camunda:dueDate="PT2S">
                  <bpmn:extensionElements><camunda:properties>
                    <camunda:property name="reminders" value="PT0S" /><camunda:property name="escalationGroup" value="no-such-group" />
                  </camunda:properties></bpmn:extensionElements>
                </bpmn:userTask>
                <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="e" />
                <bpmn:endEvent id="e" />
              </bpmn:process>
            </bpmn:definitions>
            """);
        var (_, owner) = await service.SignInNewAsync("owner", [Roles.ProcessOwner]);
        var instanceId = (await owner.PostOkAsync("/api/instances", new { definitionKey = "deadlines-missing-group" }, HttpStatusCode.Created)).Str("id");

        await ServiceFixture.EventuallyAsync(
            async () => (await HistoryAsync(owner, instanceId)).Any(e => e.Str("type") == "taskEscalated"),
            "the escalation at the due time");

        Assert.Equal("supreme-council-chair", (await HistoryAsync(owner, instanceId)).Single(e => e.Str("type") == "taskEscalated").GetProperty("data").Str("group"));
    }

    [Fact]
    public async Task WithoutAnEscalationGroup_TheBodysChairIsChosen()
    {
        await PlanningSeed.SeedAsync(service);
        await service.DeployAsync("deadlines.bpmn");
        var (_, owner) = await service.SignInNewAsync("owner", [Roles.ProcessOwner]);
        var instanceId = (await owner.PostOkAsync("/api/instances", new { definitionKey = "deadlines-chair" }, HttpStatusCode.Created)).Str("id");

        await ServiceFixture.EventuallyAsync(
            async () => (await HistoryAsync(owner, instanceId)).Any(e => e.Str("type") == "taskEscalated"),
            "the escalation at the due time");

        Assert.Equal("commission-chair", (await HistoryAsync(owner, instanceId)).Single(e => e.Str("type") == "taskEscalated").GetProperty("data").Str("group"));
    }

    private static async Task<List<System.Text.Json.JsonElement>> HistoryAsync(HttpClient client, string instanceId) =>
        (await client.GetOkAsync($"/api/instances/{instanceId}/history")).EnumerateArray().ToList();
}
