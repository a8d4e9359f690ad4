using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Directory;
using ApprovalFlow.Server.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ApprovalFlow.Server.Tests.Directory;

/// <summary>The demo seeder run directly against the fixture's database (where Seed:Demo is off).</summary>
[Collection(ServiceGroup.Name)]
public class DemoSeederTests(ServiceFixture service)
{
    private static readonly SeedOptions Options = new() { Demo = true };

    [Fact]
    public async Task Seed_RunTwice_SecondRunChangesNothing()
    {
        await SeedAsync();
        var before = await CountsAsync();

        var second = await SeedAsync();

        Assert.True(second.IsEmpty, second.ToString());
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Seed_CreatesEveryGroupAndUserOfTheFileWithTheirMembers()
    {
        await SeedAsync();
        var file = await LoadFileAsync();
        var (_, client) = await service.SignInNewAsync("reader", [Features.Auth.Roles.Official]);

        var groups = await client.GetFromJsonAsync<JsonElement>("/api/groups");
        foreach (var group in file.Groups)
        {
            var listed = groups.EnumerateArray().Single(g => g.GetProperty("id").GetString() == group.Id);
            Assert.True(listed.GetProperty("memberCount").GetInt32() >= 1, group.Id);
            var members = await client.GetFromJsonAsync<JsonElement>($"/api/groups/{group.Id}/members");
            var expected = file.Users.Where(u => u.GroupsOrEmpty.Contains(group.Id)).Select(u => u.Email).Order(StringComparer.Ordinal);
            var actual = members.EnumerateArray().Select(m => m.GetProperty("email").GetString()!).Where(e => e.EndsWith("@approvalflow.local", StringComparison.Ordinal));
            Assert.Equal(expected, actual.Order(StringComparer.Ordinal));
        }

        Assert.True(file.Groups.Count >= 3);
    }

    [Fact]
    public async Task Seed_AdminSignsInWithDemoPassword()
    {
        await SeedAsync();
        using var anonymous = service.Factory.CreateClient();

        var login = await anonymous.PostAsJsonAsync("/api/auth/login", new { email = Options.AdminEmail, password = Options.DemoPassword });

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var me = await MeAsync(login);
        Assert.Equal(["admin"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task Seed_SeededOfficial_MeShowsRoleAndGroups()
    {
        await SeedAsync();
        var official = (await LoadFileAsync()).Users[0];
        using var anonymous = service.Factory.CreateClient();

        var login = await anonymous.PostAsJsonAsync("/api/auth/login", new { email = official.Email, password = Options.DemoPassword });

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var me = await MeAsync(login);
        Assert.Equal(official.DisplayName, me.GetProperty("displayName").GetString());
        Assert.Equal(["official"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(official.GroupsOrEmpty.Order(StringComparer.Ordinal), me.GetProperty("groups").EnumerateArray().Select(g => g.GetString()));
    }

    [Fact]
    public async Task Seed_AgainAfterPasswordChange_KeepsTheNewPassword()
    {
        await SeedAsync();
        var official = (await LoadFileAsync()).Users[1];
        const string changed = "Changed!2345";
        await using (var scope = service.Factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = await users.FindByEmailAsync(official.Email);
            var result = await users.ChangePasswordAsync(user!, Options.DemoPassword, changed);
            Assert.True(result.Succeeded);
        }

        try
        {
            await SeedAsync();

            using var anonymous = service.Factory.CreateClient();
            var login = await anonymous.PostAsJsonAsync("/api/auth/login", new { email = official.Email, password = changed });
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        }
        finally
        {
            // The directory's users are shared by the collection (the full-cycle test signs them in with the demo password).
            await using var scope = service.Factory.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = await users.FindByEmailAsync(official.Email);
            Assert.True((await users.ChangePasswordAsync(user!, changed, Options.DemoPassword)).Succeeded);
        }
    }

    [Fact]
    public void Validator_ReportsEveryBrokenRuleAtOnce()
    {
        var validator = ActivatorUtilities.CreateInstance<SeedOptionsValidator>(service.Factory.Services);

        var result = validator.Validate(null, new SeedOptions
        {
            Demo = true,
            AdminEmail = DemoSeeder.OwnerEmail,
            DemoPassword = "short",
            DirectoryFile = "/nowhere/directory.json",
        });

        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        Assert.Equal(3, failures.Count);
        Assert.Contains("Seed:DemoPassword", failures[0], StringComparison.Ordinal);
        Assert.Contains("at least 6 characters", failures[0], StringComparison.Ordinal);
        Assert.Contains("a digit", failures[0], StringComparison.Ordinal);
        Assert.Contains("Seed:AdminEmail", failures[1], StringComparison.Ordinal);
        Assert.Contains("/nowhere/directory.json", failures[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Validator_AcceptsTheDefaults()
    {
        var validator = ActivatorUtilities.CreateInstance<SeedOptionsValidator>(service.Factory.Services);

        Assert.True(validator.Validate(null, new SeedOptions { Demo = true }).Succeeded);
    }

    [Fact]
    public async Task LoadAsync_InvalidFile_NamesEveryProblem()
    {
        var path = Path.Combine(Path.GetTempPath(), $"directory-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, """
            {
              "groups": [ { "id": "a", "name": "A", "kind": "unit" }, { "id": "a", "name": "A again", "kind": "unit" } ],
              "users": [ { "email": "x@example.org", "displayName": "X", "roles": ["boss"], "groups": ["b"] } ]
            }
            """);
        try
        {
            var error = await Assert.ThrowsAsync<DemoSeedException>(() => DemoDirectory.LoadAsync(path, CancellationToken.None));

            Assert.Contains(path, error.Message, StringComparison.Ordinal);
            Assert.Contains("'a' appears twice", error.Message, StringComparison.Ordinal);
            Assert.Contains("group 'b'", error.Message, StringComparison.Ordinal);
            Assert.Contains("role 'boss'", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task LoadAsync_MissingMember_IsAnError()
    {
        var path = Path.Combine(Path.GetTempPath(), $"directory-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, """{ "groups": [ { "id": "a", "name": "A" } ], "users": [] }""");
        try
        {
            var error = await Assert.ThrowsAsync<DemoSeedException>(() => DemoDirectory.LoadAsync(path, CancellationToken.None));

            Assert.Contains("kind", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private async Task<DemoSeedSummary> SeedAsync()
    {
        var seeder = ActivatorUtilities.CreateInstance<DemoSeeder>(service.Factory.Services, Microsoft.Extensions.Options.Options.Create(Options));
        return await seeder.SeedAsync(CancellationToken.None);
    }

    private Task<DemoDirectory> LoadFileAsync()
    {
        var contentRoot = service.Factory.Services.GetRequiredService<IHostEnvironment>().ContentRootPath;
        return DemoDirectory.LoadAsync(Options.ResolveDirectoryFile(contentRoot)!, CancellationToken.None);
    }

    private async Task<(int Users, int Roles, int UserRoles, int Groups, int Memberships)> CountsAsync()
    {
        await using var scope = service.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
        return (await db.Users.CountAsync(), await db.Roles.CountAsync(), await db.UserRoles.CountAsync(), await db.Groups.CountAsync(), await db.Memberships.CountAsync());
    }

    private async Task<JsonElement> MeAsync(HttpResponseMessage login)
    {
        var token = await login.Content.ReadFromJsonAsync<JsonElement>();
        using var client = service.Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token.GetProperty("accessToken").GetString());
        return await client.GetFromJsonAsync<JsonElement>("/api/me");
    }
}
