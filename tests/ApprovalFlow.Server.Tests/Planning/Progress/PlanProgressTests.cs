using System.Net;
using System.Text.Json;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Planning;
using ApprovalFlow.Server.Tests.Calendar;
using ApprovalFlow.Server.Tests.Support;
using ApprovalFlow.Simulation;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ApprovalFlow.Server.Tests.Planning.Progress;

/// <summary>
/// <c>GET /api/cycles/{businessKey}/progress</c> on the shipped definitions and Mashhad's directory: a cycle run (through
/// HTTP, <see cref="CycleSimulator"/>) until its working groups record sessions, then one working group drafting, one
/// agreed; read now and on a second host whose clock is 60 days later (every open task past its due date); a cycle
/// without a process whose working groups stand by their recorded sessions, items and agreements; 403 and 404.
/// </summary>
[Collection(ServiceGroup.Name)]
public class PlanProgressTests(ServiceFixture service)
{
    [Fact]
    public async Task Progress_CountsEachWorkingGroupByItsOpenTask_ItemsByThemeAndKind_AndTheStage_AndLateOnceTheDueDatePassed()
    {
        await PlanningSeed.SeedAsync(service);
        var result = await new CycleSimulator(service.Factory.CreateClient, new SimulationOptions
        {
            Password = PlanningSeed.Options.DemoPassword,
            Cycle = $"test-progress-{Guid.NewGuid():N}"[..24],
            StopAt = "RecordSessions",
        }).RunAsync(CancellationToken.None);
        Assert.Equal("stopped", result.Status);
        var root = Guid.Parse(result.RootInstanceId);
        var key = (await RootAsync(root)).BusinessKey!;
        var api = $"/api/cycles/{key}";
        var groups = (await RootAsync(root)).State.Variables["workingGroups"].Deserialize<List<PlanWorkingGroupItem>>(JsonSerializerOptions.Web)!;
        var drafting = groups.First(g => g.Theme == "urban-identity");
        var agreed = groups.First(g => g.Theme == "urban-economy");
        var (_, office) = await service.SignInNewAsync("progress-office", [Roles.Official], PlanningAccess.PlanningOfficeGroup);

        // The drafting group: a session, RecordSessions done, a problem drafted; DraftFindings stays open.
        var (_, draftingSecretary) = await service.SignInNewAsync("progress-secretary-a", [Roles.Official], drafting.SecretaryGroup);
        await RecordSessionsAsync(draftingSecretary, api, root, drafting);
        await ClaimAsync(draftingSecretary, root, drafting, "DraftFindings");
        await ItemAsync(draftingSecretary, api, new { kind = "problem", title = "کمبود فضاهای جمعی", workingGroup = drafting.Id });

        // The agreed group: session, problem → strategy → policy → project, the members' agreement; its instance ends.
        var (_, agreedSecretary) = await service.SignInNewAsync("progress-secretary-b", [Roles.Official], agreed.SecretaryGroup);
        var (_, agreedChair) = await service.SignInNewAsync("progress-chair-b", [Roles.Official], agreed.ChairGroup);
        await RecordSessionsAsync(agreedSecretary, api, root, agreed);
        var draft = await ClaimAsync(agreedSecretary, root, agreed, "DraftFindings");
        var problem = await ItemAsync(agreedSecretary, api, new { kind = "problem", title = "رکود بازارچه‌های محلی", workingGroup = agreed.Id });
        var strategy = await ItemAsync(agreedSecretary, api, new { kind = "strategy", title = "رونق بازارچه‌ها", workingGroup = agreed.Id, from = new[] { problem } });
        var policy = await ItemAsync(agreedSecretary, api, new { kind = "executivePolicy", title = "تسهیل مجوز کسب‌وکار محلی", workingGroup = agreed.Id, from = new[] { strategy } });
        await ItemAsync(agreedSecretary, api, new { kind = "project", title = "نوسازی بازارچه‌ها", workingGroup = agreed.Id, from = new[] { policy }, responsibleUnit = "سازمان ساماندهی مشاغل شهری" });
        await agreedSecretary.PostOkAsync($"/api/tasks/{draft}/complete");
        var agree = await ClaimAsync(agreedChair, root, agreed, "AgreeFindings");
        await agreedChair.PostOkAsync($"{api}/agreements", new { workingGroup = agreed.Id, decision = "approve", comment = "توافق شد", taskId = agree, agreeAllByConsensus = true }, HttpStatusCode.Created);
        await agreedChair.PostOkAsync($"/api/tasks/{agree}/complete");

        var now = await office.GetOkAsync($"{api}/progress");

        var others = groups.Count - 2;
        Assert.Equal((0, others, 1, 1, 0, groups.Count), Totals(now.GetProperty("workingGroupTotals")));
        Assert.Equal("drafting", State(now, drafting.Id));
        Assert.Equal("DraftFindings", Group(now, drafting.Id).Str("openTask"));
        Assert.Equal("agreed", State(now, agreed.Id));
        Assert.Equal(JsonValueKind.Null, Group(now, agreed.Id).GetProperty("openTask").ValueKind);
        var identity = groups.Count(g => g.Theme == "urban-identity");
        var economy = groups.Count(g => g.Theme == "urban-economy");
        Assert.Equal((0, identity - 1, 1, 0, 0, identity), Totals(Breakdown(now, "workingGroupsByTheme", "urban-identity")));
        Assert.Equal((0, economy - 1, 0, 1, 0, economy), Totals(Breakdown(now, "workingGroupsByTheme", "urban-economy")));
        var environment = groups.Count(g => g.Theme == "urban-environment");
        Assert.Equal((0, environment, 0, 0, 0, environment), Totals(Breakdown(now, "workingGroupsByTheme", "urban-environment")));
        foreach (var level in PlanningVocabulary.Levels)
        {
            var counts = Totals(Breakdown(now, "workingGroupsByLevel", level));
            Assert.Equal(groups.Count(g => g.Level == level), counts.Total);
            Assert.Equal((drafting.Level == level ? 1 : 0, agreed.Level == level ? 1 : 0), (counts.Drafting, counts.Agreed));
        }

        Assert.Equal((1, 0, 0, 0), Items(now, "urban-identity"));
        Assert.Equal((1, 1, 1, 1), Items(now, "urban-economy"));
        Assert.Equal((0, 0, 0, 0), Items(now, "urban-fabric"));
        var stage = Assert.Single(now.GetProperty("stages").EnumerateArray());
        Assert.Equal("WorkingGroupSessions", stage.Str("nodeId"));
        Assert.Equal(groups.Count - 1, stage.GetProperty("openTasks").GetInt32());
        Assert.Equal(JsonValueKind.Null, stage.GetProperty("body").ValueKind);
        Assert.Equal(("preparing", "active"), (now.Str("status"), now.Str("process")));

        // Sixty days on (the working groups' deadline is 20 working days): every open task is past due, the agreed group is not late.
        var later = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(60));
        await using var host = service.Factory.WithWebHostBuilder(web =>
            ServiceFixture.WithoutJobs(web).ConfigureTestServices(services => services.AddSingleton<TimeProvider>(later)));
        var officeUser = await service.CreateUserAsync("progress-office-later", [Roles.Official], PlanningAccess.PlanningOfficeGroup);
        using var officeLater = await CalendarDeadlineTests.SignInAsync(host, officeUser);
        var late = await officeLater.GetOkAsync($"{api}/progress");

