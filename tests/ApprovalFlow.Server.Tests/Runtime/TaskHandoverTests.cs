using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ApprovalFlow.Engine.History;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApprovalFlow.Server.Tests.Runtime;

/// <summary><c>POST /api/tasks/{id}/handover</c> on a real database: who may, to whom, and what is recorded.</summary>
[Collection(ServiceGroup.Name)]
public class TaskHandoverTests(ServiceFixture service)
{
    [Fact]
    public async Task Handover_ToAGroupMember_MovesTheTaskIntoTheirInbox_AndRecordsFromToAndNote()
    {
        var (_, (assignee, assigneeClient), (colleague, colleagueClient), taskId, instanceId) = await ClaimedTaskAsync();

        var handed = await assigneeClient.PostOkAsync($"/api/tasks/{taskId}/handover", new { userId = colleague.Id, note = "  لطفاً تا پایان هفته ببینید.  " });

        Assert.Equal(colleague.Id, handed.Str("assignee"));
        Assert.Contains(taskId, (await colleagueClient.GetOkAsync("/api/tasks?scope=mine")).Items().Select(t => t.Str("id")));
        Assert.DoesNotContain(taskId, (await assigneeClient.GetOkAsync("/api/tasks?scope=mine")).Items().Select(t => t.Str("id")));
        var events = await HistoryAsync(instanceId, HistoryEventType.TaskHandedOver);
        var handover = Assert.Single(events);
        Assert.Equal(taskId, handover.TaskId);
        Assert.Equal("prepare", handover.NodeId);
        Assert.Equal(assignee.Id, handover.Actor);
        Assert.Equal(assignee.Id, handover.Data!.Value.GetProperty("from").GetString());
        Assert.Equal(colleague.Id, handover.Data.Value.GetProperty("to").GetString());
        Assert.Equal("لطفاً تا پایان هفته ببینید.", handover.Data.Value.GetProperty("note").GetString());

        // The new assignee can work it: complete it with the form's data.
        await colleagueClient.PostOkAsync($"/api/tasks/{taskId}/complete", new { variables = new { amount = 1 } });
    }

    [Fact]
    public async Task Handover_ToSomeoneWhoIsNotACandidate_Is400_AndNothingChanges()
    {
        var (group, (_, assigneeClient), _, taskId, instanceId) = await ClaimedTaskAsync();
        var outsider = await service.CreateUserAsync("outsider", [Roles.Official], $"other-{Guid.NewGuid():N}");
        var before = await SnapshotAsync(instanceId);

        var notCandidate = await assigneeClient.PostAsJsonAsync($"/api/tasks/{taskId}/handover", new { userId = outsider.Id, note = "x" });
        var unknown = await assigneeClient.PostAsJsonAsync($"/api/tasks/{taskId}/handover", new { userId = "nobody-" + Guid.NewGuid() });
        var missing = await assigneeClient.PostAsJsonAsync($"/api/tasks/{taskId}/handover", new { note = "بدون گیرنده" });
        var longNote = await assigneeClient.PostAsJsonAsync($"/api/tasks/{taskId}/handover", new { userId = outsider.Id, note = new string('ن', 2001) });

        Assert.Contains($"'{outsider.Id}' is not a candidate", (await notCandidate.ProblemAsync(HttpStatusCode.BadRequest)).Str("detail"), StringComparison.Ordinal);
        Assert.Contains(group, (await unknown.ProblemAsync(HttpStatusCode.BadRequest)).Str("detail"), StringComparison.Ordinal);
        Assert.Contains("userId is required", (await missing.ProblemAsync(HttpStatusCode.BadRequest)).Str("detail"), StringComparison.Ordinal);
        Assert.Contains("at most 2000", (await longNote.ProblemAsync(HttpStatusCode.BadRequest)).Str("detail"), StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync(instanceId));
    }

