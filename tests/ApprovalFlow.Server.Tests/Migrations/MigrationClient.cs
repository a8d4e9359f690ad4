using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ApprovalFlow.Server.Tests.Support;

namespace ApprovalFlow.Server.Tests.Migrations;

/// <summary>The calls migration tests make as a process owner: deploy, start, tasks, migrate and wait for the batch job.</summary>
internal sealed class MigrationClient(HttpClient owner)
{
    public HttpClient Owner => owner;

    /// <summary>Deploys a BPMN file through the API and returns the version it got.</summary>
    public async Task<int> DeployAsync(string xml)
    {
        using var content = new StringContent(xml, Encoding.UTF8, "application/xml");
        var response = await owner.PostAsync(new Uri("/api/definitions", UriKind.Relative), content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"deploy: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("version").GetInt32();
    }

    public async Task<Guid> StartAsync(string key, string? businessKey = null) =>
        (await owner.PostOkAsync("/api/instances", new { definitionKey = key, businessKey }, HttpStatusCode.Created)).GetProperty("id").GetGuid();

    public async Task<JsonElement> InstanceAsync(Guid id) => await owner.GetOkAsync($"/api/instances/{id}");

    /// <summary>The instance's open tasks (its own, not its children's).</summary>
    public async Task<List<JsonElement>> OpenTasksAsync(Guid instanceId) =>
        [.. (await owner.GetOkAsync($"/api/tasks?scope=all&status=open&rootInstanceId={instanceId}&pageSize=200")).Items()
            .Where(t => t.GetProperty("instanceId").GetGuid() == instanceId)];

    public async Task<JsonElement> OpenTaskAsync(Guid instanceId, string nodeId)
    {
        var tasks = await OpenTasksAsync(instanceId);
        return Assert.Single(tasks, t => t.Str("nodeId") == nodeId);
    }

    public Task<HttpResponseMessage> PostAsync(object body) => owner.PostAsJsonAsync("/api/migrations", body);

    public Task<JsonElement> DryRunAsync(string key, int from, int to, object? mapping = null, Guid[]? instanceIds = null) =>
        owner.PostOkAsync("/api/migrations", new { definitionKey = key, fromVersion = from, toVersion = to, mapping, instanceIds, dryRun = true });

    /// <summary>Applies a migration and waits until its Hangfire batch job has handled every instance.</summary>
    public async Task<JsonElement> ApplyAsync(string key, int from, int to, object? mapping = null, Guid[]? instanceIds = null)
    {
        var started = await owner.PostOkAsync("/api/migrations", new { definitionKey = key, fromVersion = from, toVersion = to, mapping, instanceIds, dryRun = false }, HttpStatusCode.Accepted);
        return await WaitAsync(started.GetProperty("id").GetGuid());
    }

    public async Task<JsonElement> WaitAsync(Guid migrationId)
    {
        JsonElement migration = default;
        await ServiceFixture.EventuallyAsync(
            async () => (migration = await owner.GetOkAsync($"/api/migrations/{migrationId}")).Str("status") == "done",
            $"migration {migrationId} done");
        return migration;
    }

    public async Task<List<JsonElement>> HistoryAsync(Guid instanceId) =>
        [.. (await owner.GetOkAsync($"/api/instances/{instanceId}/history")).EnumerateArray()];
}
