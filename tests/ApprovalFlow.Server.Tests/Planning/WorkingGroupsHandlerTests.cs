using System.Net;
using System.Text.Json;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Planning;
using ApprovalFlow.Server.Tests.Support;

namespace ApprovalFlow.Server.Tests.Planning;

/// <summary>The <c>directory.working-groups</c> service task, run by the service through a small definition started over HTTP.</summary>
[Collection(ServiceGroup.Name)]
public class WorkingGroupsHandlerTests(ServiceFixture service)
{
    /// <summary>The members of each working group (jsonb keeps no member order, so compared as a set).</summary>
    private static readonly string[] WorkingGroupMembers = ["id", "name", "theme", "level", "unit", "unitName", "secretaryGroup", "chairGroup"];

    [Fact]
    public async Task LoadWorkingGroups_PutsThemesAndWorkingGroupsIntoVariables_InGlossaryOrder()
    {
        await PlanningSeed.SeedAsync(service);
        var file = await PlanningSeed.LoadFileAsync(service);
        var key = BpmnFiles.NewKey("load-wgs");
        await service.DeployXmlAsync(LoadThenReview(key));
        var (_, client) = await service.SignInNewAsync("planner", [Roles.Official]);

        var started = await client.PostOkAsync("/api/instances", new { definitionKey = key, businessKey = $"mtp-{key}" }, HttpStatusCode.Created);
        var variables = await VariablesOnceLoadedAsync(client, started.Str("id"));

        var themes = variables.GetProperty("themes").EnumerateArray().ToList();
        Assert.Equal(
            ["urban-identity", "urban-fabric", "urban-diplomacy", "urban-economy", "urban-environment", "urban-management"],
            themes.Select(t => t.Str("id")));
        Assert.Equal(["هویت شهری", "کالبد شهری", "دیپلماسی شهری", "اقتصاد شهری", "محیط زیست شهری", "مدیریت شهری"], themes.Select(t => t.Str("name")));
        Assert.All(themes, t => Assert.Equal($"theme-{t.Str("id")}-coordinators", t.Str("coordinatorGroup")));
        Assert.All(themes, t => Assert.Equal(["coordinatorGroup", "id", "name"], t.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)));

        var workingGroups = variables.GetProperty("workingGroups").EnumerateArray().ToList();
        var expectedOrder = file.Groups.Where(g => g.Kind == PlanningGroupKinds.WorkingGroup)
            .OrderBy(g => PlanningVocabulary.ThemeOrder(g.Attributes!.Value.GetProperty("theme").GetString()!))
            .ThenBy(g => PlanningVocabulary.LevelOrder(g.Attributes!.Value.GetProperty("level").GetString()!))
            .ThenBy(g => g.Id, StringComparer.Ordinal)
            .Select(g => g.Id);
        Assert.Equal(expectedOrder, workingGroups.Select(w => w.Str("id")));
        Assert.True(workingGroups.Count >= 24);
        Assert.All(workingGroups, w => Assert.Equal(WorkingGroupMembers.Order(StringComparer.Ordinal), w.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)));
        Assert.All(workingGroups, w => Assert.Equal($"{w.Str("id")}-secretary", w.Str("secretaryGroup")));
        Assert.All(workingGroups, w => Assert.Equal($"{w.Str("id")}-chair", w.Str("chairGroup")));

        var first = workingGroups[0];
        Assert.Equal("wg-hq-urban-identity", first.Str("id"));
        Assert.Equal("کارگروه ستادی هویت شهری", first.Str("name"));
        Assert.Equal("urban-identity", first.Str("theme"));
        Assert.Equal("headquarters", first.Str("level"));
        Assert.Equal("deputy-cultural-social", first.Str("unit"));
        Assert.Equal("معاونت فرهنگی و اجتماعی", first.Str("unitName"));
        var region = workingGroups.First(w => w.Str("level") == "region" && w.Str("unit") == "region-samen");
        Assert.Equal("منطقه ثامن", region.Str("unitName"));
    }

    private static async Task<JsonElement> VariablesOnceLoadedAsync(HttpClient client, string instanceId)
    {
        var variables = default(JsonElement);
        await ServiceFixture.EventuallyAsync(
            async () =>
            {
                variables = (await client.GetOkAsync($"/api/instances/{instanceId}")).GetProperty("variables");
                return variables.TryGetProperty("workingGroups", out _);
            },
            "the directory.working-groups task to complete");
        return variables;
    }

    /// <summary>Start → service task <c>directory.working-groups</c> → user task for the starter → end.</summary>
    private static string LoadThenReview(string key) => $$"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Defs_{{key}}" targetNamespace="http://approvalflow.test">
          <bpmn:process id="{{key}}" name="Load working groups" isExecutable="true">
            <bpmn:startEvent id="Start" />
            <bpmn:serviceTask id="LoadWorkingGroups" camunda:type="external" camunda:topic="{{WorkingGroupsHandler.TopicName}}" />
            <bpmn:userTask id="Review" camunda:assignee="${initiator}" />
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="LoadWorkingGroups" />
            <bpmn:sequenceFlow id="F2" sourceRef="LoadWorkingGroups" targetRef="Review" />
            <bpmn:sequenceFlow id="F3" sourceRef="Review" targetRef="End" />
          </bpmn:process>
        </bpmn:definitions>
        """;
}
