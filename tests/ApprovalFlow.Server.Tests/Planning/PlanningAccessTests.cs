using System.Net;
using System.Net.Http.Json;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Planning;
using ApprovalFlow.Server.Tests.Planning.Sessions;
using ApprovalFlow.Server.Tests.Support;

namespace ApprovalFlow.Server.Tests.Planning;

/// <summary>
/// The one planning access rule (<see cref="PlanningAccess"/>) on every planning read endpoint and page, and on the
/// edits: the cycle's participants read, others get 403; a working group's members edit only its sessions and items;
/// only the planning office edits consolidation.
/// </summary>
[Collection(ServiceGroup.Name)]
public class PlanningAccessTests(ServiceFixture service)
{
    [Fact]
    public async Task EveryPlanningReadEndpointAndPage_Is403ForAnOutsider_And200ForAWorkingGroupMemberAndThePlanningOffice()
    {
        var cycle = await WorkingGroupCycle.StartAsync(service, "wg-region-urban-management-05", "access-read");
        var session = (await cycle.Secretary.PostOkAsync($"{cycle.Api}/sessions", cycle.Session("نشست دسترسی"), HttpStatusCode.Created)).Str("id");
        var item = await cycle.ItemAsync("problem", "مسئله دسترسی");
        var (_, office) = await service.SignInNewAsync("access-office", [Roles.Official], PlanningAccess.PlanningOfficeGroup);
        var (_, outsider) = await service.SignInNewAsync("access-stranger", [Roles.Official], $"unit-{Guid.NewGuid():N}");
        var key = cycle.BusinessKey;
        string[] reads =
        [
            $"{cycle.Api}/stakeholders", $"{cycle.Api}/sessions", $"{cycle.Api}/sessions/{session}", $"{cycle.Api}/items", $"{cycle.Api}/items/{item}",
            $"{cycle.Api}/agreements", $"{cycle.Api}/duplicates", $"{cycle.Api}/priorities", $"{cycle.Api}/decisions", $"{cycle.Api}/trace",
            $"{cycle.Api}/export?format=docx", $"{cycle.Api}/export?format=xlsx", $"{cycle.Api}/export?format=html", $"{cycle.Api}/export?format=stratml",
            $"/cycles/{key}/stakeholders", $"/cycles/{key}/consolidation", $"/cycles/{key}/trace", $"/cycles/{key}/plan",
        ];

        var answers = new List<string>();
        foreach (var url in reads)
        {
            foreach (var (who, client) in new[] { ("outsider", outsider), ("member", cycle.Secretary), ("office", office), ("other working group", cycle.Outsider) })
            {
                using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
                answers.Add($"{url} {who} {(int)response.StatusCode}");
            }
        }

        var expected = reads.SelectMany(url => new[] { $"{url} outsider 403", $"{url} member 200", $"{url} office 200", $"{url} other working group 200" });
        Assert.Equal(expected, answers);
        var problem = await (await outsider.GetAsync(new Uri($"{cycle.Api}/items", UriKind.Relative))).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(PlanningAccess.NotAParticipant(key), problem.Detail());
    }

    [Fact]
    public async Task AMemberOfAnotherWorkingGroup_CannotEditThisWorkingGroupsSessionsAndItems()
    {
        var cycle = await WorkingGroupCycle.StartAsync(service, "wg-region-urban-management-05", "access-edit");
        var session = (await cycle.Secretary.PostOkAsync($"{cycle.Api}/sessions", cycle.Session("نشست کارگروه الف"), HttpStatusCode.Created)).Str("id");
        var item = await cycle.ItemAsync("problem", "مسئله کارگروه الف");

        var refusals = new[]
        {
            await cycle.Outsider.PostAsJsonAsync($"{cycle.Api}/sessions", cycle.Session("نشست بیگانه")),
            await cycle.Outsider.PutAsJsonAsync($"{cycle.Api}/sessions/{session}", cycle.Session("نشست تغییر یافته")),
            await cycle.Outsider.DeleteAsync(new Uri($"{cycle.Api}/sessions/{session}", UriKind.Relative)),
            await cycle.Outsider.PostAsJsonAsync($"{cycle.Api}/items", new { kind = "problem", title = "مسئله بیگانه", workingGroup = cycle.Group.Id }),
            await cycle.Outsider.PutAsJsonAsync($"{cycle.Api}/items/{item}", new { kind = "problem", title = "تغییر یافته" }),
            await cycle.Outsider.PostAsJsonAsync($"{cycle.Api}/items/{item}/agreement", new { mode = "consensus" }),
        };
        foreach (var refused in refusals)
        {
            Assert.Contains(cycle.Group.Id, (await refused.ProblemAsync(HttpStatusCode.Forbidden)).Detail(), StringComparison.Ordinal);
        }

        Assert.Equal("نشست کارگروه الف", (await cycle.Secretary.GetOkAsync($"{cycle.Api}/sessions/{session}")).Str("agenda"));
        Assert.Equal("مسئله کارگروه الف", (await cycle.Secretary.GetOkAsync($"{cycle.Api}/items/{item}")).Str("title"));
        Assert.Equal(1, (await cycle.Secretary.GetOkAsync($"{cycle.Api}/items")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task ThePlanningOfficeEditsConsolidation_AWorkingGroupMemberCannot()
    {
        var cycle = await WorkingGroupCycle.StartAsync(service, "wg-region-urban-management-05", "access-cons");
        var a = await cycle.ItemAsync("problem", "ترافیک میدان");
        var b = await cycle.ItemAsync("problem", "ترافیک میدان اصلی");
        var (_, office) = await service.SignInNewAsync("access-cons-office", [Roles.Official], PlanningAccess.PlanningOfficeGroup);
        var merge = new { itemIds = new[] { a, b } };

        var refused = await cycle.Secretary.PostAsJsonAsync($"{cycle.Api}/duplicates/merge", merge);
        Assert.Contains("planning office", (await refused.ProblemAsync(HttpStatusCode.Forbidden)).Detail(), StringComparison.Ordinal);
        await (await cycle.Secretary.PutAsJsonAsync($"{cycle.Api}/priorities", new { weights = new Dictionary<string, double> { ["urgency"] = 1 } })).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("draft", (await cycle.Secretary.GetOkAsync($"{cycle.Api}/items/{a}")).Str("status"));

        var merged = await office.PostOkAsync($"{cycle.Api}/duplicates/merge", merge, HttpStatusCode.Created);
        Assert.Equal("merged", (await cycle.Secretary.GetOkAsync($"{cycle.Api}/items/{a}")).Str("status"));
        Assert.Equal("merged", (await cycle.Secretary.GetOkAsync($"{cycle.Api}/items/{b}")).Str("status"));
        Assert.NotEqual(a, merged.Str("id"));
    }
}
