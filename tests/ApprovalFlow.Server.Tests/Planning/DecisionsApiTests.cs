using System.Net;
using System.Net.Http.Json;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Planning.Data;
using ApprovalFlow.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApprovalFlow.Server.Tests.Planning;

/// <summary>
/// <c>/api/cycles/{businessKey}/decisions</c>: a revise reopens exactly what it names (items, and the items of named
/// working groups), the refusals, and the <c>page:decision</c> task page giving the gateway its variables.
/// </summary>
[Collection(ServiceGroup.Name)]
public class DecisionsApiTests(ServiceFixture service)
{
    private async Task<(string Key, Guid CycleId)> NewCycleAsync()
    {
        var (_, planner) = await service.SignInNewAsync("planner", [Roles.Official], "planning-office");
        var key = $"mtp-dec-{Guid.NewGuid():N}";
        await planner.PostOkAsync("/api/cycles", new { title = "تصمیم‌ها", firstYear = 1405, lastYear = 1408, businessKey = key }, HttpStatusCode.Created);
        await using var scope = service.Factory.Services.CreateAsyncScope();
        return (key, await scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>().PlanCycles.Where(c => c.BusinessKey == key).Select(c => c.Id).SingleAsync());
    }

    private async Task<List<Guid>> AddItemsAsync(Guid cycleId, string workingGroup, int count, PlanItemStatus status = PlanItemStatus.Agreed)
    {
        await using var scope = service.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
        var items = Enumerable.Range(1, count).Select(i => new PlanItemRecord
        {
            Id = Guid.CreateVersion7(), CycleId = cycleId, Kind = PlanItemKind.Problem, Title = $"مسئله {i} {workingGroup}", Theme = "urban-identity", Level = "headquarters",
            WorkingGroupId = workingGroup, Status = status, CreatedBy = "test", CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
        }).ToList();
        db.PlanItems.AddRange(items);
        await db.SaveChangesAsync();
        return items.ConvertAll(i => i.Id);
    }

    private async Task<Dictionary<Guid, PlanItemStatus>> StatusesAsync(Guid cycleId)
    {
        await using var scope = service.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>().PlanItems.AsNoTracking().Where(i => i.CycleId == cycleId).ToDictionaryAsync(i => i.Id, i => i.Status);
    }

    [Fact]
    public async Task A_revise_at_the_commission_naming_two_items_reopens_exactly_those_two()
    {
        await PlanningSeed.SeedAsync(service);
        var (key, cycleId) = await NewCycleAsync();
        var items = await AddItemsAsync(cycleId, "wg-hq-urban-identity", 5);
        var (_, secretary) = await service.SignInNewAsync("commission", [Roles.Official], "commission-secretariat");

        var decision = await secretary.PostOkAsync($"/api/cycles/{key}/decisions", new
        {
            body = "commission", decision = "revise", resolutionNumber = "۱۴۰۵/۷", resolutionDate = "2026-05-20", comment = "دو مسئله بازنگری شود.",
            items = new object[] { new { itemId = items[1], reopen = true, comment = "دقیق‌تر" }, new { itemId = items[3], reopen = true }, new { itemId = items[4], comment = "خوب است" } },
        }, HttpStatusCode.Created);

        var statuses = await StatusesAsync(cycleId);
        Assert.Equal(new[] { items[1], items[3] }.Order(), statuses.Where(s => s.Value == PlanItemStatus.Reopened).Select(s => s.Key).Order());
        Assert.Equal(3, statuses.Count(s => s.Value == PlanItemStatus.Agreed));
        Assert.Equal(new[] { items[1], items[3] }.Order(), decision.GetProperty("reopenedItemIds").EnumerateArray().Select(i => i.GetGuid()).Order());
        Assert.Equal("2026-05-20", decision.Str("resolutionDate"));
        var listed = Assert.Single((await secretary.GetOkAsync($"/api/cycles/{key}/decisions")).EnumerateArray());
        Assert.Equal(("commission", "revise", "۱۴۰۵/۷"), (listed.Str("body"), listed.Str("decision"), listed.Str("resolutionNumber")));
        Assert.Contains(listed.GetProperty("items").EnumerateArray(), i => i.GetProperty("itemId").GetGuid() == items[4] && i.Str("comment") == "خوب است" && !i.GetProperty("reopen").GetBoolean());
        Assert.Equal("inApproval", (await secretary.GetOkAsync($"/api/cycles/{key}")).Str("status"));
    }

    [Fact]
    public async Task A_revise_naming_a_working_group_reopens_its_items_but_not_merged_ones_nor_other_groups()
    {
        await PlanningSeed.SeedAsync(service);
        var (key, cycleId) = await NewCycleAsync();
        var named = await AddItemsAsync(cycleId, "wg-hq-urban-fabric", 2);
        var merged = await AddItemsAsync(cycleId, "wg-hq-urban-fabric", 1, PlanItemStatus.Merged);
        var other = await AddItemsAsync(cycleId, "wg-hq-urban-economy", 2);
        var (_, secretary) = await service.SignInNewAsync("committee", [Roles.Official], "compilation-committee-secretariat");

        await secretary.PostOkAsync($"/api/cycles/{key}/decisions", new { body = "compilation-committee", decision = "revise", workingGroups = new[] { "wg-hq-urban-fabric" } }, HttpStatusCode.Created);

        var statuses = await StatusesAsync(cycleId);
        Assert.All(named, id => Assert.Equal(PlanItemStatus.Reopened, statuses[id]));
        Assert.Equal(PlanItemStatus.Merged, statuses[merged[0]]);
        Assert.All(other, id => Assert.Equal(PlanItemStatus.Agreed, statuses[id]));
    }

