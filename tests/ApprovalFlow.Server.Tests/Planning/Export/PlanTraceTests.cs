using System.Net;
using System.Text.Json;
using ApprovalFlow.Server.Tests.Support;

namespace ApprovalFlow.Server.Tests.Planning.Export;

/// <summary><c>GET /api/cycles/{businessKey}/trace</c> on a seeded cycle whose counts are known (<see cref="ExportSeed"/>).</summary>
[Collection(ExportGroup.Name)]
public class PlanTraceTests(ExportFixture service)
{
    [Fact]
    public async Task Trace_CountsMatchTheSeededCycle_ThroughTheMerge()
    {
        var seed = await ExportSeed.CreateAsync(service, "trace");
        var (_, client) = await seed.MemberAsync(service);

        var trace = await client.GetOkAsync($"/api/cycles/{seed.Cycle.BusinessKey}/trace");

        Assert.Equal(seed.Cycle.BusinessKey, trace.Str("businessKey"));
        var items = trace.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("id").GetGuid());
        Assert.Equal(seed.Current.Select(i => i.Id).Order(), items.Keys.Order());
        Assert.Equal(["1.1.1", "1.1.2", "1.2.1", "1.3.1", "1.4.1", "4.4.1"], trace.GetProperty("items").EnumerateArray().Select(i => i.Str("number")));

        // The consolidated problem carries both originals' sessions, working groups, stakeholder groups and sources.
        var consolidated = items[seed.C.Id];
        Assert.True(consolidated.GetProperty("isConsolidated").GetBoolean());
        Assert.Equal(new[] { seed.P2.Id, seed.P3.Id }.Order(), Guids(consolidated, "originals").Order());
        Assert.Equal([seed.S2, seed.S3], consolidated.GetProperty("sessions").EnumerateArray().Select(s => s.GetProperty("id").GetGuid()));
        Assert.Equal([seed.GroupA, seed.GroupB], consolidated.GetProperty("workingGroups").EnumerateArray().Select(g => g.Str("id")));
        Assert.Equal(["citizens", "city-council", "municipal-staff"], Strings(consolidated, "stakeholderGroups"));
        Assert.Equal(["council-interviews", "elite-interviews"], Strings(consolidated, "sources"));
        Assert.Equal("Problem", consolidated.Str("kind"));

        var strategy = items[seed.St1.Id];
        Assert.Equal([seed.S1], strategy.GetProperty("sessions").EnumerateArray().Select(s => s.GetProperty("id").GetGuid()));
        Assert.Equal(["citizens", "urban-elites"], Strings(strategy, "stakeholderGroups"));
        Assert.Empty(Strings(strategy, "sources"));

        Assert.Equal(
            new Dictionary<string, int>
            {
                ["citizens"] = 3, ["civil-society"] = 0, ["urban-elites"] = 2, ["city-council"] = 1, ["municipal-staff"] = 2, ["provincial-agencies"] = 0,
            },
            Counts(trace, "stakeholderGroups"));
        Assert.Equal(
            new Dictionary<string, int>
            {
                ["council-interviews"] = 1, ["neighbourhood-councils"] = 0, ["citizen-surveys"] = 2, ["upstream-documents"] = 1, ["elite-interviews"] = 1,
                ["agency-interviews"] = 0, ["civil-society-dialogues"] = 0, ["organizational-trends"] = 1, ["suggestion-system-events"] = 0,
            },
            Counts(trace, "sources"));
        Assert.Equal(["citizens", "civil-society", "urban-elites", "city-council", "municipal-staff", "provincial-agencies"], trace.GetProperty("stakeholderGroups").EnumerateArray().Select(c => c.Str("id")));
        Assert.Equal("شهروندان", trace.GetProperty("stakeholderGroups")[0].Str("name"));
    }

    [Fact]
    public async Task Trace_OfAnUnknownCycle_IsANotFoundProblem()
    {
        var (_, client) = await service.SignInNewAsync("trace-unknown", ["admin"]);

        var problem = await (await client.GetAsync("/api/cycles/mtp-test-no-such-cycle/trace")).ProblemAsync(HttpStatusCode.NotFound);

        Assert.Contains("mtp-test-no-such-cycle", problem.Detail(), StringComparison.Ordinal);
    }

    private static Dictionary<string, int> Counts(JsonElement trace, string property) =>
        trace.GetProperty(property).EnumerateArray().ToDictionary(c => c.Str("id"), c => c.GetProperty("items").GetInt32());

    private static List<string> Strings(JsonElement item, string property) => [.. item.GetProperty(property).EnumerateArray().Select(e => e.GetString()!)];

    private static List<Guid> Guids(JsonElement item, string property) => [.. item.GetProperty(property).EnumerateArray().Select(e => e.GetGuid())];
}
