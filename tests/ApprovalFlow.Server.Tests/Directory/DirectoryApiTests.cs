using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ApprovalFlow.Server.Tests.Directory;

[Collection(ServiceGroup.Name)]
public class DirectoryApiTests(ServiceFixture service)
{
    [Fact]
    public async Task Groups_ListsGroupsOrderedByIdWithMemberCounts()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        string alpha = $"a-{suffix}", beta = $"b-{suffix}";
        await service.CreateUserAsync("first", [Roles.Official], alpha, beta);
        await service.CreateUserAsync("second", [Roles.Official], beta);
        var (_, client) = await service.SignInNewAsync("reader", [Roles.Official]);

        var groups = await client.GetFromJsonAsync<JsonElement>("/api/groups");

        var ids = groups.EnumerateArray().Select(g => g.GetProperty("id").GetString()!).ToList();
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        var mine = groups.EnumerateArray().Where(g => g.GetProperty("id").GetString()!.EndsWith(suffix, StringComparison.Ordinal)).ToList();
        Assert.Equal([alpha, beta], mine.Select(g => g.GetProperty("id").GetString()));
        Assert.Equal([1, 2], mine.Select(g => g.GetProperty("memberCount").GetInt32()));
        Assert.Equal("test", mine[0].GetProperty("kind").GetString());
        Assert.Equal(alpha, mine[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task Members_ListsUserIdEmailAndDisplayNameOrderedByDisplayName()
    {
        var group = $"members-{Guid.NewGuid():N}";
        var cyrus = await service.CreateUserAsync("cyrus", [Roles.Official], group);
        var arash = await service.CreateUserAsync("arash", [Roles.Official], group);
        var bahar = await service.CreateUserAsync("bahar", [Roles.ProcessOwner], group);
        await service.CreateUserAsync("outsider", [Roles.Official], $"other-{Guid.NewGuid():N}");
        var (_, client) = await service.SignInNewAsync("reader", [Roles.Official]);

        var members = await client.GetFromJsonAsync<JsonElement>($"/api/groups/{group}/members");

        Assert.Equal(
            [(arash.Id, arash.Email, "arash"), (bahar.Id, bahar.Email, "bahar"), (cyrus.Id, cyrus.Email, "cyrus")],
            members.EnumerateArray().Select(m => (
                m.GetProperty("userId").GetString()!,
                m.GetProperty("email").GetString(),
                m.GetProperty("displayName").GetString()!)));
    }

    [Fact]
    public async Task Members_OfGroupWithoutMembers_IsEmptyList()
    {
        var group = $"empty-{Guid.NewGuid():N}";
        await using (var scope = service.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
            db.Groups.Add(new DirectoryGroup { Id = group, Name = "گروه خالی", Kind = "committee" });
            await db.SaveChangesAsync();
        }

        var (_, client) = await service.SignInNewAsync("reader", [Roles.Official]);

        var members = await client.GetFromJsonAsync<JsonElement>($"/api/groups/{group}/members");

        Assert.Equal(0, members.GetArrayLength());
    }

    [Fact]
    public async Task Members_UnknownGroup_Is404ProblemNamingTheId()
    {
        var (_, client) = await service.SignInNewAsync("reader", [Roles.Official]);
        var id = $"no-such-group-{Guid.NewGuid():N}";

        var response = await client.GetAsync(new Uri($"/api/groups/{id}/members", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
        Assert.Contains(id, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/groups")]
    [InlineData("/api/groups/planning-office/members")]
    public async Task Directory_WithoutToken_Is401(string path)
    {
        using var anonymous = service.Factory.CreateClient();

        var response = await anonymous.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