    [Fact]
    public async Task Decisions_refuse_a_revise_naming_nothing_unknown_bodies_items_and_groups_a_council_without_resolution_and_other_secretariats()
    {
        await PlanningSeed.SeedAsync(service);
        var (key, cycleId) = await NewCycleAsync();
        var items = await AddItemsAsync(cycleId, "wg-hq-urban-identity", 1);
        var (_, commission) = await service.SignInNewAsync("commission", [Roles.Official], "commission-secretariat");
        var url = $"/api/cycles/{key}/decisions";

        async Task<System.Text.Json.JsonElement> RefusedAsync(object body, HttpStatusCode status = HttpStatusCode.BadRequest) =>
            await (await commission.PostAsJsonAsync(url, body)).ProblemAsync(status);

        Assert.Contains("at least one item", (await RefusedAsync(new { body = "commission", decision = "revise", comment = "?" })).GetProperty("errors").GetProperty("items")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(["body", "decision"], (await RefusedAsync(new { body = "parliament", decision = "maybe" })).GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["items[0].itemId", "workingGroups[0]"], (await RefusedAsync(new { body = "commission", decision = "revise", items = new[] { new { itemId = Guid.NewGuid(), reopen = true } }, workingGroups = new[] { "planning-office" } }))
            .GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["resolutionDate", "resolutionNumber"], (await RefusedAsync(new { body = "city-council", decision = "approve" })).GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Contains("approval sends nothing back", (await RefusedAsync(new { body = "commission", decision = "approve", items = new[] { new { itemId = items[0], reopen = true } } })).Detail(), StringComparison.Ordinal);
        Assert.Contains("supreme-council-secretariat", (await RefusedAsync(new { body = "supreme-council", decision = "approve" }, HttpStatusCode.Forbidden)).Detail(), StringComparison.Ordinal);
        Assert.Equal(["body"], (await RefusedAsync(new { decision = "approve" })).GetProperty("errors").EnumerateObject().Select(e => e.Name));

        Assert.Equal(PlanItemStatus.Agreed, (await StatusesAsync(cycleId))[items[0]]);
        Assert.Equal(0, (await commission.GetOkAsync(url)).GetArrayLength());
    }

    [Fact]
    public async Task The_decision_page_task_completes_only_after_its_decision_and_gives_the_gateway_decision_and_comment()
    {
        await PlanningSeed.SeedAsync(service);
        var (key, _) = await NewCycleAsync();
        var (_, owner) = await service.SignInNewAsync("owner", [Roles.ProcessOwner]);
        var (_, secretary) = await service.SignInNewAsync("commission", [Roles.Official], "commission-secretariat");
        var (_, other) = await service.SignInNewAsync("commission2", [Roles.Official], "commission-secretariat");
        await service.DeployXmlAsync("""
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
              <bpmn:process id="decision-page" isExecutable="true">
                <bpmn:startEvent id="s" />
                <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="CommissionReview" />
                <bpmn:userTask id="CommissionReview" camunda:candidateGroups="commission-secretariat" camunda:formKey="page:decision" />
                <bpmn:sequenceFlow id="f2" sourceRef="CommissionReview" targetRef="g" />
                <bpmn:exclusiveGateway id="g" />
                <bpmn:sequenceFlow id="approve" sourceRef="g" targetRef="approved"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${decision === 'approve'}</bpmn:conditionExpression></bpmn:sequenceFlow>
                <bpmn:sequenceFlow id="revise" sourceRef="g" targetRef="revised"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${decision === 'revise'}</bpmn:conditionExpression></bpmn:sequenceFlow>
                <bpmn:endEvent id="approved" />
                <bpmn:endEvent id="revised" />
              </bpmn:process>
            </bpmn:definitions>
            """);
        var instanceId = (await owner.PostOkAsync("/api/instances", new { definitionKey = "decision-page", businessKey = key }, HttpStatusCode.Created)).Str("id");
        var taskId = (await secretary.GetOkAsync($"/api/tasks?scope=group&instanceId={instanceId}")).Items().Single().Str("id");
        await secretary.PostOkAsync($"/api/tasks/{taskId}/claim");

        var early = await (await secretary.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { variables = new { decision = "approve" } })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["decision"], early.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        await (await other.PostAsJsonAsync($"/api/cycles/{key}/decisions", new { taskId, decision = "approve" })).ProblemAsync(HttpStatusCode.Forbidden);
        var recorded = await secretary.PostOkAsync($"/api/cycles/{key}/decisions", new { taskId, decision = "revise", comment = "بازنگری محور هویت", workingGroups = new[] { "wg-hq-urban-identity" } }, HttpStatusCode.Created);
        Assert.Equal(("commission", taskId), (recorded.Str("body"), recorded.Str("taskId")));
        await (await secretary.PostAsJsonAsync($"/api/cycles/{key}/decisions", new { taskId, decision = "approve" })).ProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal("completed", (await secretary.PostOkAsync($"/api/tasks/{taskId}/complete", new { variables = new { decision = "approve" } })).Str("status"));
        var instance = await owner.GetOkAsync($"/api/instances/{instanceId}");
        Assert.Equal(("completed", "revise", "بازنگری محور هویت"), (instance.Str("status"), instance.GetProperty("variables").Str("decision"), instance.GetProperty("variables").Str("comment")));
        var history = await owner.GetOkAsync($"/api/instances/{instanceId}/history");
        Assert.Contains(history.EnumerateArray(), e => e.Str("type") == "nodeEntered" && e.Str("nodeId") == "revised");
    }
}
