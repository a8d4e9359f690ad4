using System.Net.Http.Headers;
using System.Net.Http.Json;
using ApprovalFlow.Server.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ApprovalFlow.Server.Tests.Support;

/// <summary>
/// The service on a real PostgreSQL database of its own, shared by the tests of the
/// <see cref="ServiceGroup"/>; each test makes its own users and data.
/// </summary>
public sealed class ServiceFixture : IAsyncLifetime
{
    public const string Password = "Test!2345";
    private TestDatabase? _database;

    public WebApplicationFactory<Program> Factory { get; private set; } = null!;

    public TestDatabase Database => _database!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        Factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Testing");
            web.UseSetting("ConnectionStrings:ApprovalFlow", _database.ConnectionString);
            web.UseSetting("Seed:Demo", "false");
            web.UseSetting("Workflows:Directory", Path.Combine(TestDatabase.RepositoryRoot(), "workflows"));
        });
        using var warmUp = Factory.CreateClient();
        (await warmUp.GetAsync(new Uri("/health/ready", UriKind.Relative))).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Database.DisposeAsync();
    }

    /// <summary>Creates a user with a unique e-mail, the given roles and group memberships.</summary>
    public async Task<ApplicationUser> CreateUserAsync(string name, string[] roles, params string[] groups)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var roleManager = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
        var user = new ApplicationUser { UserName = $"{name}-{Guid.NewGuid():N}@test.local", Email = $"{name}-{Guid.NewGuid():N}@test.local", DisplayName = name };
        user.UserName = user.Email;
        Check(await users.CreateAsync(user, Password));
        foreach (var role in roles)
        {
            if (!await roleManager.RoleExistsAsync(role))
            {
                await roleManager.CreateAsync(new IdentityRole(role));
            }

            Check(await users.AddToRoleAsync(user, role));
        }

        foreach (var group in groups)
        {
            if (await db.Groups.FindAsync(group) is null)
            {
                db.Groups.Add(new DirectoryGroup { Id = group, Name = group, Kind = "test" });
            }

            db.Memberships.Add(new GroupMembership { GroupId = group, UserId = user.Id });
        }

        await db.SaveChangesAsync();
        return user;
    }

    /// <summary>An HTTP client signed in as <paramref name="user"/> through <c>POST /api/auth/login</c>.</summary>
    public async Task<HttpClient> ClientForAsync(ApplicationUser user)
    {
        var client = Factory.CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = Password });
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<TokenResponse>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return client;
    }

    /// <summary>A new user with the given roles and groups, signed in.</summary>
    public async Task<(ApplicationUser User, HttpClient Client)> SignInNewAsync(string name, string[] roles, params string[] groups)
    {
        var user = await CreateUserAsync(name, roles, groups);
        return (user, await ClientForAsync(user));
    }

    private static void Check(IdentityResult result) =>
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));

    private sealed record TokenResponse(string TokenType, string AccessToken, long ExpiresIn, string RefreshToken);
}

[CollectionDefinition(Name)]
public sealed class ServiceGroup : ICollectionFixture<ServiceFixture>
{
    public const string Name = "service";
}
