using System.Net;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Tests.Planning;
using ApprovalFlow.Server.Tests.Support;
using ApprovalFlow.Server.Tests.Timers;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Tests.Deadlines;

/// <summary>
/// Task reminders and escalation (the <c>reminders</c> and <c>escalationGroup</c> properties) on the
/// fixture host's real Hangfire server. Fixture: <c>Fixtures/deadlines.bpmn</c>, whose review task
/// is due after the variable <c>due</c>. Short due dates are only waited for (with a generous bound)
/// and each reminder is checked not to come before its instant; the order in which reminders that
/// are due together run is not asserted. A task completed before its reminders is due an hour later,
/// and its reminder jobs are then moved forward in Hangfire's schedule, so they really run, rather
/// than waiting an arbitrary time.
/// </summary>
[Collection(ServiceGroup.Name)]
public class RemindersTests(ServiceFixture service)
{
    private readonly TimerSupport _db = new(service);

    [Fact]
    public async Task OpenTask_IsRemindedPerItsPolicy_ThenEscalatedToItsEvaluatedEscalationGroup()
    {
        await service.DeployAsync("deadlines.bpmn");
        var group = $"reviewers-{Guid.NewGuid():N}";
        var (_, client) = await service.SignInNewAsync("reviewer", [Roles.ProcessOwner], group);
        await service.CreateUserAsync("chair", [Roles.Official], $"{group}-chair");
        var instanceId = (await client.PostOkAsync("/api/instances", new { definitionKey = "deadlines", variables = new { group, due = "PT3S" } }, HttpStatusCode.Created)).Str("id");

        await ServiceFixture.EventuallyAsync(
            async () => (await HistoryAsync(client, instanceId)) is var events
                && events.Count(e => e.Str("type") == "taskReminded") == 3 && events.Any(e => e.Str("type") == "taskEscalated"),
            "three reminders and the escalation");

        // The policy -PT2S,PT0S,R1/PT1S: two seconds before the due time, at it, and a second after it.
        var history = await HistoryAsync(client, instanceId);
        var reminded = history.Where(e => e.Str("type") == "taskReminded").ToList();
        Assert.Equal(["1/3", "2/3", "3/3"], reminded.Select(e => e.GetProperty("data").Str("reminder")).Order(StringComparer.Ordinal));
        var task = (await client.GetOkAsync($"/api/tasks?scope=all&instanceId={instanceId}")).Items().Single();
        var dueAt = task.GetProperty("dueAt").GetDateTimeOffset();
        (string Reminder, int Seconds)[] policy = [("1/3", -2), ("2/3", 0), ("3/3", 1)];
        foreach (var (reminder, seconds) in policy)
        {
            var at = reminded.Single(e => e.GetProperty("data").Str("reminder") == reminder).GetProperty("at").GetDateTimeOffset();
            Assert.True(at >= dueAt.AddSeconds(seconds), $"Reminder {reminder} came at {at:O}, before {dueAt.AddSeconds(seconds):O}.");
        }

        Assert.Equal($"{group}-chair", history.Single(e => e.Str("type") == "taskEscalated").GetProperty("data").Str("group"));
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
