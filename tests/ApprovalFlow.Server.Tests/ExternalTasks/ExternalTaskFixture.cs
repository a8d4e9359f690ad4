using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ApprovalFlow.Engine.State;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.ExternalTasks;
using ApprovalFlow.Server.Runtime;
using ApprovalFlow.Server.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ApprovalFlow.Server.Tests.ExternalTasks;

/// <summary>
/// The service on its own database, on a real loopback port (Kestrel, so node's Camunda client can reach it), with a
/// test clock: locks and retry timeouts expire when a test advances <see cref="Clock"/>, never by waiting.
/// </summary>
public sealed class ExternalTaskFixture : ServiceFixture
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public Uri BaseAddress { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var addresses = Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
    }

    protected override void ConfigureHost(IWebHostBuilder web) =>
        web.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));

    protected override void ConfigureFactory(WebApplicationFactory<Program> factory) =>
        factory.UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0)); // a free port (UseKestrel(0) falls back to 5000)

    /// <summary>A worker account (role worker) and a client signing in with HTTP Basic.</summary>
    public async Task<(string User, HttpClient Client)> BasicWorkerAsync(string name)
    {
        var user = await CreateUserAsync(name, [Features.Auth.Roles.Worker]);
        return (user.Email!, BasicClient(user.Email!, Password));
    }

    public HttpClient BasicClient(string user, string password)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        return client;
    }

    /// <summary>
    /// Deploys a process <paramref name="key"/>: start → service task <c>work</c> (topic <paramref name="topic"/>, an error
    /// boundary for code <c>REJECTED</c> leading to the receive task <c>handled</c>) → receive task <c>after</c>.
    /// </summary>
    public Task DeployExternalAsync(string key, string topic) => DeployXmlAsync($"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs-{key}" targetNamespace="http://approvalflow.test">
          <bpmn:error id="rejected" errorCode="REJECTED" />
          <bpmn:message id="m-after" name="{key}-after" />
          <bpmn:message id="m-handled" name="{key}-handled" />
          <bpmn:process id="{key}" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="work" />
            <bpmn:serviceTask id="work" camunda:type="external" camunda:topic="{topic}" />
            <bpmn:boundaryEvent id="onRejected" attachedToRef="work"><bpmn:errorEventDefinition errorRef="rejected" /></bpmn:boundaryEvent>
            <bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="after" />
            <bpmn:receiveTask id="after" messageRef="m-after" />
            <bpmn:sequenceFlow id="f3" sourceRef="after" targetRef="end" />
            <bpmn:sequenceFlow id="f4" sourceRef="onRejected" targetRef="handled" />
            <bpmn:receiveTask id="handled" messageRef="m-handled" />
            <bpmn:sequenceFlow id="f5" sourceRef="handled" targetRef="end" />
            <bpmn:endEvent id="end" />
          </bpmn:process>
        </bpmn:definitions>
        """);

    /// <summary>Starts an instance of <paramref name="key"/> through the runner.</summary>
    public async Task<Guid> StartAsync(string key, object? variables = null, string? businessKey = null)
    {
        var catalog = Factory.Services.GetRequiredService<DefinitionCatalog>();
        var definition = (await catalog.FindAsync(key, null, CancellationToken.None))!;
        var values = variables is null ? null : JsonSerializer.SerializeToElement(variables).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
        var record = await Factory.Services.GetRequiredService<InstanceRunner>().StartAsync(definition, businessKey, values, "test", CancellationToken.None);
        return record.Id;
    }

    public async Task<ProcessInstanceState> StateAsync(Guid instanceId)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
        return (await db.Instances.AsNoTracking().SingleAsync(i => i.Id == instanceId)).State;
    }

    public async Task<List<ExternalTaskRecord>> RowsAsync(Guid instanceId)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
        return await db.ExternalTasks.AsNoTracking().Where(t => t.InstanceId == instanceId).ToListAsync();
    }

    public async Task<List<IncidentRecord>> IncidentsAsync(Guid instanceId)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
        return await db.Incidents.AsNoTracking().Where(i => i.InstanceId == instanceId).ToListAsync();
    }

    /// <summary>POSTs a fetchAndLock and returns the status, the exact content type and the tasks.</summary>
    public static async Task<(HttpResponseMessage Response, JsonElement[] Tasks)> FetchAsync(HttpClient client, string workerId, string topic, long lockDuration = 60_000, int maxTasks = 10, long? asyncResponseTimeout = null, string[]? variables = null)
    {
        var response = await client.PostAsJsonAsync("/engine-rest/external-task/fetchAndLock", new
        {
            workerId, maxTasks, usePriority = true, asyncResponseTimeout,
            topics = new[] { new { topicName = topic, lockDuration, variables } },
        });
        var tasks = response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<JsonElement[]>())! : [];
        return (response, tasks);
    }

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, object body) =>
        client.PostAsync(path, new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"));

    /// <summary>The Camunda error body of a refused request.</summary>
    public static async Task<(string Type, string Message)> ErrorAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.ToString());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("type").GetString()!, body.GetProperty("message").GetString()!);
    }
}

[CollectionDefinition(Name)]
public sealed class ExternalTaskGroup : ICollectionFixture<ExternalTaskFixture>
{
    public const string Name = "external-tasks";
}