        Assert.Equal((0, 0, 0, 1, groups.Count - 1, groups.Count), Totals(late.GetProperty("workingGroupTotals")));
        Assert.Equal("late", State(late, drafting.Id));
        Assert.Equal("agreed", State(late, agreed.Id));
        Assert.True(Group(late, drafting.Id).GetProperty("dueAt").GetDateTimeOffset() < later.GetUtcNow());
        Assert.Equal((0, 0, 0, 1, economy - 1, economy), Totals(Breakdown(late, "workingGroupsByTheme", "urban-economy")));
    }

    [Fact]
    public async Task Progress_OfACycleWithoutAProcess_StandsByTheRecordedSessionsItemsAndAgreements_TheRestNotStarted()
    {
        await PlanningSeed.SeedAsync(service);
        var (_, office) = await service.SignInNewAsync("progress-planner", [Roles.Official], PlanningAccess.PlanningOfficeGroup);
        var key = $"mtp-test-progress-plain-{Guid.NewGuid():N}"[..40];
        var api = $"/api/cycles/{key}";
        await office.PostOkAsync("/api/cycles", new { title = "برنامه آزمون پیشرفت", firstYear = 1409, lastYear = 1412, businessKey = key }, HttpStatusCode.Created);
        await using var scope = service.Factory.Services.CreateAsyncScope();
        var directory = await scope.ServiceProvider.GetRequiredService<PlanningDirectoryReader>().ReadAsync(CancellationToken.None);
        var sessions = directory.WorkingGroups.First(g => g.Theme == "urban-fabric");
        var items = directory.WorkingGroups.First(g => g.Theme == "urban-fabric" && g.Id != sessions.Id);
        var agreedGroup = directory.WorkingGroups.First(g => g.Theme == "urban-management");
        var (_, sessionsSecretary) = await service.SignInNewAsync("progress-plain-a", [Roles.Official], sessions.SecretaryGroup);
        var (_, itemsSecretary) = await service.SignInNewAsync("progress-plain-b", [Roles.Official], items.SecretaryGroup);
        var (_, agreedChair) = await service.SignInNewAsync("progress-plain-c", [Roles.Official], agreedGroup.ChairGroup);
        await sessionsSecretary.PostOkAsync($"{api}/sessions", Session(sessions), HttpStatusCode.Created);
        await itemsSecretary.PostOkAsync($"{api}/sessions", Session(items), HttpStatusCode.Created);
        await ItemAsync(itemsSecretary, api, new { kind = "strategy", title = "پیاده‌راه‌سازی محورهای تاریخی", workingGroup = items.Id });
        await agreedChair.PostOkAsync($"{api}/agreements", new { workingGroup = agreedGroup.Id, decision = "approve", comment = "توافق شد" }, HttpStatusCode.Created);

        var progress = await office.GetOkAsync($"{api}/progress");

        var all = directory.WorkingGroups.Count;
        Assert.Equal((all - 3, 1, 1, 1, 0, all), Totals(progress.GetProperty("workingGroupTotals")));
        Assert.Equal(["inSessions", "drafting", "agreed"], new[] { sessions.Id, items.Id, agreedGroup.Id }.Select(id => State(progress, id)));
        var fabric = directory.WorkingGroups.Count(g => g.Theme == "urban-fabric");
        Assert.Equal((fabric - 2, 1, 1, 0, 0, fabric), Totals(Breakdown(progress, "workingGroupsByTheme", "urban-fabric")));
        Assert.Equal((0, 1, 0, 0), Items(progress, "urban-fabric"));
        Assert.Empty(progress.GetProperty("stages").EnumerateArray());
        Assert.Equal(("notStarted", 1409, 1412), (progress.Str("process"), progress.GetProperty("firstYear").GetInt32(), progress.GetProperty("lastYear").GetInt32()));
        Assert.Equal(
            directory.WorkingGroups.Select(g => g.Id),
            progress.GetProperty("workingGroups").EnumerateArray().Select(g => g.Str("id")));
    }

    [Fact]
    public async Task Progress_IsRefusedWith403ToSomeoneOutsideTheCycle_And404ForAnUnknownCycle()
    {
        var (_, office) = await service.SignInNewAsync("progress-planner-403", [Roles.Official], PlanningAccess.PlanningOfficeGroup);
        var (_, outsider) = await service.SignInNewAsync("progress-outsider", [Roles.Official]);
        var key = $"mtp-test-progress-403-{Guid.NewGuid():N}"[..40];
        await office.PostOkAsync("/api/cycles", new { title = "برنامه آزمون دسترسی", firstYear = 1413, lastYear = 1416, businessKey = key }, HttpStatusCode.Created);

        var forbidden = await (await outsider.GetAsync(new Uri($"/api/cycles/{key}/progress", UriKind.Relative))).ProblemAsync(HttpStatusCode.Forbidden);
        var missing = await (await office.GetAsync(new Uri("/api/cycles/mtp-no-such-cycle/progress", UriKind.Relative))).ProblemAsync(HttpStatusCode.NotFound);

        Assert.Equal(PlanningAccess.NotAParticipant(key), forbidden.Detail());
        Assert.Contains("No plan cycle has the business key 'mtp-no-such-cycle'", missing.Detail(), StringComparison.Ordinal);
        Assert.Equal(key, (await office.GetOkAsync($"/api/cycles/{key}/progress")).Str("businessKey"));
    }

    private static object Session(PlanWorkingGroupItem group) => new
    {
        workingGroup = group.Id,
        date = "2026-05-05",
        place = "سالن جلسات",
        online = false,
        agenda = "هم‌اندیشی با ذی‌نفعان",
        minutes = "صورت‌جلسه نوشته شد.",
        sources = new[] { "citizen-surveys" },
        attendees = new[] { new { name = "نماینده محله", stakeholderGroup = "citizens" } },
    };

    private async Task RecordSessionsAsync(HttpClient secretary, string api, Guid root, PlanWorkingGroupItem group)
    {
        var task = await ClaimAsync(secretary, root, group, "RecordSessions");
        await secretary.PostOkAsync($"{api}/sessions", Session(group), HttpStatusCode.Created);
        await secretary.PostOkAsync($"/api/tasks/{task}/complete");
    }

    private static async Task<string> ItemAsync(HttpClient client, string api, object body) =>
        (await client.PostOkAsync($"{api}/items", body, HttpStatusCode.Created)).Str("id");

    /// <summary>Waits for the open task at <paramref name="nodeId"/> of <paramref name="group"/>'s child instance, claims it and returns its id.</summary>
    private async Task<string> ClaimAsync(HttpClient client, Guid root, PlanWorkingGroupItem group, string nodeId)
    {
        Guid? id = null;
        await ServiceFixture.EventuallyAsync(async () =>
        {
            await using var scope = service.Factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
            var open = await db.Tasks.AsNoTracking().Where(t => t.RootInstanceId == root && t.NodeId == nodeId && t.Status == UserTaskStatus.Open).ToListAsync();
            var instances = await db.Instances.AsNoTracking().Where(i => i.RootInstanceId == root && i.DefinitionKey == "working-group").ToListAsync();
            var child = instances.Single(i => i.State.Variables["workingGroup"].GetProperty("id").GetString() == group.Id);
            id = open.SingleOrDefault(t => t.InstanceId == child.Id)?.Id;
            return id is not null;
        }, $"the open {nodeId} task of {group.Id}");
        await client.PostOkAsync($"/api/tasks/{id}/claim");
        return id!.Value.ToString();
    }

    private async Task<ProcessInstanceRecord> RootAsync(Guid root)
    {
        await using var scope = service.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>().Instances.AsNoTracking().SingleAsync(i => i.Id == root);
    }

    private static JsonElement Group(JsonElement progress, string id) =>
        progress.GetProperty("workingGroups").EnumerateArray().Single(g => g.Str("id") == id);

    private static string State(JsonElement progress, string id) => Group(progress, id).Str("state");

    private static JsonElement Breakdown(JsonElement progress, string property, string id) =>
        progress.GetProperty(property).EnumerateArray().Single(b => b.Str("id") == id).GetProperty("counts");

    private static (int NotStarted, int InSessions, int Drafting, int Agreed, int Late, int Total) Totals(JsonElement counts) =>
        (counts.GetProperty("notStarted").GetInt32(), counts.GetProperty("inSessions").GetInt32(), counts.GetProperty("drafting").GetInt32(),
         counts.GetProperty("agreed").GetInt32(), counts.GetProperty("late").GetInt32(), counts.GetProperty("total").GetInt32());

    private static (int Problems, int Strategies, int Policies, int Projects) Items(JsonElement progress, string theme)
    {
        var counts = progress.GetProperty("itemsByTheme").EnumerateArray().Single(t => t.Str("theme") == theme);
        return (counts.GetProperty("problems").GetInt32(), counts.GetProperty("strategies").GetInt32(), counts.GetProperty("executivePolicies").GetInt32(), counts.GetProperty("projects").GetInt32());
    }
}
