using System.Net;
using System.Net.Http.Json;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApprovalFlow.Server.Tests.Runtime;

[Collection(ServiceGroup.Name)]
public class TaskRulesTests(ServiceFixture service)
{
    [Fact]
    public async Task CompletedBySomeoneElse_Is403_AlreadyCompleted_Is409_AndNothingChanges()
    {
        await service.DeployAsync("generic-approval.bpmn");
        var group = $"office-{Guid.NewGuid():N}";
        var (_, assignee) = await service.SignInNewAsync("assignee", [Roles.Official], group);
        var (_, colleague) = await service.SignInNewAsync("colleague", [Roles.Official], group);
        var instanceId = (await assignee.PostOkAsync("/api/instances", new { definitionKey = "generic-approval", variables = new { officeGroup = group } }, HttpStatusCode.Created)).Str("id");
        var taskId = (await assignee.GetOkAsync($"/api/tasks?scope=group&instanceId={instanceId}")).Items().Single().Str("id");

        var unclaimed = await colleague.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { variables = new { amount = 1 } });
        Assert.Contains("Claim", (await unclaimed.ProblemAsync(HttpStatusCode.Forbidden)).Str("detail"), StringComparison.Ordinal);
        await assignee.PostOkAsync($"/api/tasks/{taskId}/claim");
        var before = await SnapshotAsync(instanceId);

        var byColleague = await colleague.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { variables = new { amount = 1 } });
        await byColleague.ProblemAsync(HttpStatusCode.Forbidden);
        var stolenClaim = await colleague.PostAsync(new Uri($"/api/tasks/{taskId}/claim", UriKind.Relative), null);
        await stolenClaim.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(before, await SnapshotAsync(instanceId));

        await assignee.PostOkAsync($"/api/tasks/{taskId}/complete", new { variables = new { amount = 1 } });
        var afterCompletion = await SnapshotAsync(instanceId);
        var again = await assignee.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { variables = new { amount = 2 } });
        Assert.Contains("completed", (await again.ProblemAsync(HttpStatusCode.Conflict)).Str("detail"), StringComparison.Ordinal);
        Assert.Equal(afterCompletion, await SnapshotAsync(instanceId));
    }

    [Fact]
    public async Task UnclaimAndAdminAssign()
    {
        await service.DeployAsync("generic-approval.bpmn");
        var group = $"office-{Guid.NewGuid():N}";
        var (member, memberClient) = await service.SignInNewAsync("member", [Roles.Official], group);
        var (_, admin) = await service.SignInNewAsync("admin", [Roles.Admin]);
        var instanceId = (await memberClient.PostOkAsync("/api/instances", new { definitionKey = "generic-approval", variables = new { officeGroup = group } }, HttpStatusCode.Created)).Str("id");
        var taskId = (await memberClient.GetOkAsync($"/api/tasks?scope=group&instanceId={instanceId}")).Items().Single().Str("id");

        await memberClient.PostOkAsync($"/api/tasks/{taskId}/claim");
        Assert.Equal(taskId, (await memberClient.GetOkAsync("/api/tasks?scope=mine")).Items().Single(t => t.Str("id") == taskId).Str("id"));
        var released = await memberClient.PostOkAsync($"/api/tasks/{taskId}/unclaim");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, released.GetProperty("assignee").ValueKind);

        await (await memberClient.PostAsJsonAsync($"/api/tasks/{taskId}/assign", new { userId = member.Id })).ProblemAsync(HttpStatusCode.Forbidden);
        var assigned = await admin.PostOkAsync($"/api/tasks/{taskId}/assign", new { userId = member.Id });
        Assert.Equal(member.Id, assigned.Str("assignee"));
        await (await admin.PostAsJsonAsync($"/api/tasks/{taskId}/assign", new { userId = "nobody" })).ProblemAsync(HttpStatusCode.UnprocessableEntity);
    }

    /// <summary>Instance version, task rows and history count: what a rejected request must not change.</summary>
    private async Task<string> SnapshotAsync(string instanceId)
    {
        var id = Guid.Parse(instanceId);
        await using var scope = service.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
        var version = await db.Instances.Where(i => i.Id == id).Select(i => i.Version).SingleAsync();
        var tasks = await db.Tasks.Where(t => t.InstanceId == id).OrderBy(t => t.Id).Select(t => t.Status + ":" + t.Assignee).ToListAsync();
        var history = await db.History.CountAsync(h => h.InstanceId == id);
        return $"{version}|{string.Join(',', tasks)}|{history}";
    }
}
