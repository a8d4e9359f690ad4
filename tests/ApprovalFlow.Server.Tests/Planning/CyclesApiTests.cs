using System.Net;
using System.Net.Http.Json;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Planning.Cycles;
using ApprovalFlow.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApprovalFlow.Server.Tests.Planning;

/// <summary><c>/api/cycles</c>: create with defaults, list, read, start the root instance, and each refusal; <see cref="PlanCycles.ForTaskAsync"/> making a cycle.</summary>
[Collection(ServiceGroup.Name)]
public class CyclesApiTests(ServiceFixture service)
{
    [Fact]
    public async Task Create_WithDefaults_HasTheSixThemesAndKeyMtpFirstLast_ListedAndReadByAnyOfficial()
    {
        var (_, planner) = await service.SignInNewAsync("planner", [Roles.Official], "planning-office");
        var (_, reader) = await service.SignInNewAsync("reader", [Roles.Official]);
        const int first = 1421;
        var created = await planner.PostOkAsync("/api/cycles", new { title = "برنامه آزمایشی", firstYear = first, lastYear = first + 3, businessKey = $"mtp-defaults-{Guid.NewGuid():N}" }, HttpStatusCode.Created);
        var tooEarly = await planner.PostAsJsonAsync("/api/cycles", new { title = "برنامه پیش‌فرض", firstYear = 1201, lastYear = 1204 });

        Assert.Equal(["urban-identity", "urban-fabric", "urban-diplomacy", "urban-economy", "urban-environment", "urban-management"], created.GetProperty("themes").EnumerateArray().Select(t => t.Str("id")));
        Assert.Equal("هویت شهری", created.GetProperty("themes")[0].Str("name"));
        Assert.Equal("preparing", created.Str("status"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, created.GetProperty("rootInstanceId").ValueKind);
        Assert.Equal("firstYear", Assert.Single((await tooEarly.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").EnumerateObject()).Name);

        var ownKey = created.Str("businessKey");
        var list = await reader.GetOkAsync("/api/cycles");
        Assert.Contains(list.EnumerateArray(), c => c.Str("businessKey") == ownKey && c.GetProperty("firstYear").GetInt32() == first && c.GetProperty("lastYear").GetInt32() == first + 3);
        Assert.Equal("برنامه آزمایشی", (await reader.GetOkAsync($"/api/cycles/{ownKey}")).Str("title"));

        var plain = await planner.PostOkAsync("/api/cycles", new { title = "کلید پیش‌فرض", firstYear = 1470, lastYear = 1473 }, HttpStatusCode.Created);
        Assert.Equal("mtp-1470-1473", plain.Str("businessKey"));
    }

    [Fact]
    public async Task Create_Refuses_YearsNotFourApart_DuplicateOrUnknownThemes_TakenKey_AndNonPlanners()
    {
        var (_, planner) = await service.SignInNewAsync("planner", [Roles.Official], "planning-office");
        var (_, official) = await service.SignInNewAsync("official", [Roles.Official]);
        var key = $"mtp-test-{Guid.NewGuid():N}";

        var years = await (await planner.PostAsJsonAsync("/api/cycles", new { title = "t", firstYear = 1405, lastYear = 1409, businessKey = key })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("must be 1408", years.GetProperty("errors").GetProperty("lastYear")[0].GetString(), StringComparison.Ordinal);

        var themes = await (await planner.PostAsJsonAsync("/api/cycles", new
        {
            title = "t", firstYear = 1405, lastYear = 1408, businessKey = key,
            themes = new object[] { new { id = "urban-identity" }, new { id = "urban-identity" }, new { id = "smart-city" }, new { id = "Bad Id", name = "x" } },
        })).ProblemAsync(HttpStatusCode.BadRequest);
        var errors = themes.GetProperty("errors");
        Assert.Equal(["themes[1].id", "themes[2].name", "themes[3].id"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Contains("given twice", errors.GetProperty("themes[1].id")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("not a theme of the glossary", errors.GetProperty("themes[2].name")[0].GetString(), StringComparison.Ordinal);

        var custom = await planner.PostOkAsync("/api/cycles", new
        {
            title = "t", firstYear = 1405, lastYear = 1408, businessKey = key, themes = new object[] { new { id = "smart-city", name = "شهر هوشمند" }, new { id = "urban-economy" } },
        }, HttpStatusCode.Created);
        Assert.Equal(["smart-city", "urban-economy"], custom.GetProperty("themes").EnumerateArray().Select(t => t.Str("id")));
        Assert.Equal(["شهر هوشمند", "اقتصاد شهری"], custom.GetProperty("themes").EnumerateArray().Select(t => t.Str("name")));

        var taken = await (await planner.PostAsJsonAsync("/api/cycles", new { title = "again", firstYear = 1405, lastYear = 1408, businessKey = key })).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains(key, taken.Detail(), StringComparison.Ordinal);
        var forbidden = await (await official.PostAsJsonAsync("/api/cycles", new { title = "t", firstYear = 1405, lastYear = 1408, businessKey = key + "-x" })).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("planning office", forbidden.Detail(), StringComparison.Ordinal);
        await (await official.GetAsync(new Uri($"/api/cycles/{key}-nothing", UriKind.Relative))).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Create_WithStart_StartsTheRootMidTermPlanInstanceWithTitleAndCycle_AndLinksIt()
    {
        await PlanningSeed.SeedAsync(service);
        var (_, owner) = await service.SignInNewAsync("owner", [Roles.ProcessOwner]);
        var key = $"mtp-start-{Guid.NewGuid():N}";

        var created = await owner.PostOkAsync("/api/cycles", new { title = "برنامه با شروع", firstYear = 1409, lastYear = 1412, businessKey = key, start = true }, HttpStatusCode.Created);

        var rootId = created.Str("rootInstanceId");
        var instance = await owner.GetOkAsync($"/api/instances/{rootId}");
        Assert.Equal(("mid-term-plan", key), (instance.Str("definitionKey"), instance.Str("businessKey")));
        Assert.Equal(("برنامه با شروع", "1409-1412"), (instance.GetProperty("variables").Str("title"), instance.GetProperty("variables").Str("cycle")));
        Assert.Equal(rootId, (await owner.GetOkAsync($"/api/cycles/{key}")).Str("rootInstanceId"));
        await (await owner.PostAsJsonAsync("/api/cycles", new { title = "x", firstYear = 1409, lastYear = 1412, businessKey = key, start = true })).ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task ForTaskAsync_MakesTheCycleOfATasksRootInstance_FromItsBusinessKeyTitleAndYears()
    {
        var (_, owner) = await service.SignInNewAsync("owner", [Roles.ProcessOwner], "planning-office");
        await service.DeployXmlAsync("""
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
              <bpmn:process id="cycle-of-task" isExecutable="true">
                <bpmn:startEvent id="s" />
                <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="work" />
                <bpmn:userTask id="work" camunda:candidateGroups="planning-office" />
                <bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="e" />
                <bpmn:endEvent id="e" />
              </bpmn:process>
            </bpmn:definitions>
            """);
        var key = $"mtp-task-{Guid.NewGuid():N}";
        var instanceId = (await owner.PostOkAsync("/api/instances", new { definitionKey = "cycle-of-task", businessKey = key, variables = new { title = "دوره از کار", cycle = "1413-1416" } }, HttpStatusCode.Created)).Str("id");

        await using var scope = service.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
        var task = await db.Tasks.AsNoTracking().SingleAsync(t => t.InstanceId == Guid.Parse(instanceId));
        Assert.False(await db.PlanCycles.AnyAsync(c => c.BusinessKey == key));
        var cycle = await scope.ServiceProvider.GetRequiredService<PlanCycles>().ForTaskAsync(task, CancellationToken.None);

        Assert.NotNull(cycle);
        Assert.Equal((key, "دوره از کار", 1413, 1416, Guid.Parse(instanceId)), (cycle.BusinessKey, cycle.Title, cycle.FirstYear, cycle.LastYear, cycle.RootInstanceId));
        Assert.Equal(6, cycle.Themes.Count);
        Assert.Equal(cycle.Id, (await db.PlanCycles.AsNoTracking().SingleAsync(c => c.BusinessKey == key)).Id);
        Assert.Equal("preparing", (await owner.GetOkAsync($"/api/cycles/{key}")).Str("status"));
    }
}
