using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Tests.Support;

namespace ApprovalFlow.Server.Tests.Definitions;

/// <summary><c>runningInstances</c> of <c>GET /api/definitions</c> (per key) and <c>GET /api/definitions/{key}</c> (per version), on PostgreSQL.</summary>
[Collection(ServiceGroup.Name)]
public class RunningInstancesTests(ServiceFixture service)
{
    [Fact]
    public async Task RunningInstances_CountsActiveInstancesPerVersion_AndCancelledOnesNoLonger()
    {
        var (_, client) = await service.SignInNewAsync("ramin", [Roles.ProcessOwner]);
        var key = BpmnFiles.NewKey("running");
        await DeployAsync(client, BpmnFiles.Approval(key));
        var onFirst = await StartAsync(client, key);
        await DeployAsync(client, BpmnFiles.Approval(key, "Approval v2"));
        await StartAsync(client, key);
        await StartAsync(client, key);
        var cancelled = await StartAsync(client, key);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/api/instances/{cancelled}/cancel", new { })).StatusCode);
        await DeployAsync(client, BpmnFiles.Approval(key, "Approval v3"));

        var versions = await client.GetFromJsonAsync<JsonElement>($"/api/definitions/{key}");
        Assert.Equal([(1, 1), (2, 2), (3, 0)], versions.EnumerateArray().Select(v => (v.GetProperty("version").GetInt32(), v.GetProperty("runningInstances").GetInt32())));
        var list = await client.GetFromJsonAsync<JsonElement>("/api/definitions");
        Assert.Equal(3, Assert.Single(list.EnumerateArray(), d => d.GetProperty("key").GetString() == key).GetProperty("runningInstances").GetInt32());

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/api/instances/{onFirst}/cancel", new { })).StatusCode);
        versions = await client.GetFromJsonAsync<JsonElement>($"/api/definitions/{key}");
        Assert.Equal([0, 2, 0], versions.EnumerateArray().Select(v => v.GetProperty("runningInstances").GetInt32()));
    }

    private static async Task DeployAsync(HttpClient client, string xml)
    {
        var response = await client.PostAsync(new Uri("/api/definitions", UriKind.Relative), new StringContent(xml, Encoding.UTF8, "application/xml"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private static async Task<Guid> StartAsync(HttpClient client, string key)
    {
        var response = await client.PostAsJsonAsync("/api/instances", new { definitionKey = key });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}
