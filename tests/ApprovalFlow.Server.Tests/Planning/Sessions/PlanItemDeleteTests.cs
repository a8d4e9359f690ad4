using System.Net;
using System.Net.Http.Json;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Planning;
using ApprovalFlow.Server.Features.Planning.Data;
using ApprovalFlow.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApprovalFlow.Server.Tests.Planning.Sessions;

/// <summary><c>DELETE /api/cycles/{businessKey}/items/{id}</c>: a working group's members delete its draft items with their links, keeping a record; other items and other members are refused.</summary>
[Collection(ServiceGroup.Name)]
public class PlanItemDeleteTests(ServiceFixture service)
{
    [Fact]
    public async Task ADraftItem_IsDeletedWithItsLinksAndSessionOrigins_AndTheDeletionIsRecorded()
    {
        var cycle = await WorkingGroupCycle.StartAsync(service, "wg-org-urban-environment-parks-green-space", "delete");
        var session = (await cycle.Secretary.PostOkAsync($"{cycle.Api}/sessions", cycle.Session("نشست حذف"), HttpStatusCode.Created)).Str("id");
        var problem = await cycle.ItemAsync("problem", "آلودگی هوا", sessions: [session]);
        var strategy = await cycle.ItemAsync("strategy", "راهبرد هوای پاک", from: [problem], sessions: [session]);
        var policy = await cycle.ItemAsync("executivePolicy", "سیاست حمل‌ونقل پاک", from: [strategy]);
        var strategyId = Guid.Parse(strategy);
        var createdAt = (await cycle.Secretary.GetOkAsync($"{cycle.Api}/items/{strategy}")).GetProperty("createdAt").GetDateTimeOffset();

        var response = await cycle.Secretary.DeleteAsync(new Uri($"{cycle.Api}/items/{strategy}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await (await cycle.Secretary.GetAsync(new Uri($"{cycle.Api}/items/{strategy}", UriKind.Relative))).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty((await cycle.Secretary.GetOkAsync($"{cycle.Api}/items/{problem}")).GetProperty("to").EnumerateArray());
        Assert.Empty((await cycle.Secretary.GetOkAsync($"{cycle.Api}/items/{policy}")).GetProperty("from").EnumerateArray());
        await using var scope = service.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
        Assert.False(await db.PlanItemLinks.AnyAsync(l => l.FromItemId == strategyId || l.ToItemId == strategyId));
        Assert.False(await db.PlanItemSessions.AnyAsync(l => l.ItemId == strategyId));
        Assert.True(await db.PlanItemSessions.AnyAsync(l => l.ItemId == Guid.Parse(problem)));
        var record = await db.PlanItemDeletions.SingleAsync(d => d.ItemId == strategyId);
        var secretary = await db.Memberships.Where(m => m.GroupId == cycle.Group.SecretaryGroup).Select(m => m.UserId).ToListAsync();
        Assert.Equal(("راهبرد هوای پاک", PlanItemKind.Strategy, cycle.Group.Id), (record.Title, record.Kind, record.WorkingGroupId));
        Assert.Contains(record.DeletedBy, secretary);
        Assert.True(record.DeletedAt >= createdAt);
    }

    [Fact]
    public async Task AMergedItem_Is409_AnAgreedOne_Is409_AndAnotherWorkingGroupsMember_Is403()
    {
        var cycle = await WorkingGroupCycle.StartAsync(service, "wg-org-urban-environment-parks-green-space", "delete-no");
        var a = await cycle.ItemAsync("problem", "کمبود پارک");
        var b = await cycle.ItemAsync("problem", "كمبود پارك");
        var agreed = await cycle.ItemAsync("problem", "پسماند ساختمانی");
        await cycle.Secretary.PostOkAsync($"{cycle.Api}/items/{agreed}/agreement", new { mode = "consensus" });
        var (_, office) = await service.SignInNewAsync("delete-office", [Roles.Official], PlanningAccess.PlanningOfficeGroup);
        var consolidated = (await office.PostOkAsync($"{cycle.Api}/duplicates/merge", new { itemIds = new[] { a, b } }, HttpStatusCode.Created)).Str("id");

        var merged = await (await cycle.Secretary.DeleteAsync(new Uri($"{cycle.Api}/items/{a}", UriKind.Relative))).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("merged into a consolidated item", merged.Detail(), StringComparison.Ordinal);
        var agreement = await (await cycle.Secretary.DeleteAsync(new Uri($"{cycle.Api}/items/{agreed}", UriKind.Relative))).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("agreed", agreement.Detail(), StringComparison.Ordinal);
        var ofOriginals = await (await office.DeleteAsync(new Uri($"{cycle.Api}/items/{consolidated}", UriKind.Relative))).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("splits it in consolidation", ofOriginals.Detail(), StringComparison.Ordinal);

        var draft = await cycle.ItemAsync("problem", "کمبود سرویس بهداشتی");
        var other = await (await cycle.Outsider.DeleteAsync(new Uri($"{cycle.Api}/items/{draft}", UriKind.Relative))).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains(cycle.Group.Id, other.Detail(), StringComparison.Ordinal);
        foreach (var kept in new[] { a, agreed, consolidated, draft })
        {
            await cycle.Secretary.GetOkAsync($"{cycle.Api}/items/{kept}");
        }

        await using var scope = service.Factory.Services.CreateAsyncScope();
        var ids = new[] { a, agreed, consolidated, draft }.Select(Guid.Parse).ToList();
        Assert.False(await scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>().PlanItemDeletions.AnyAsync(d => ids.Contains(d.ItemId)));
    }
}
