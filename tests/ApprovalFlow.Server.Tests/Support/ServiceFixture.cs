using System.Net.Http.Headers;
using System.Net.Http.Json;
using ApprovalFlow.Server.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using ApprovalFlow.Server.Runtime;
using ApprovalFlow.Bpmn.Parsing;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ApprovalFlow.Server.Tests.Support;

/// <summary>
/// The service on a real PostgreSQL database of its own, shared by the tests of the
/// <see cref="ServiceGroup"/>; each test makes its own users and data.
/// </summary>
public class ServiceFixture : IAsyncLifetime
{
    public const string Password = "Test!2345";
    private TestDatabase? _database;

    public WebApplicationFactory<Program> Factory { get; private set; } = null!;

    public TestDatabase Database => _database!;

    /// <summary>Every log entry of the fixture host, in order (shared by the tests of the collection).</summary>
    public CapturingLoggerProvider Logs { get; } = new();

    public virtual async Task InitializeAsync()
    {
        _database = await CreateDatabaseAsync();
        Factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Testing");
            web.UseSetting("ConnectionStrings:ApprovalFlow", _database.ConnectionString);
            web.UseSetting("Seed:Demo", "false");
            web.UseSetting("Workflows:Directory", Path.Combine(TestDatabase.RepositoryRoot(), "workflows"));
            // Every test signs in from the one in-process client: the sign-in rate limits must not refuse them.
            web.UseSetting("SignInProtection:ClientPermitLimit", "1000000");
            web.UseSetting("SignInProtection:AccountPermitLimit", "1000000");
            web.ConfigureLogging(logging => logging.AddProvider(Logs));
            web.ConfigureTestServices(services => services.AddServiceTaskHandler<EchoHandler>().AddServiceTaskHandler<FailingHandler>().AddServiceTaskHandler<FlakyHandler>());
            ConfigureHost(web);
        });
        ConfigureFactory(Factory);
        using var warmUp = Factory.CreateClient();
        (await warmUp.GetAsync(new Uri("/health/ready", UriKind.Relative))).EnsureSuccessStatusCode();
    }

    public virtual async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Database.DisposeAsync();
    }

    /// <summary>The fixture's database: a fresh one on the shared local cluster here.</summary>
    protected virtual Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreateAsync();

    /// <summary>More settings of the fixture host, for fixtures built on this one; none here.</summary>
    protected virtual void ConfigureHost(IWebHostBuilder web)
    {
    }

    /// <summary>Changes the fixture's factory before it starts (e.g. a real Kestrel port); nothing here.</summary>
    protected virtual void ConfigureFactory(WebApplicationFactory<Program> factory)
    {
    }

    /// <summary>
    /// Settings for a second host on the fixture's database that must not take Hangfire jobs or outbox
    /// rows from the main host (it is disposed while they may still be in flight).
    /// </summary>
    public static IWebHostBuilder WithoutJobs(IWebHostBuilder web) =>
        web.UseSetting("Runtime:RunJobs", "false").UseSetting("Runtime:DispatchOutbox", "false");

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

    /// <summary>Deploys every process of a fixture file straight into the database (idempotent by content).</summary>
    public async Task DeployAsync(string fixture) =>
        await DeployXmlAsync(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", fixture)));

    /// <summary>Deploys every process of a BPMN file's text straight into the database (idempotent by content).</summary>
    public async Task DeployXmlAsync(string xml)
    {
        var parsed = new BpmnParser().Parse(xml);
        Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors.Select(e => $"{e.ElementId}: {e.Message}")));
        var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(xml)));
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
        foreach (var process in parsed.Document!.Processes)
        {
            if (await db.Definitions.AnyAsync(d => d.Key == process.Id && d.Sha256 == sha))
            {
                continue;
            }

            var version = (await db.Definitions.Where(d => d.Key == process.Id).MaxAsync(d => (int?)d.Version) ?? 0) + 1;
            db.Definitions.Add(new ProcessDefinitionRecord
            {
                Id = Guid.CreateVersion7(), Key = process.Id, Version = version, Name = process.Name, IsExecutable = process.IsExecutable, BpmnXml = xml, Sha256 = sha,
                DeployedAt = DateTimeOffset.UtcNow, DeployedBy = "test",
            });
            try
            {
                await db.SaveChangesAsync();
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>
    /// The default bound of <see cref="EventuallyAsync"/> in seconds: generous, so a loaded machine
    /// only slows a liveness wait and never fails it (the wait returns as soon as its condition holds).
    /// </summary>
    public const int DefaultWaitSeconds = 120;

    /// <summary>Waits until <paramref name="condition"/> holds, polling every 100 ms; fails after <paramref name="seconds"/>.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what, int seconds = DefaultWaitSeconds)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out after {seconds} s waiting for: {what}");
            await Task.Delay(100);
        }
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
