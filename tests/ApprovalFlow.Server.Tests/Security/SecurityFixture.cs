using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Planning.Data;
using ApprovalFlow.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using ApprovalFlow.Testing;

namespace ApprovalFlow.Server.Tests.Security;

/// <summary>
/// The service on a database of its own for the security tests (they call every endpoint, mutating ones included),
/// with the six principals of the authorisation matrix and the data their route parameters name: a definition whose
/// task is for group A, instances started by an official of group A, and a plan cycle that official created.
/// </summary>
public sealed class SecurityFixture : ServiceFixture
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Principals? _principals;
    private HttpClient? _fuzzer;

    /// <summary>The candidate group of the definition's task.</summary>
    public string GroupA { get; } = $"sec-a-{Guid.NewGuid():N}"[..20];

    /// <summary>Another group, whose official sees nothing of group A's work.</summary>
    public string GroupB { get; } = $"sec-b-{Guid.NewGuid():N}"[..20];

    /// <summary>The definition key deployed for the matrix (one user task for <see cref="GroupA"/>).</summary>
    public string DefinitionKey { get; } = BpmnFiles.NewKey("sec_matrix");

    /// <summary>The business key of the plan cycle created by the group official.</summary>
    public string CycleKey { get; } = $"sec-cycle-{Guid.NewGuid():N}";

    /// <summary>The principals, created and signed in once.</summary>
    public async Task<Principals> PrincipalsAsync()
    {
        await _gate.WaitAsync();
        try
        {
            return _principals ??= await CreatePrincipalsAsync();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Starts a new instance of <see cref="DefinitionKey"/> as the group official; returns it and its open task.</summary>
    public async Task<(Guid Instance, Guid Task)> StartInstanceAsync()
    {
        var principals = await PrincipalsAsync();
        var started = await principals.GroupOfficial.PostOkAsync("/api/instances", new { definitionKey = DefinitionKey }, HttpStatusCode.Created);
        var instance = started.GetProperty("id").GetGuid();
        var tasks = await principals.Admin.GetOkAsync($"/api/tasks?scope=all&instanceId={instance}");
        return (instance, tasks.Items().Single().GetProperty("id").GetGuid());
    }

    private async Task<Principals> CreatePrincipalsAsync()
    {
        var groupUser = await CreateUserAsync("sec-group", [Roles.Official], GroupA);
        var group = await BearerClientAsync(groupUser);
        var other = await BearerClientAsync(await CreateUserAsync("sec-other", [Roles.Official], GroupB));
        var owner = await BearerClientAsync(await CreateUserAsync("sec-owner", [Roles.ProcessOwner]));
        var admin = await BearerClientAsync(await CreateUserAsync("sec-admin", [Roles.Admin]));
        var worker = await CreateUserAsync("sec-worker", [Roles.Worker]);
        var basic = NewClient();
        basic.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{worker.Email}:{Password}")));
        var anonymous = NewClient();

        await DeployXmlAsync(TaskForGroup(DefinitionKey, GroupA));
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
            db.PlanCycles.Add(new PlanCycleRecord
            {
                Id = Guid.CreateVersion7(), BusinessKey = CycleKey, Title = "چرخه آزمون دسترسی", FirstYear = 1405, LastYear = 1408,
                Status = PlanCycleStatus.Preparing, CreatedBy = groupUser.Id, CreatedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
        }

        return new Principals(anonymous, other, group, owner, admin, basic);
    }

    /// <summary>
    /// The fuzzing tests' client: an admin and process owner who is also a member of the planning office and of
    /// <see cref="GroupA"/>, so that requests pass the authorisation and reach binding and validation.
    /// </summary>
    public async Task<HttpClient> FuzzerAsync()
    {
        await _gate.WaitAsync();
        try
        {
            return _fuzzer ??= await BearerClientAsync(await CreateUserAsync("sec-fuzzer", [Roles.Admin, Roles.ProcessOwner], GroupA, "planning-office"));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A client that does not follow redirects (a page's redirect to sign-in is the answer looked at).</summary>
    public HttpClient NewClient()
    {
        var client = Factory.CreateClient(new() { AllowAutoRedirect = false });
        client.Timeout = TimeSpan.FromSeconds(RequestTimeoutSeconds);
        return client;
    }

    /// <summary>The longest a security test waits for one answer: 60 s, generous on a loaded machine; longer is a hang.</summary>
    public const int RequestTimeoutSeconds = 60;

    private async Task<HttpClient> BearerClientAsync(ApplicationUser user)
    {
        var client = NewClient();
        var token = await client.PostOkAsync("/api/auth/login", new { email = user.Email, password = Password });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Str("accessToken"));
        return client;
    }

    private static string TaskForGroup(string key, string group) => UserTaskChain.Xml(key, "Matrix", [("Review", "Review")], $"camunda:candidateGroups=\"{group}\"");
}

/// <summary>The clients of the authorisation matrix's principals (bearer tokens, except the worker's HTTP Basic).</summary>
public sealed record Principals(HttpClient Anonymous, HttpClient OtherOfficial, HttpClient GroupOfficial, HttpClient Owner, HttpClient Admin, HttpClient Worker)
{
    /// <summary>The principals in the matrix's column order, with their column names.</summary>
    public IReadOnlyList<(string Name, HttpClient Client)> Columns =>
        [("anonymous", Anonymous), ("other-official", OtherOfficial), ("group-official", GroupOfficial), ("owner", Owner), ("admin", Admin), ("worker", Worker)];
}

[CollectionDefinition(Name)]
public sealed class SecurityGroup : ICollectionFixture<SecurityFixture>
{
    public const string Name = "security";
}
