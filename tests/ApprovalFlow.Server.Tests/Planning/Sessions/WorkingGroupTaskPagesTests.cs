using System.Net;
using System.Net.Http.Json;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApprovalFlow.Server.Tests.Planning.Sessions;

/// <summary>
/// The shipped <c>working-group</c> process on its task pages: <c>POST /api/tasks/{id}/complete</c> refuses RecordSessions,
/// DraftFindings and AgreeFindings (400 with <c>errors</c>) until the working group's content is complete, and
/// AgreeFindings gives the gateway the recorded decision.
/// </summary>
[Collection(ServiceGroup.Name)]
public class WorkingGroupTaskPagesTests(ServiceFixture service)
{
    [Fact]
    public async Task RecordSessions_IsRefusedWithoutASession_AndWhileASessionLacksMinutesOrASource_ThenCompletes()
    {
        var cycle = await WorkingGroupCycle.StartAsync(service, "wg-region-urban-management-05", "rec");
        var task = await cycle.ClaimAsync(service, "RecordSessions", cycle.Secretary);
        Assert.Equal(["sessions"], await RefusedKeysAsync(cycle.Secretary, task));

        var session = (await cycle.Secretary.PostOkAsync($"{cycle.Api}/sessions", cycle.Session("نشست بی‌صورت‌جلسه", minutes: null, sources: []), HttpStatusCode.Created)).Str("id");
        var refused = await cycle.Secretary.PostAsJsonAsync($"/api/tasks/{task}/complete", new { });
        var problem = await Problems.AssertProblemAsync(refused, HttpStatusCode.BadRequest);
        Assert.Equal(["sessions[0].minutes", "sessions[0].sources"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Contains("'نشست بی‌صورت‌جلسه' of 2026-05-05 has no minutes", problem.Detail(), StringComparison.Ordinal);
        Assert.Equal("open", (await cycle.Secretary.GetOkAsync($"/api/tasks/{task}")).Str("status"));

        var fixedSession = await cycle.Secretary.PutAsJsonAsync($"{cycle.Api}/sessions/{session}", cycle.Session("نشست بی‌صورت‌جلسه", minutes: "نوشته شد.", sources: ["elite-interviews"]));
        Assert.Equal(HttpStatusCode.OK, fixedSession.StatusCode);
        Assert.Equal("completed", (await cycle.Secretary.PostOkAsync($"/api/tasks/{task}/complete", new { })).Str("status"));
        await cycle.ClaimAsync(service, "DraftFindings", cycle.Secretary);
    }

    [Fact]
    public async Task DraftFindings_IsRefused_WithoutAProblem_AStrategyWithoutAProblem_APolicyWithoutAStrategy_AProjectWithoutPolicyOrUnit()
    {
        var cycle = await WorkingGroupCycle.StartAsync(service, "wg-region-urban-management-05", "draft");
        await CompleteRecordSessionsAsync(cycle);
        var task = await cycle.ClaimAsync(service, "DraftFindings", cycle.Secretary);
        Assert.Equal(["items"], await RefusedKeysAsync(cycle.Secretary, task));

        var strategy = await cycle.ItemAsync("strategy", "راهبرد تنها");
        var policy = await cycle.ItemAsync("executivePolicy", "سیاست تنها");
        var project = await cycle.ItemAsync("project", "پروژه تنها");
        Assert.Equal(["items", $"items[{strategy}].from", $"items[{policy}].from", $"items[{project}].from", $"items[{project}].responsibleUnit"],
            await RefusedKeysAsync(cycle.Secretary, task));

        var problem = await cycle.ItemAsync("problem", "مسئله");
        await PutAsync(cycle, strategy, new { kind = "strategy", title = "راهبرد تنها", from = new[] { problem } });
        await PutAsync(cycle, policy, new { kind = "executivePolicy", title = "سیاست تنها", from = new[] { strategy } });
        await PutAsync(cycle, project, new { kind = "project", title = "پروژه تنها", from = new[] { policy } });
        Assert.Equal([$"items[{project}].responsibleUnit"], await RefusedKeysAsync(cycle.Secretary, task));
        await PutAsync(cycle, project, new { kind = "project", title = "پروژه تنها", from = new[] { policy }, responsibleUnit = "منطقه ۵" });
        Assert.Equal("completed", (await cycle.Secretary.PostOkAsync($"/api/tasks/{task}/complete", new { })).Str("status"));
    }

    [Fact]
    public async Task AgreeFindings_NeedsADecision_GivesTheGatewayItsDecision_ReviseReturnsToDrafting_ApproveNeedsEveryItemAgreed()
    {
        var cycle = await WorkingGroupCycle.StartAsync(service, "wg-region-urban-management-05", "agree");
        await CompleteRecordSessionsAsync(cycle);
        var draft = await cycle.ClaimAsync(service, "DraftFindings", cycle.Secretary);
        var problem = await cycle.ItemAsync("problem", "فرسودگی سامانه‌ها");
        var strategy = await cycle.ItemAsync("strategy", "شهر هوشمند", from: [problem]);
        await cycle.Secretary.PostOkAsync($"/api/tasks/{draft}/complete", new { });

        // No decision yet: refused, whatever the request's variables say.
        var agree = await cycle.ClaimAsync(service, "AgreeFindings", cycle.Chair);
        var noDecision = await cycle.Chair.PostAsJsonAsync($"/api/tasks/{agree}/complete", new { variables = new { decision = "approve", comment = "?" } });
        Assert.Equal(["decision"], (await Problems.AssertProblemAsync(noDecision, HttpStatusCode.BadRequest)).GetProperty("errors").EnumerateObject().Select(e => e.Name));

        // Sent back: the gateway takes "revise" and DraftFindings opens again.
        await cycle.Chair.PostOkAsync($"{cycle.Api}/agreements", new { workingGroup = cycle.Group.Id, decision = "revise", comment = "راهبرد دقیق نیست", taskId = agree }, HttpStatusCode.Created);
        Assert.Equal("completed", (await cycle.Chair.PostOkAsync($"/api/tasks/{agree}/complete", new { variables = new { decision = "approve" } })).Str("status"));
        Assert.Equal(("revise", "راهبرد دقیق نیست"), await DecisionAsync(cycle));
        var again = await cycle.ClaimAsync(service, "DraftFindings", cycle.Secretary);
        await cycle.Secretary.PostOkAsync($"/api/tasks/{again}/complete", new { });

        // Agreed: every item must be agreed first; then the instance ends with "approve".
        var second = await cycle.ClaimAsync(service, "AgreeFindings", cycle.Chair);
        await cycle.Chair.PostOkAsync($"{cycle.Api}/agreements", new { workingGroup = cycle.Group.Id, decision = "approve", comment = "توافق شد", taskId = second }, HttpStatusCode.Created);
        await cycle.Chair.PostOkAsync($"{cycle.Api}/items/{problem}/agreement", new { mode = "consensus" });
        Assert.Equal([$"items[{strategy}].agreement"], await RefusedKeysAsync(cycle.Chair, second));
        await cycle.Chair.PostOkAsync($"{cycle.Api}/items/{strategy}/agreement", new { mode = "vote", votesFor = 4, votesAgainst = 0, votesAbstain = 2 });
        Assert.Equal("completed", (await cycle.Chair.PostOkAsync($"/api/tasks/{second}/complete", new { })).Str("status"));
        Assert.Equal(("approve", "توافق شد"), await DecisionAsync(cycle));
        Assert.Equal("completed", (await cycle.Chair.GetOkAsync($"/api/instances/{cycle.InstanceId}")).Str("status"));
    }

    private async Task CompleteRecordSessionsAsync(WorkingGroupCycle cycle)
    {
        var task = await cycle.ClaimAsync(service, "RecordSessions", cycle.Secretary);
        await cycle.Secretary.PostOkAsync($"{cycle.Api}/sessions", cycle.Session("نشست نخست"), HttpStatusCode.Created);
        await cycle.Secretary.PostOkAsync($"/api/tasks/{task}/complete", new { });
    }

    private static async Task<List<string>> RefusedKeysAsync(HttpClient client, string task)
    {
        var response = await client.PostAsJsonAsync($"/api/tasks/{task}/complete", new { });
        return [.. (await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest)).GetProperty("errors").EnumerateObject().Select(e => e.Name)];
    }

    private static async Task PutAsync(WorkingGroupCycle cycle, string id, object body)
    {
        var response = await cycle.Secretary.PutAsJsonAsync($"{cycle.Api}/items/{id}", body);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<(string?, string?)> DecisionAsync(WorkingGroupCycle cycle)
    {
        await using var scope = service.Factory.Services.CreateAsyncScope();
        var instance = await scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>().Instances.AsNoTracking().SingleAsync(i => i.Id == cycle.InstanceId);
        return (instance.State.Variables["decision"].GetString(), instance.State.Variables["comment"].GetString());
    }
}
