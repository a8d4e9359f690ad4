using System.Net;
using System.Net.Http.Json;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Tests.Support;
using ApprovalFlow.Server.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApprovalFlow.Server.Tests.Planning.Sessions;

/// <summary><c>/api/cycles/{businessKey}/items</c> and <c>/agreements</c> on a real database: the chain of kinds, defaults, filters, project fields, agreement and refusals.</summary>
[Collection(ServiceGroup.Name)]
public class PlanItemsApiTests(ServiceFixture service)
{
    [Fact]
    public async Task AProblemStrategyPolicyProjectChain_IsLinked_TakesTheWorkingGroupsDefaults_AndFilters()
    {
        var cycle = await WorkingGroupCycle.StartAsync(service, "wg-org-urban-environment-parks-green-space", "chain");
        var session = (await cycle.Secretary.PostOkAsync($"{cycle.Api}/sessions", cycle.Session("نشست فضای سبز"), HttpStatusCode.Created)).Str("id");
        var problem = await cycle.Secretary.PostOkAsync($"{cycle.Api}/items", new
        {
            kind = "problem", title = "كمبود فضاي سبز", description = "سرانه ۳ مترمربع", workingGroup = cycle.Group.Id,
            sessions = new[] { session }, sources = new[] { "citizen-surveys", "upstream-documents" },
        }, HttpStatusCode.Created);
        Assert.Equal(("urban-environment", "organization", "org-parks-green-space", "draft"), (problem.Str("theme"), problem.Str("level"), problem.Str("unit"), problem.Str("status")));
        Assert.Equal([session], problem.GetProperty("sessions").EnumerateArray().Select(s => s.GetString()));
        var strategy = await cycle.ItemAsync("strategy", "توسعه بوستان‌های محله‌ای", from: [problem.Str("id")]);
        var policy = await cycle.ItemAsync("executivePolicy", "اولویت زمین‌های بلااستفاده", from: [strategy]);
        var project = await cycle.Secretary.PostOkAsync($"{cycle.Api}/items", new
        {
            kind = "project", title = "ساخت ده بوستان", workingGroup = cycle.Group.Id, from = new[] { policy },
            responsibleUnit = "سازمان پارک‌ها و فضای سبز", startYear = 1405, endYear = 1407, costRials = 120_000_000_000L,
        }, HttpStatusCode.Created);
        Assert.Equal((1405, 1407, 120_000_000_000L), (project.GetProperty("startYear").GetInt32(), project.GetProperty("endYear").GetInt32(), project.GetProperty("costRials").GetInt64()));

        // The links both ways; the search key is the project's one normaliser's.
        var read = await cycle.Outsider.GetOkAsync($"{cycle.Api}/items/{problem.Str("id")}");
        Assert.Equal([strategy], read.GetProperty("to").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal([problem.Str("id")], (await cycle.Outsider.GetOkAsync($"{cycle.Api}/items/{strategy}")).GetProperty("from").EnumerateArray().Select(s => s.GetString()));
        await using (var scope = service.Factory.Services.CreateAsyncScope())
        {
            var stored = await scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>().PlanItems.SingleAsync(i => i.Id == Guid.Parse(problem.Str("id")));
            Assert.Equal(PersianText.SearchKey("كمبود فضاي سبز", "سرانه ۳ مترمربع"), stored.SearchKey);
            Assert.Contains("کمبود فضای سبز", stored.SearchKey, StringComparison.Ordinal);
        }

        // Filters and paging.
        var all = await cycle.Outsider.GetOkAsync($"{cycle.Api}/items?pageSize=3");
        Assert.Equal(4, all.GetProperty("total").GetInt32());
        Assert.Equal(["problem", "strategy", "executivePolicy"], all.Items().Select(i => i.Str("kind")));
        Assert.Equal([policy], (await cycle.Outsider.GetOkAsync($"{cycle.Api}/items?kind=executivePolicy&theme=urban-environment&level=organization&workingGroup={cycle.Group.Id}&status=draft")).Items().Select(i => i.Str("id")));
        Assert.Empty((await cycle.Outsider.GetOkAsync($"{cycle.Api}/items?level=region")).Items());
        var badFilter = await cycle.Outsider.GetAsync(new Uri($"{cycle.Api}/items?kind=wish", UriKind.Relative));
        Assert.Contains("'wish' is not a kind", (await Problems.AssertProblemAsync(badFilter, HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("kind")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LinksOfTheWrongKind_Are400_AStrategyFromAProblem_APolicyFromAStrategy_AProjectFromAPolicy()
    {
        var cycle = await WorkingGroupCycle.StartAsync(service, "wg-org-urban-environment-parks-green-space", "kinds");
        var problem = await cycle.ItemAsync("problem", "پسماند");
        var strategy = await cycle.ItemAsync("strategy", "تفکیک از مبدأ", from: [problem]);
        async Task<string> RefusedAsync(string kind, string[] from)
        {
            var response = await cycle.Secretary.PostAsJsonAsync($"{cycle.Api}/items", new { kind, title = "نادرست", workingGroup = cycle.Group.Id, from });
            var errors = (await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest)).GetProperty("errors");
            return string.Join(" | ", errors.EnumerateObject().Select(e => $"{e.Name}: {e.Value[0].GetString()}"));
        }

        Assert.Equal("from[0]: A strategy follows from a problem, but 'تفکیک از مبدأ' is a strategy.", await RefusedAsync("strategy", [strategy]));
        Assert.Equal("from[0]: A executivePolicy follows from a strategy, but 'پسماند' is a problem.", await RefusedAsync("executivePolicy", [problem]));
        Assert.Equal("from[0]: A project follows from a executivePolicy, but 'تفکیک از مبدأ' is a strategy.", await RefusedAsync("project", [strategy]));
        Assert.StartsWith("from: A problem follows from no other item", await RefusedAsync("problem", [problem]), StringComparison.Ordinal);
        Assert.StartsWith("from[0]: '", await RefusedAsync("strategy", [Guid.NewGuid().ToString()]), StringComparison.Ordinal);
        Assert.Equal(2, (await cycle.Secretary.GetOkAsync($"{cycle.Api}/items")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task ProjectFields_OutsideTheCyclesYears_NegativeCost_OrOnAnotherKind_Are400()
    {
        var cycle = await WorkingGroupCycle.StartAsync(service, "wg-org-urban-environment-parks-green-space", "project");
        var response = await cycle.Secretary.PostAsJsonAsync($"{cycle.Api}/items", new
        {
            kind = "project", title = "پروژه", workingGroup = cycle.Group.Id, startYear = 1404, endYear = 1409, costRials = -1L, theme = "urban-nowhere",
        });
        var errors = (await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.Equal(["costRials", "endYear", "startYear", "theme"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Contains("outside the cycle's years 1405–1408", errors.GetProperty("startYear")[0].GetString(), StringComparison.Ordinal);
        var backwards = await cycle.Secretary.PostAsJsonAsync($"{cycle.Api}/items", new { kind = "project", title = "پروژه", workingGroup = cycle.Group.Id, startYear = 1407, endYear = 1406 });
        Assert.Contains("cannot end (1406) before it starts (1407)", (await Problems.AssertProblemAsync(backwards, HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("endYear")[0].GetString(), StringComparison.Ordinal);
        var onProblem = await cycle.Secretary.PostAsJsonAsync($"{cycle.Api}/items", new { kind = "problem", title = "مسئله", workingGroup = cycle.Group.Id, responsibleUnit = "واحد" });
        Assert.Contains("Only a project has responsibleUnit", (await Problems.AssertProblemAsync(onProblem, HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("responsibleUnit")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SomeoneOutsideTheWorkingGroup_Gets403_ForCreateEditAndAgreement()
    {
        var cycle = await WorkingGroupCycle.StartAsync(service, "wg-org-urban-environment-parks-green-space", "items403");
        var refused = await cycle.Outsider.PostAsJsonAsync($"{cycle.Api}/items", new { kind = "problem", title = "نفوذی", workingGroup = cycle.Group.Id });
        Assert.Contains($"'{cycle.Group.Id}'", (await Problems.AssertProblemAsync(refused, HttpStatusCode.Forbidden)).Detail(), StringComparison.Ordinal);
        var id = await cycle.ItemAsync("problem", "مسئله کارگروه");
        await Problems.AssertProblemAsync(await cycle.Outsider.PutAsJsonAsync($"{cycle.Api}/items/{id}", new { kind = "problem", title = "تغییر" }), HttpStatusCode.Forbidden);
        await Problems.AssertProblemAsync(await cycle.Outsider.PostAsJsonAsync($"{cycle.Api}/items/{id}/agreement", new { mode = "consensus" }), HttpStatusCode.Forbidden);
        await Problems.AssertProblemAsync(await cycle.Outsider.PostAsJsonAsync($"{cycle.Api}/agreements", new { workingGroup = cycle.Group.Id, decision = "approve", comment = "x" }), HttpStatusCode.Forbidden);
        Assert.Equal(("مسئله کارگروه", "draft"), ((await cycle.Outsider.GetOkAsync($"{cycle.Api}/items/{id}")).Str("title"), (await cycle.Outsider.GetOkAsync($"{cycle.Api}/items/{id}")).Str("status")));
    }

    [Fact]
    public async Task Agreement_ByVoteOrConsensus_MakesItemsAgreed_AVoteNotCarriedIsRefused_AndAnEditMakesADraftAgain()
    {
        var cycle = await WorkingGroupCycle.StartAsync(service, "wg-org-urban-environment-parks-green-space", "agree");
        var problem = await cycle.ItemAsync("problem", "ترافیک");
        var strategy = await cycle.ItemAsync("strategy", "حمل‌ونقل همگانی", from: [problem]);

        var lost = await cycle.Chair.PostAsJsonAsync($"{cycle.Api}/items/{problem}/agreement", new { mode = "vote", votesFor = 3, votesAgainst = 3, votesAbstain = 1 });
        Assert.Contains("did not agree", (await Problems.AssertProblemAsync(lost, HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("votesFor")[0].GetString(), StringComparison.Ordinal);
        var voted = await cycle.Chair.PostOkAsync($"{cycle.Api}/items/{problem}/agreement", new { mode = "vote", votesFor = 5, votesAgainst = 2, votesAbstain = 1 });
        Assert.Equal(("agreed", "vote", 5, 2, 1), (voted.Str("status"), voted.GetProperty("agreement").Str("mode"), voted.GetProperty("agreement").GetProperty("votesFor").GetInt32(),
            voted.GetProperty("agreement").GetProperty("votesAgainst").GetInt32(), voted.GetProperty("agreement").GetProperty("votesAbstain").GetInt32()));

        var decision = await cycle.Chair.PostOkAsync($"{cycle.Api}/agreements", new { workingGroup = cycle.Group.Id, decision = "approve", comment = "همه موافق بودند", agreeAllByConsensus = true }, HttpStatusCode.Created);
        Assert.Equal("approve", decision.Str("decision"));
        var agreed = await cycle.Chair.GetOkAsync($"{cycle.Api}/items/{strategy}");
        Assert.Equal(("agreed", "consensus"), (agreed.Str("status"), agreed.GetProperty("agreement").Str("mode")));
        Assert.Equal("vote", (await cycle.Chair.GetOkAsync($"{cycle.Api}/items/{problem}")).GetProperty("agreement").Str("mode"));
        Assert.Equal([decision.Str("id")], (await cycle.Outsider.GetOkAsync($"{cycle.Api}/agreements?workingGroup={cycle.Group.Id}")).EnumerateArray().Select(a => a.Str("id")));

        var edited = await cycle.Secretary.PutAsJsonAsync($"{cycle.Api}/items/{strategy}", new { kind = "strategy", title = "حمل‌ونقل همگانی برقی", from = new[] { problem } });
        var draft = await edited.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.Equal(("draft", System.Text.Json.JsonValueKind.Null, "حمل‌ونقل همگانی برقی"), (draft.Str("status"), draft.GetProperty("agreement").ValueKind, draft.Str("title")));
        var changedKind = await cycle.Secretary.PutAsJsonAsync($"{cycle.Api}/items/{strategy}", new { kind = "project", title = "x" });
        Assert.Contains("stays one", (await Problems.AssertProblemAsync(changedKind, HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("kind")[0].GetString(), StringComparison.Ordinal);
    }
}
