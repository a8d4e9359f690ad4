using System.Net;
using System.Text.Json;
using ApprovalFlow.Engine.History;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApprovalFlow.Server.Tests.Tasks;

/// <summary>
/// One open task of <c>generic-approval.bpmn</c> offered to a group of its own with two members, an
/// official of another group (who may not see it) and an admin.
/// </summary>
internal sealed record TaskActivityScenario(
    ServiceFixture Service, string TaskId, ApplicationUser Member, HttpClient MemberClient, ApplicationUser Colleague, HttpClient ColleagueClient,
    HttpClient OutsiderClient, ApplicationUser Admin, HttpClient AdminClient)
{
    public static async Task<TaskActivityScenario> StartAsync(ServiceFixture service)
    {
        await service.DeployAsync("generic-approval.bpmn");
        var group = $"office-{Guid.NewGuid():N}";
        var (member, memberClient) = await service.SignInNewAsync("member", [Roles.Official], group);
        var (colleague, colleagueClient) = await service.SignInNewAsync("colleague", [Roles.Official], group);
        var (_, outsider) = await service.SignInNewAsync("outsider", [Roles.Official], $"other-{Guid.NewGuid():N}");
        var (admin, adminClient) = await service.SignInNewAsync("admin", [Roles.Admin]);
        var instanceId = (await memberClient.PostOkAsync("/api/instances", new { definitionKey = "generic-approval", variables = new { officeGroup = group } }, HttpStatusCode.Created)).Str("id");
        var taskId = (await memberClient.GetOkAsync($"/api/tasks?scope=group&instanceId={instanceId}")).Items().Single().Str("id");
        return new(service, taskId, member, memberClient, colleague, colleagueClient, outsider, admin, adminClient);
    }

    /// <summary>The host-written history rows of the task of <paramref name="type"/>, oldest first.</summary>
    public async Task<List<HistoryEventRecord>> HistoryAsync(HistoryEventType type)
    {
        await using var scope = Service.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
        return await db.History.AsNoTracking().Where(h => h.TaskId == TaskId && h.Type == type).OrderBy(h => h.Sequence).ToListAsync();
    }

    /// <summary>How many comments and attachments the task has in the database.</summary>
    public async Task<(int Comments, int Attachments)> StoredAsync()
    {
        var id = Guid.Parse(TaskId);
        await using var scope = Service.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
        return (await db.TaskComments.CountAsync(c => c.TaskId == id), await db.TaskAttachments.CountAsync(a => a.TaskId == id));
    }

    public static string? Text(JsonElement? data, string property) => data!.Value.GetProperty(property).GetString();
}
