using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Tests.Support;

namespace ApprovalFlow.Server.Tests.Planning.Consolidation;

/// <summary>Criteria, weights (direct and AHP), scores and the ranked lists of a cycle.</summary>
[Collection(ServiceGroup.Name)]
public class PrioritiesApiTests(ServiceFixture service)
{
    [Fact]
    public async Task Ranking_FollowsTheWeights_AndChangesWhenTheyChange()
    {
        var data = new ConsolidationData(service);
        await data.CreateCycleAsync();
        var x = await data.ItemAsync("الف: احداث پارک خطی");
        var y = await data.ItemAsync("ب: نوسازی ناوگان اتوبوس");
        var z = await data.ItemAsync("ج: بازچرخانی آب خاکستری");
        var (_, office) = await service.SignInNewAsync("office", [Roles.Official], "planning-office");
        var url = $"/api/cycles/{data.BusinessKey}/priorities";

        var defaults = await office.GetOkAsync(url);
        Assert.Equal(["upstream-alignment", "urgency", "citizen-demand", "feasibility", "cost"], defaults.GetProperty("criteria").EnumerateArray().Select(c => c.Str("code")));
        Assert.Equal(1.0, defaults.GetProperty("criteria").EnumerateArray().Sum(c => c.GetProperty("weight").GetDouble()), 6);

        var scores = new[] { (x, 5, 1), (y, 2, 5), (z, 3, 3) }
            .SelectMany(s => new[] { new { itemId = s.Item1, criterion = "urgency", score = s.Item2 }, new { itemId = s.Item1, criterion = "cost", score = s.Item3 } });
        var urgent = await PutOkAsync(office, url, new
        {
            criteria = new[] { new { code = "urgency", weight = 0.8 }, new { code = "cost", weight = 0.2 } },
            scores,
        });

        // urgency 0.8, cost 0.2: x = 4.2, z = 3.0, y = 2.6.
        Assert.Equal([(x, 4.2), (z, 3.0), (y, 2.6)], Ranked(urgent));
        Assert.Equal([1, 2, 3], List(urgent).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("rank").GetInt32()));
        Assert.Equal(JsonValueKind.Null, urgent.GetProperty("comparison").ValueKind);

        // cost 0.8, urgency 0.2: y = 4.4, z = 3.0, x = 1.8 (weights are scaled to sum 1: 1 and 4 are 0.2 and 0.8).
        var cheap = await PutOkAsync(office, url, new { weights = new Dictionary<string, double> { ["urgency"] = 1, ["cost"] = 4 } });
        Assert.Equal([(y, 4.4), (z, 3.0), (x, 1.8)], Ranked(cheap));
        Assert.Equal([0.2, 0.8], cheap.GetProperty("criteria").EnumerateArray().Select(c => Math.Round(c.GetProperty("weight").GetDouble(), 6)));

        var bad = await office.PutAsJsonAsync(url, new { scores = new[] { new { itemId = x, criterion = "urgency", score = 6 } } });
        Assert.Contains("outside 1 to 5", (await bad.ProblemAsync(HttpStatusCode.BadRequest)).Detail(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AhpWithCrAbove01_IsRefusedNamingTheCr_AConsistentMatrixSetsItsEigenvectorWeights()
    {
        var data = new ConsolidationData(service);
        await data.CreateCycleAsync();
        var (_, office) = await service.SignInNewAsync("office", [Roles.Official], "planning-office");
        var url = $"/api/cycles/{data.BusinessKey}/priorities";
        var before = (await office.GetOkAsync(url)).GetProperty("criteria").EnumerateArray().Select(c => c.GetProperty("weight").GetDouble()).ToList();

        // A cycle of preferences: 1 ≫ 2, 2 ≫ 3, 3 ≫ 1 (9 each way); the others equal.
        var inconsistent = Identity(5);
        Set(inconsistent, 0, 1, 9);
        Set(inconsistent, 1, 2, 9);
        Set(inconsistent, 2, 0, 9);
        var refused = await office.PutAsJsonAsync(url, new { comparison = inconsistent });
        var problem = await refused.ProblemAsync(HttpStatusCode.BadRequest);
        var cr = problem.GetProperty("consistencyRatio").GetDouble();
        Assert.True(cr > 0.1, $"CR {cr}");
        Assert.Contains($"CR = {cr:0.000}", problem.Detail(), StringComparison.Ordinal);
        Assert.Equal(before, (await office.GetOkAsync(url)).GetProperty("criteria").EnumerateArray().Select(c => c.GetProperty("weight").GetDouble()));

        // a[i][j] = w[i] / w[j] for w = (0.4, 0.2, 0.2, 0.1, 0.1): perfectly consistent, so the principal
        // eigenvector is w itself, λmax = 5 and CI = CR = 0.
        double[] w = [0.4, 0.2, 0.2, 0.1, 0.1];
        var consistent = Enumerable.Range(0, 5).Select(i => Enumerable.Range(0, 5).Select(j => w[i] / w[j]).ToArray()).ToArray();
        var accepted = await PutOkAsync(office, url, new { comparison = consistent });
        Assert.Equal([0.400, 0.200, 0.200, 0.100, 0.100], accepted.GetProperty("criteria").EnumerateArray().Select(c => Math.Round(c.GetProperty("weight").GetDouble(), 3)));
        Assert.Equal(0.0, accepted.GetProperty("comparison").GetProperty("consistencyRatio").GetDouble(), 6);

        // Saaty's example of a slightly inconsistent 3 × 3 is accepted too: [[1, 3, 5], [1/3, 1, 3], [1/5, 1/3, 1]]
        // gives w ≈ (0.637, 0.258, 0.105), λmax ≈ 3.039, CI ≈ 0.019, CR ≈ 0.033 (RI 0.58).
        await PutOkAsync(office, url, new
        {
            criteria = new[] { new { code = "urgency", weight = 1.0 }, new { code = "cost", weight = 1.0 }, new { code = "feasibility", weight = 1.0 } },
        });
        var saaty = await PutOkAsync(office, url, new { comparison = new[] { new[] { 1.0, 3, 5 }, new[] { 1 / 3.0, 1, 3 }, new[] { 1 / 5.0, 1 / 3.0, 1 } } });
        Assert.Equal([0.637, 0.258, 0.105], saaty.GetProperty("criteria").EnumerateArray().Select(c => Math.Round(c.GetProperty("weight").GetDouble(), 3)));
        Assert.Equal(0.033, Math.Round(saaty.GetProperty("comparison").GetProperty("consistencyRatio").GetDouble(), 3));
    }

    private static async Task<JsonElement> PutOkAsync(HttpClient client, string url, object body)
    {
        var response = await client.PutAsJsonAsync(url, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"PUT {url}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static JsonElement List(JsonElement priorities) => Assert.Single(priorities.GetProperty("ranking").EnumerateArray());

    private static IEnumerable<(Guid, double)> Ranked(JsonElement priorities) =>
        List(priorities).GetProperty("items").EnumerateArray().Select(i => (i.GetProperty("itemId").GetGuid(), i.GetProperty("total").GetDouble()));

    private static double[][] Identity(int n) => [.. Enumerable.Range(0, n).Select(i => Enumerable.Range(0, n).Select(j => 1.0).ToArray())];

    private static void Set(double[][] matrix, int i, int j, double value)
    {
        matrix[i][j] = value;
        matrix[j][i] = 1 / value;
    }
}