    [Fact]
    public async Task Handover_ByACandidateWhoDoesNotHoldIt_Is403_ByAnAdmin_Works_AfterCompletion_Is409()
    {
        var (_, (assignee, _), (colleague, colleagueClient), taskId, instanceId) = await ClaimedTaskAsync();
        var (_, admin) = await service.SignInNewAsync("admin", [Roles.Admin]);
        var before = await SnapshotAsync(instanceId);

        var byColleague = await colleagueClient.PostAsJsonAsync($"/api/tasks/{taskId}/handover", new { userId = colleague.Id });
        Assert.Contains("assignee or an admin", (await byColleague.ProblemAsync(HttpStatusCode.Forbidden)).Str("detail"), StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync(instanceId));

        var byAdmin = await admin.PostOkAsync($"/api/tasks/{taskId}/handover", new { userId = colleague.Id, note = "مرخصی" });
        Assert.Equal(colleague.Id, byAdmin.Str("assignee"));
        var handover = Assert.Single(await HistoryAsync(instanceId, HistoryEventType.TaskHandedOver));
        Assert.Equal(assignee.Id, handover.Data!.Value.GetProperty("from").GetString());

        await colleagueClient.PostOkAsync($"/api/tasks/{taskId}/complete", new { variables = new { amount = 1 } });
        var afterCompletion = await SnapshotAsync(instanceId);
        var late = await colleagueClient.PostAsJsonAsync($"/api/tasks/{taskId}/handover", new { userId = assignee.Id });
        Assert.Contains("completed", (await late.ProblemAsync(HttpStatusCode.Conflict)).Str("detail"), StringComparison.Ordinal);
        Assert.Equal(afterCompletion, await SnapshotAsync(instanceId));
    }

    [Fact]
    public async Task Handover_OfAnUnclaimedTask_Is403_AndOfAnUnknownTask_Is404()
    {
        await service.DeployAsync("generic-approval.bpmn");
        var group = $"office-{Guid.NewGuid():N}";
        var (_, member) = await service.SignInNewAsync("member", [Roles.Official], group);
        var other = await service.CreateUserAsync("other", [Roles.Official], group);
        var instanceId = (await member.PostOkAsync("/api/instances", new { definitionKey = "generic-approval", variables = new { officeGroup = group } }, HttpStatusCode.Created)).Str("id");
        var taskId = (await member.GetOkAsync($"/api/tasks?scope=group&instanceId={instanceId}")).Items().Single().Str("id");

        var unclaimed = await member.PostAsJsonAsync($"/api/tasks/{taskId}/handover", new { userId = other.Id });
        var unknown = await member.PostAsJsonAsync($"/api/tasks/{Guid.NewGuid()}/handover", new { userId = other.Id });

        Assert.Contains("Claim the task", (await unclaimed.ProblemAsync(HttpStatusCode.Forbidden)).Str("detail"), StringComparison.Ordinal);
        await unknown.ProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty(await HistoryAsync(instanceId, HistoryEventType.TaskHandedOver));
    }

    [Fact]
    public async Task Two_concurrent_handovers_of_one_task_one_wins_and_one_event_is_recorded()
    {
        var (group, (_, assigneeClient), (colleague, _), taskId, instanceId) = await ClaimedTaskAsync();
        var third = await service.CreateUserAsync("third", [Roles.Official], group);

        var answers = await Task.WhenAll(
            assigneeClient.PostAsJsonAsync($"/api/tasks/{taskId}/handover", new { userId = colleague.Id }),
            assigneeClient.PostAsJsonAsync($"/api/tasks/{taskId}/handover", new { userId = third.Id }));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        // The loser read the task either before the winner's commit (its guarded update then changes nothing: 409)
        // or after it (it no longer holds the task: 403); both leave the winner's assignment alone.
        var loser = Assert.Single(answers, a => a.StatusCode != HttpStatusCode.OK);
        Assert.Contains(loser.StatusCode, new[] { HttpStatusCode.Conflict, HttpStatusCode.Forbidden });
        Assert.Equal("application/problem+json", loser.Content.Headers.ContentType!.MediaType);
        var handover = Assert.Single(await HistoryAsync(instanceId, HistoryEventType.TaskHandedOver));
        Assert.Equal(handover.Data!.Value.GetProperty("to").GetString(), await AssigneeAsync(taskId));
    }

