using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Definitions;
using ApprovalFlow.Server.Runtime;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ApprovalFlow.Benchmarks.Durable;

/// <summary>
/// The real service in this process on Kestrel (loopback, a free port), Production settings, its own
/// database; Hangfire and the outbox dispatcher run as in production. Logging at Warning so the
/// console does not become the bottleneck.
/// </summary>
internal sealed class ServiceHost : IAsyncDisposable
{
    public const string Password = "Bench!2345";
    public const string DefinitionKey = "durable-sequence";
    public const int TasksPerSequence = 10;

    private readonly WebApplicationFactory<global::Program> _factory;
    private readonly SocketsHttpHandler _handler = new() { MaxConnectionsPerServer = 1024, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };

    private ServiceHost(WebApplicationFactory<global::Program> factory, Uri baseAddress)
    {
        _factory = factory;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public IServiceProvider Services => _factory.Services;

    /// <summary>Starts the service on <paramref name="connectionString"/>; <paramref name="configure"/> adds settings.</summary>
    public static async Task<ServiceHost> StartAsync(string connectionString, Action<IWebHostBuilder>? configure = null)
    {
        var noWorkflows = Directory.CreateTempSubdirectory("approvalflow-bench-workflows").FullName;
        var factory = new WebApplicationFactory<global::Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Staging"); // not Production: the local cluster uses trust authentication, which Production refuses
            web.UseContentRoot(Path.Combine(BenchmarkDatabase.RepositoryRoot(), "src", "ApprovalFlow.Server"));
            web.UseSetting("ConnectionStrings:ApprovalFlow", connectionString);
            web.UseSetting("Seed:Demo", "false");
            web.UseSetting("Workflows:Directory", noWorkflows);
            web.UseSetting("Logging:LogLevel:Default", "Warning");
            // The benchmark signs many users in from one client: the sign-in rate limits must not refuse them.
            web.UseSetting("SignInProtection:ClientPermitLimit", "1000000");
            web.UseSetting("SignInProtection:AccountPermitLimit", "1000000");
            web.UseSetting("Logging:LogLevel:ApprovalFlow", "Warning");
            configure?.Invoke(web);
        });
        factory.UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0)); // a free port (UseKestrel(0) fell back to 5000)
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => new Uri(a.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal))).First();
        var host = new ServiceHost(factory, address);
        using var probe = host.Anonymous();
        (await probe.GetAsync(new Uri("/health/ready", UriKind.Relative))).EnsureSuccessStatusCode();
        return host;
    }

    /// <summary>An HTTP client on the shared connection pool, not signed in.</summary>
    public HttpClient Anonymous() => new(_handler, disposeHandler: false) { BaseAddress = BaseAddress };

    /// <summary>Creates an official named <paramref name="name"/>, with the user id <paramref name="id"/> when given (e.g. a synthetic assignee).</summary>
    public async Task<ApplicationUser> CreateUserAsync(string name, string? id = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        if (!await roles.RoleExistsAsync("official"))
        {
            await roles.CreateAsync(new IdentityRole("official"));
        }

        var user = new ApplicationUser { UserName = $"{name}@bench.local", Email = $"{name}@bench.local", DisplayName = name };
        if (id is not null)
        {
            user.Id = id;
        }

        Check(await users.CreateAsync(user, Password));
        Check(await users.AddToRoleAsync(user, "official"));
        return user;
    }

    /// <summary>An HTTP client signed in as <paramref name="user"/> through <c>POST /api/auth/login</c>.</summary>
    public async Task<HttpClient> SignInAsync(ApplicationUser user)
    {
        var client = Anonymous();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = Password });
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<JsonElement>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
        return client;
    }

    /// <summary>Deploys start → 10 user tasks assigned to <c>${initiator}</c> → end, as the API does.</summary>
    public async Task<DeployedDefinition> DeploySequenceAsync()
    {
        await using (var scope = Services.CreateAsyncScope())
        {
            var deployer = scope.ServiceProvider.GetRequiredService<DefinitionDeployer>();
            await deployer.DeployAsync(Processes.SequenceXml(DefinitionKey, TasksPerSequence, "${initiator}"), DefinitionDeployer.SystemUser, CancellationToken.None);
        }

        return await Services.GetRequiredService<DefinitionCatalog>().FindAsync(DefinitionKey, null, CancellationToken.None)
            ?? throw new InvalidOperationException("The sequence did not deploy.");
    }

    /// <summary>Starts <paramref name="perUser"/> instances for each user (initiator = assignee), <paramref name="parallelism"/> at a time.</summary>
    public async Task<ProcessInstanceRecord[][]> StartInstancesAsync(DeployedDefinition definition, IReadOnlyList<ApplicationUser> users, int perUser, int parallelism)
    {
        var runner = Services.GetRequiredService<InstanceRunner>();
        var result = users.Select(_ => new ProcessInstanceRecord[perUser]).ToArray();
        var slots = Enumerable.Range(0, users.Count).SelectMany(u => Enumerable.Range(0, perUser).Select(i => (u, i)));
        await Parallel.ForEachAsync(slots, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (slot, token) =>
        {
            var variables = new Dictionary<string, JsonElement> { ["initiator"] = JsonSerializer.SerializeToElement(users[slot.u].Id) };
            result[slot.u][slot.i] = await runner.StartAsync(definition, null, variables, users[slot.u].Id, token);
        });
        return result;
    }

    public async ValueTask DisposeAsync()
    {
        _handler.Dispose();
        await _factory.DisposeAsync();
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
