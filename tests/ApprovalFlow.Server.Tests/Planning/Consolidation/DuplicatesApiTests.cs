using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Planning.Data;
using ApprovalFlow.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Tests.Planning.Consolidation;

/// <summary>Duplicate suggestions by pg_trgm over the normalised text, and the planning office's merge, split and dismiss.</summary>
[Collection(ServiceGroup.Name)]
public class DuplicatesApiTests(ServiceFixture service)
{
    // Arabic yeh (ي), Persian digits and a ZWNJ in «محله‌ای» against Persian yeh (ی), ASCII digits and a space.
    private const string ArabicForm = "ايجاد ۱۰ بوستان محله\u200Cاي در منطقه ۳";
    private const string PersianForm = "ایجاد 10 بوستان محله ای در منطقه 3";

    [Fact]
    public async Task PairDifferingOnlyInYehZwnjAndDigits_IsSuggested_AndMergingItKeepsBothOrigins()
    {
        var data = new ConsolidationData(service);
        await data.CreateCycleAsync();
        var sessionA = await data.SessionAsync("wg-region-urban-environment-06", "جلسه منطقه ۶");
        var sessionB = await data.SessionAsync("wg-region-urban-environment-09", "جلسه منطقه ۹");
        var a = await data.ItemAsync(ArabicForm, workingGroup: "wg-region-urban-environment-06", session: sessionA, sources: ["citizen-surveys"]);
        var b = await data.ItemAsync(PersianForm, workingGroup: "wg-region-urban-environment-09", session: sessionB, sources: ["upstream-documents"]);
        var strategy = await data.ItemAsync(PersianForm, kind: PlanItemKind.Strategy, workingGroup: "wg-region-urban-environment-09");
        await data.ItemAsync("کاهش آلودگی هوا با گسترش حمل و نقل عمومی", workingGroup: "wg-region-urban-environment-06");
        await data.LinkAsync(b, strategy);
        var (_, office) = await service.SignInNewAsync("office", [Roles.Official], "planning-office");

        var page = await office.GetOkAsync($"/api/cycles/{data.BusinessKey}/duplicates");
        var pair = Assert.Single(page.Items());
        Assert.Equal(new[] { a, b }.Order(), new[] { pair.GetProperty("first"), pair.GetProperty("second") }.Select(i => i.GetProperty("id").GetGuid()).Order());
        Assert.Equal(1.0, pair.GetProperty("similarity").GetDouble());
        Assert.False(page.GetProperty("hasMore").GetBoolean());
        Assert.Equal(["wg-region-urban-environment-06"], pair.GetProperty("first").GetProperty("id").GetGuid() == a
            ? WorkingGroups(pair.GetProperty("first")) : WorkingGroups(pair.GetProperty("second")));

        var merged = await office.PostOkAsync($"/api/cycles/{data.BusinessKey}/duplicates/merge", new { itemIds = new[] { a, b }, title = PersianForm }, HttpStatusCode.Created);
        Assert.True(merged.GetProperty("isConsolidated").GetBoolean());
        Assert.Equal("agreed", merged.Str("status"));
        Assert.Equal(["wg-region-urban-environment-06", "wg-region-urban-environment-09"], WorkingGroups(merged));
        Assert.Equal(new[] { sessionA, sessionB }.Order(), merged.GetProperty("sessions").EnumerateArray().Select(s => s.GetProperty("id").GetGuid()).Order());
        Assert.Equal(["citizen-surveys", "upstream-documents"], merged.GetProperty("sources").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(new[] { a, b }.Order(), merged.GetProperty("mergedFrom").EnumerateArray().Select(s => s.GetGuid()));

        var consolidated = merged.GetProperty("id").GetGuid();
        var originals = await data.ReadAsync(db => db.PlanItems.AsNoTracking().Where(i => i.Id == a || i.Id == b).ToListAsync());
        Assert.All(originals, o => Assert.Equal((PlanItemStatus.Merged, consolidated), (o.Status, o.MergedIntoId)));
        Assert.True(await data.ReadAsync(db => db.PlanItemLinks.AnyAsync(l => l.FromItemId == consolidated && l.ToItemId == strategy)));
        Assert.True(await data.ReadAsync(db => db.PlanItemLinks.AnyAsync(l => l.FromItemId == b && l.ToItemId == strategy)), "the original keeps its own link");
        Assert.Empty((await office.GetOkAsync($"/api/cycles/{data.BusinessKey}/duplicates")).Items());

        var again = await office.PostAsJsonAsync($"/api/cycles/{data.BusinessKey}/duplicates/merge", new { itemIds = new[] { a, consolidated } });
        Assert.Contains("merged or withdrawn already", (await again.ProblemAsync(HttpStatusCode.BadRequest)).Detail(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Split_GivesTheOriginalsBackTheirStatus_AndTheSuggestionReturns()
    {
        var data = new ConsolidationData(service);
        await data.CreateCycleAsync();
        var a = await data.ItemAsync(ArabicForm, workingGroup: "wg-a");
        var b = await data.ItemAsync(PersianForm, workingGroup: "wg-b");
        var (_, office) = await service.SignInNewAsync("office", [Roles.Official], "planning-office");
        var merged = await office.PostOkAsync($"/api/cycles/{data.BusinessKey}/duplicates/merge", new { itemIds = new[] { a, b } }, HttpStatusCode.Created);
        var consolidated = merged.GetProperty("id").GetGuid();
        Assert.Equal(ArabicForm, merged.Str("title"));

        var split = await office.PostOkAsync($"/api/cycles/{data.BusinessKey}/duplicates/split", new { consolidatedItemId = consolidated });

        Assert.Equal([("agreed", JsonValueKind.Null), ("agreed", JsonValueKind.Null)], split.EnumerateArray().Select(i => (i.Str("status"), i.GetProperty("mergedIntoId").ValueKind)));
        Assert.False(await data.ReadAsync(db => db.PlanItems.AnyAsync(i => i.Id == consolidated)));
        Assert.Single((await office.GetOkAsync($"/api/cycles/{data.BusinessKey}/duplicates")).Items());
        var twice = await office.PostAsJsonAsync($"/api/cycles/{data.BusinessKey}/duplicates/split", new { consolidatedItemId = consolidated });
        await twice.ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task DismissedPair_IsNotSuggestedAgain_OtherPairsStay()
    {
        var data = new ConsolidationData(service);
        await data.CreateCycleAsync();
        var a = await data.ItemAsync("ساماندهی پسماند خشک در محله‌های منطقه ۹");
        var b = await data.ItemAsync("ساماندهی پسماند خشک در محله های منطقه 9");
        var c = await data.ItemAsync("ساماندهی پسماند خشک در محله های منطقه ۹ و ۱۰");
        var (_, office) = await service.SignInNewAsync("office", [Roles.Official], "planning-office");
        var before = (await office.GetOkAsync($"/api/cycles/{data.BusinessKey}/duplicates?threshold=0.5")).Items().ToList();
        Assert.Contains(before, p => Ids(p).SetEquals([a, b]));

        var response = await office.PostAsJsonAsync($"/api/cycles/{data.BusinessKey}/duplicates/dismiss", new { firstItemId = b, secondItemId = a });
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);

        var after = (await office.GetOkAsync($"/api/cycles/{data.BusinessKey}/duplicates?threshold=0.5")).Items().ToList();
        Assert.DoesNotContain(after, p => Ids(p).SetEquals([a, b]));
        Assert.Equal(before.Count - 1, after.Count);
        Assert.All(after, p => Assert.Contains(c, Ids(p)));
        Assert.Equal(1, await data.ReadAsync(db => db.DuplicateDismissals.CountAsync(d => d.CycleId == data.CycleId)));
    }

    [Fact]
    public async Task OutsidersGet403_ParticipantsRead_OnlyThePlanningOfficeChanges()
    {
        var data = new ConsolidationData(service);
        await data.CreateCycleAsync();
        var a = await data.ItemAsync(ArabicForm);
        var b = await data.ItemAsync(PersianForm);
        var (_, outsider) = await service.SignInNewAsync("outsider", [Roles.Official], $"unit-{Guid.NewGuid():N}");
        var (_, owner) = await service.SignInNewAsync("owner", [Roles.ProcessOwner]);
        var url = $"/api/cycles/{data.BusinessKey}";

        Assert.Contains("no part", (await (await outsider.GetAsync(new Uri($"{url}/duplicates", UriKind.Relative))).ProblemAsync(HttpStatusCode.Forbidden)).Detail(), StringComparison.Ordinal);
        await (await outsider.GetAsync(new Uri($"{url}/priorities", UriKind.Relative))).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Single((await owner.GetOkAsync($"{url}/duplicates")).Items());
        foreach (var client in new[] { outsider, owner })
        {
            var merge = await client.PostAsJsonAsync($"{url}/duplicates/merge", new { itemIds = new[] { a, b } });
            Assert.Contains("planning office", (await merge.ProblemAsync(HttpStatusCode.Forbidden)).Detail(), StringComparison.Ordinal);
            await (await client.PostAsJsonAsync($"{url}/duplicates/dismiss", new { firstItemId = a, secondItemId = b })).ProblemAsync(HttpStatusCode.Forbidden);
            await (await client.PostAsJsonAsync($"{url}/duplicates/split", new { consolidatedItemId = a })).ProblemAsync(HttpStatusCode.Forbidden);
            await (await client.PutAsJsonAsync($"{url}/priorities", new { weights = new Dictionary<string, double> { ["urgency"] = 1 } })).ProblemAsync(HttpStatusCode.Forbidden);
        }

        Assert.Equal(0, await data.ReadAsync(db => db.PlanItems.CountAsync(i => i.CycleId == data.CycleId && i.IsConsolidated)));
        await (await owner.GetAsync(new Uri("/api/cycles/no-such-cycle/duplicates", UriKind.Relative))).ProblemAsync(HttpStatusCode.NotFound);
    }

    private static IEnumerable<string> WorkingGroups(JsonElement item) =>
        item.GetProperty("workingGroups").EnumerateArray().Select(g => g.Str("id"));

    private static HashSet<Guid> Ids(JsonElement pair) => [pair.GetProperty("first").GetProperty("id").GetGuid(), pair.GetProperty("second").GetProperty("id").GetGuid()];
}