    [Fact]
    public async Task Handover_ToACandidateUser_WhoIsInNoCandidateGroup_Works()
    {
        var key = BpmnFiles.NewKey("handover");
        await service.DeployXmlAsync($$"""
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
              <bpmn:process id="{{key}}" isExecutable="true">
                <bpmn:startEvent id="s" />
                <bpmn:userTask id="review" camunda:candidateUsers="${first}, ${second}" />
                <bpmn:endEvent id="e" />
                <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="review" />
                <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="e" />
              </bpmn:process>
            </bpmn:definitions>
            """);
        var (first, firstClient) = await service.SignInNewAsync("first", [Roles.Official]);
        var (second, secondClient) = await service.SignInNewAsync("second", [Roles.Official]);
        var outsider = await service.CreateUserAsync("third", [Roles.Official]);
        var instanceId = (await firstClient.PostOkAsync("/api/instances", new { definitionKey = key, variables = new { first = first.Id, second = second.Id } }, HttpStatusCode.Created)).Str("id");
        var taskId = (await firstClient.GetOkAsync($"/api/tasks?scope=group&instanceId={instanceId}")).Items().Single().Str("id");
        await firstClient.PostOkAsync($"/api/tasks/{taskId}/claim");

        var toOutsider = await firstClient.PostAsJsonAsync($"/api/tasks/{taskId}/handover", new { userId = outsider.Id });
        await toOutsider.ProblemAsync(HttpStatusCode.BadRequest);
        var handed = await firstClient.PostOkAsync($"/api/tasks/{taskId}/handover", new { userId = second.Id });

        Assert.Equal(second.Id, handed.Str("assignee"));
        Assert.Equal(JsonValueKind.Null, Assert.Single(await HistoryAsync(instanceId, HistoryEventType.TaskHandedOver)).Data!.Value.GetProperty("note").ValueKind);
        await secondClient.PostOkAsync($"/api/tasks/{taskId}/complete");
    }

    /// <summary>A generic-approval instance whose first task the first of two members of a new group has claimed.</summary>
    private async Task<(string Group, (ApplicationUser User, HttpClient Client) Assignee, (ApplicationUser User, HttpClient Client) Colleague, string TaskId, string InstanceId)> ClaimedTaskAsync()
    {
        await service.DeployAsync("generic-approval.bpmn");
        var group = $"office-{Guid.NewGuid():N}";
        var assignee = await service.SignInNewAsync("assignee", [Roles.Official], group);
        var colleague = await service.SignInNewAsync("colleague", [Roles.Official], group);
        var instanceId = (await assignee.Client.PostOkAsync("/api/instances", new { definitionKey = "generic-approval", variables = new { officeGroup = group } }, HttpStatusCode.Created)).Str("id");
        var taskId = (await assignee.Client.GetOkAsync($"/api/tasks?scope=group&instanceId={instanceId}")).Items().Single().Str("id");
        await assignee.Client.PostOkAsync($"/api/tasks/{taskId}/claim");
        return (group, assignee, colleague, taskId, instanceId);
    }

    private async Task<List<HistoryEventRecord>> HistoryAsync(string instanceId, HistoryEventType type)
    {
        var id = Guid.Parse(instanceId);
        await using var scope = service.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
        return await db.History.AsNoTracking().Where(h => h.InstanceId == id && h.Type == type).ToListAsync();
    }

    private async Task<string?> AssigneeAsync(string taskId)
    {
        var id = Guid.Parse(taskId);
        await using var scope = service.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>().Tasks.Where(t => t.Id == id).Select(t => t.Assignee).SingleAsync();
    }

    /// <summary>Instance version, task rows and history count: what a refused request must not change.</summary>
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
