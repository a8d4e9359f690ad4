using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApprovalFlow.Server.Tests.Definitions;

[Collection(ServiceGroup.Name)]
public class DefinitionsApiTests(ServiceFixture service)
{
    private static StringContent Xml(string xml) => new(xml, Encoding.UTF8, "application/xml");

    [Fact]
    public async Task Deploy_NewThenSameThenChanged_Is201Then200SameVersionThen201Version2()
    {
        var (owner, client) = await service.SignInNewAsync("paria", [Roles.ProcessOwner]);
        var key = BpmnFiles.NewKey("deploy");

        var first = await client.PostAsync(new Uri("/api/definitions", UriKind.Relative), Xml(BpmnFiles.Approval(key)));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var created = await first.ReadJsonAsync();
        Assert.Equal(key, created.GetProperty("key").GetString());
        Assert.Equal(1, created.GetProperty("version").GetInt32());
        Assert.Equal("Approval", created.GetProperty("name").GetString());
        Assert.Equal($"/api/definitions/{key}", first.Headers.Location?.OriginalString);

        var again = await client.PostAsync(new Uri("/api/definitions", UriKind.Relative), Xml(BpmnFiles.Approval(key)));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var same = await again.ReadJsonAsync();
        Assert.Equal(1, same.GetProperty("version").GetInt32());
        Assert.Equal(created.GetProperty("id").GetGuid(), same.GetProperty("id").GetGuid());

        var changed = await client.PostAsync(new Uri("/api/definitions", UriKind.Relative), Xml(BpmnFiles.Approval(key, "Approval v2")));
        Assert.Equal(HttpStatusCode.Created, changed.StatusCode);
        Assert.Equal(2, (await changed.ReadJsonAsync()).GetProperty("version").GetInt32());

        var versions = await client.GetFromJsonAsync<JsonElement>($"/api/definitions/{key}");
        Assert.Equal([1, 2], versions.EnumerateArray().Select(v => v.GetProperty("version").GetInt32()));
        Assert.All(versions.EnumerateArray(), v => Assert.Equal(owner.Id, v.GetProperty("deployedBy").GetString()));
        Assert.All(versions.EnumerateArray(), v => Assert.Matches("^[0-9a-f]{64}$", v.GetProperty("sha256").GetString()));

        var list = await client.GetFromJsonAsync<JsonElement>("/api/definitions");
        var summary = Assert.Single(list.EnumerateArray(), d => d.GetProperty("key").GetString() == key);
        Assert.Equal(2, summary.GetProperty("latestVersion").GetInt32());
        Assert.Equal("Approval v2", summary.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Deploy_MultipartFile_Is201AndXmlDownloadEqualsUpload()
    {
        var (_, client) = await service.SignInNewAsync("parviz", [Roles.Admin]);
        var key = BpmnFiles.NewKey("multipart");
        var xml = BpmnFiles.Approval(key);
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(xml));
        file.Headers.ContentType = new("application/xml");
        form.Add(file, "file", "approval.bpmn");

        var response = await client.PostAsync(new Uri("/api/definitions", UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var download = await client.GetAsync(new Uri($"/api/definitions/{key}/versions/1/xml", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/xml", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(xml, await download.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Deploy_FileWithParentAndChild_DeploysEachProcess()
    {
        var (_, client) = await service.SignInNewAsync("pegah", [Roles.ProcessOwner]);
        await service.CreateUserAsync("reviewer", [Roles.Official], "reviewers");
        var parent = BpmnFiles.NewKey("parent");
        var child = BpmnFiles.NewKey("child");

        var response = await client.PostAsync(new Uri("/api/definitions", UriKind.Relative), Xml(BpmnFiles.ParentAndChild(parent, child)));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal(parent, body.GetProperty("key").GetString());
        Assert.Equal([parent, child], body.GetProperty("processes").EnumerateArray().Select(p => p.GetProperty("key").GetString()));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri($"/api/definitions/{child}", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Deploy_InvalidFile_Is422NamingElementAndLine_DatabaseUnchanged()
    {
        var (_, client) = await service.SignInNewAsync("pouya", [Roles.ProcessOwner]);
        var key = BpmnFiles.NewKey("invalid");
        var before = await CountDefinitionsAsync();

        var response = await client.PostAsync(new Uri("/api/definitions", UriKind.Relative), Xml(BpmnFiles.Approval(key, assignee: null)));

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Contains("'Review'", problem.Detail(), StringComparison.Ordinal);
        Assert.Contains("line 5", problem.Detail(), StringComparison.Ordinal);
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal("Review", error.GetProperty("elementId").GetString());
        Assert.Equal(5, error.GetProperty("line").GetInt32());
        Assert.True(error.GetProperty("column").GetInt32() > 0);
        Assert.Equal("missing-assignment", error.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        Assert.Equal(before, await CountDefinitionsAsync());
    }

    [Fact]
    public async Task Deploy_MalformedXml_Is422()
    {
        var (_, client) = await service.SignInNewAsync("pari", [Roles.ProcessOwner]);

        var response = await client.PostAsync(new Uri("/api/definitions", UriKind.Relative), Xml("<bpmn:definitions"));

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("malformed-xml", problem.GetProperty("errors")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task Deploy_AsOfficial_Is403Problem_DatabaseUnchanged()
    {
        var (_, client) = await service.SignInNewAsync("omid", [Roles.Official]);
        var before = await CountDefinitionsAsync();

        var response = await client.PostAsync(new Uri("/api/definitions", UriKind.Relative), Xml(BpmnFiles.Approval(BpmnFiles.NewKey("forbidden"))));

        await Problems.AssertProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Equal(before, await CountDefinitionsAsync());
    }

    [Fact]
    public async Task Deploy_JsonBody_Is415Problem()
    {
        var (_, client) = await service.SignInNewAsync("pedram", [Roles.ProcessOwner]);

        var response = await client.PostAsJsonAsync("/api/definitions", new { xml = "<definitions/>" });

        await Problems.AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Deploy_OverFiveMebibytes_Is413Problem()
    {
        var (_, client) = await service.SignInNewAsync("puran", [Roles.ProcessOwner]);
        var xml = BpmnFiles.Approval(BpmnFiles.NewKey("large")).Replace("<bpmn:startEvent", $"<!-- {new string('x', 6 * 1024 * 1024)} --><bpmn:startEvent", StringComparison.Ordinal);

        var response = await client.PostAsync(new Uri("/api/definitions", UriKind.Relative), Xml(xml));

        await Problems.AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Deploy_ConcurrentlySameNewKey_GivesConsecutiveVersions_AndTheSameFileOneVersion()
    {
        var (_, client) = await service.SignInNewAsync("pouran", [Roles.ProcessOwner]);
        var key = BpmnFiles.NewKey("race");
        var same = BpmnFiles.NewKey("race-same");

        // Eight variants of one new key and four copies of one file of another, all at once: deployments of a key take turns.
        var variants = Enumerable.Range(1, 8).Select(i => client.PostAsync(new Uri("/api/definitions", UriKind.Relative), Xml(BpmnFiles.Approval(key, $"Variant {i}"))));
        var copies = Enumerable.Range(1, 4).Select(_ => client.PostAsync(new Uri("/api/definitions", UriKind.Relative), Xml(BpmnFiles.Approval(same))));
        var responses = await Task.WhenAll(variants.Concat(copies));

        foreach (var response in responses)
        {
            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        var versions = await Task.WhenAll(responses.Select(async r => (await r.ReadJsonAsync()).GetProperty("version").GetInt32()));
        Assert.Equal(Enumerable.Range(1, 8), versions[..8].Order());
        Assert.Equal([1, 1, 1, 1], versions[8..]);
        var listed = await client.GetFromJsonAsync<JsonElement>($"/api/definitions/{same}");
        Assert.Single(listed.EnumerateArray());
    }

    [Fact]
    public async Task GetVersions_UnknownKey_Is404Problem()
    {
        var (_, client) = await service.SignInNewAsync("olya", [Roles.Official]);

        var response = await client.GetAsync(new Uri("/api/definitions/no-such-key", UriKind.Relative));

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Contains("no-such-key", problem.Detail(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetXml_UnknownVersion_Is404Problem()
    {
        var (_, client) = await service.SignInNewAsync("parsa", [Roles.ProcessOwner]);
        var key = BpmnFiles.NewKey("xml");
        (await client.PostAsync(new Uri("/api/definitions", UriKind.Relative), Xml(BpmnFiles.Approval(key)))).EnsureSuccessStatusCode();

        var response = await client.GetAsync(new Uri($"/api/definitions/{key}/versions/7/xml", UriKind.Relative));

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Contains("version 7", problem.Detail(), StringComparison.Ordinal);
    }

    private async Task<int> CountDefinitionsAsync()
    {
        await using var scope = service.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>().Definitions.CountAsync();
    }
}
