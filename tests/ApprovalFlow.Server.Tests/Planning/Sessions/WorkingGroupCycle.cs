using System.Net.Http.Json;
using System.Text.Json;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Definitions;
using ApprovalFlow.Server.Features.Planning;
using ApprovalFlow.Server.Runtime;
using ApprovalFlow.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApprovalFlow.Server.Tests.Planning.Sessions;

/// <summary>
/// A plan cycle of a test's own: a shipped <c>working-group</c> instance as the root (business key
/// <c>mtp-test-sessions-…</c>, so its cycle is made on first use) for one working group of Mashhad's directory,
/// with a new secretary (member of the secretary group), a chair and an outsider (member of another working group).
/// </summary>
internal sealed record WorkingGroupCycle(string BusinessKey, Guid InstanceId, PlanWorkingGroupItem Group, HttpClient Secretary, HttpClient Chair, HttpClient Outsider)
{
    /// <summary>The cycle's API root, e.g. <c>/api/cycles/mtp-test-sessions-…</c>.</summary>
    public string Api => $"/api/cycles/{BusinessKey}";

    public static async Task<WorkingGroupCycle> StartAsync(ServiceFixture service, string workingGroupId, string name)
    {
        await PlanningSeed.SeedAsync(service);
        await using var scope = service.Factory.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var directory = await services.GetRequiredService<PlanningDirectoryReader>().ReadAsync(CancellationToken.None);
        var group = directory.WorkingGroups.Single(g => g.Id == workingGroupId);
        var other = directory.WorkingGroups.First(g => g.Id != workingGroupId && g.Theme != group.Theme);
        var definition = await services.GetRequiredService<DefinitionCatalog>().FindAsync("working-group", null, CancellationToken.None);
        var businessKey = $"mtp-test-sessions-{name}-{Guid.NewGuid():N}"[..48];
        var instance = await services.GetRequiredService<InstanceRunner>().StartAsync(
            definition!,
            businessKey,
            new Dictionary<string, JsonElement>
            {
                ["workingGroup"] = JsonSerializer.SerializeToElement(group, JsonSerializerOptions.Web),
                ["title"] = JsonSerializer.SerializeToElement("برنامه آزمایشی جلسات کارگروه"),
                ["cycle"] = JsonSerializer.SerializeToElement("1405-1408"),
            },
            null,
            CancellationToken.None);
        var (_, secretary) = await service.SignInNewAsync($"secretary-{name}", [Roles.Official], group.SecretaryGroup);
        var (_, chair) = await service.SignInNewAsync($"chair-{name}", [Roles.Official], group.ChairGroup);
        var (_, outsider) = await service.SignInNewAsync($"outsider-{name}", [Roles.Official], other.Id, other.SecretaryGroup);
        return new WorkingGroupCycle(businessKey, instance.Id, group, secretary, chair, outsider);
    }

    /// <summary>Waits for the open task at <paramref name="nodeId"/> of the instance, claims it as <paramref name="client"/> and returns its id.</summary>
    public async Task<string> ClaimAsync(ServiceFixture service, string nodeId, HttpClient client)
    {
        Guid? id = null;
        await ServiceFixture.EventuallyAsync(async () =>
        {
            await using var scope = service.Factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
            id = await db.Tasks.Where(t => t.InstanceId == InstanceId && t.NodeId == nodeId && t.Status == UserTaskStatus.Open).Select(t => (Guid?)t.Id).SingleOrDefaultAsync();
            return id is not null;
        }, $"the open {nodeId} task");
        await client.PostOkAsync($"/api/tasks/{id}/claim");
        return id!.Value.ToString();
    }

    /// <summary>A session body for the working group.</summary>
    public object Session(string agenda, string? minutes = "صورت‌جلسه نوشته شد.", string[]? sources = null, object[]? attendees = null) => new
    {
        workingGroup = Group.Id,
        date = "2026-05-05",
        place = "سالن شورای منطقه",
        online = false,
        agenda,
        minutes,
        sources = sources ?? ["citizen-surveys"],
        attendees = attendees ?? [new { name = "نماینده محله", stakeholderGroup = "citizens" }],
    };

    /// <summary>Creates an item and returns its id.</summary>
    public async Task<string> ItemAsync(string kind, string title, string[]? from = null, string? responsibleUnit = null, string[]? sessions = null) =>
        (await Secretary.PostOkAsync($"{Api}/items", new { kind, title, workingGroup = Group.Id, from, responsibleUnit, sessions }, System.Net.HttpStatusCode.Created)).Str("id");

    /// <summary>POSTs <paramref name="body"/> as JSON.</summary>
    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string url, object body) => client.PostAsJsonAsync(url, body);
}
