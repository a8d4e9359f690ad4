using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Tests.Support;

namespace ApprovalFlow.Server.Tests.Forms;

/// <summary>Deploying task forms through <c>/api/forms</c> (issue 11, "Forms"): versions, the server's checks by path, and who may deploy.</summary>
[Collection(ServiceGroup.Name)]
public sealed class FormsApiTests(ServiceFixture service)
{
    /// <summary>A form with one required text field labelled <paramref name="label"/> at key <paramref name="field"/>.</summary>
    internal static object OneField(string name, string field, string label) => new
    {
        type = "default", id = "Form_1", schemaVersion = 16, name,
        components = new object[] { new { type = "textfield", id = "Field_1", key = field, label, validate = new { required = true } } },
    };

    [Fact]
    public async Task Deploy_NewSchemaIs201_SameSchemaIs200_AChangeIsVersion2_ListedWithItsLatestVersion()
    {
        var (owner, client) = await service.SignInNewAsync("farzaneh", [Roles.ProcessOwner]);
        var key = BpmnFiles.NewKey("forms-api");

        var first = await client.PostOkAsync("/api/forms", new { key, schema = OneField("درخواست مرخصی", "reason", "دلیل") }, HttpStatusCode.Created);
        var again = await client.PostOkAsync("/api/forms", new { key, schema = OneField("درخواست مرخصی", "reason", "دلیل") });
        var second = await client.PostOkAsync("/api/forms", new { key, schema = OneField("درخواست مرخصی", "reason", "علت") }, HttpStatusCode.Created);

        Assert.Equal((1, 1, 2), (first.GetProperty("version").GetInt32(), again.GetProperty("version").GetInt32(), second.GetProperty("version").GetInt32()));
        Assert.Equal(owner.Id, second.Str("deployedBy"));
        var versions = (await client.GetOkAsync($"/api/forms/{key}")).EnumerateArray().ToList();
        Assert.Equal([1, 2], versions.Select(v => v.GetProperty("version").GetInt32()));
        var schema = await client.GetOkAsync($"/api/forms/{key}/versions/1");
        Assert.Equal("دلیل", schema.GetProperty("components")[0].Str("label"));

        var (_, official) = await service.SignInNewAsync("farid", [Roles.Official]);
        var list = await official.GetOkAsync("/api/forms?pageSize=200");
        var listed = Assert.Single(list.Items(), f => f.Str("key") == key);
        Assert.Equal(("درخواست مرخصی", 2, owner.Id), (listed.Str("name"), listed.GetProperty("version").GetInt32(), listed.Str("deployedBy")));
        Assert.True(listed.TryGetProperty("deployedAt", out _));
        Assert.Contains(list.Items(), f => f.Str("key") == "approval-decision");
        Assert.True(list.GetProperty("total").GetInt32() >= list.Items().Count());
    }

    [Fact]
    public async Task Deploy_ConcurrentlySameNewKey_GivesConsecutiveVersions_AndTheSameSchemaOneVersion()
    {
        var (_, client) = await service.SignInNewAsync("forough", [Roles.ProcessOwner]);
        var key = BpmnFiles.NewKey("forms-race");
        var same = BpmnFiles.NewKey("forms-race-same");

        // Eight variants of one new key and four copies of one schema of another, all at once: deployments of a key take turns.
        var variants = Enumerable.Range(1, 8).Select(i => client.PostAsJsonAsync("/api/forms", new { key, schema = OneField($"نسخه {i}", "reason", $"دلیل {i}") }));
        var copies = Enumerable.Range(1, 4).Select(_ => client.PostAsJsonAsync("/api/forms", new { key = same, schema = OneField("یکسان", "reason", "دلیل") }));
        var responses = await Task.WhenAll(variants.Concat(copies));

        foreach (var response in responses)
        {
            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        var versions = await Task.WhenAll(responses.Select(async r => (await r.ReadJsonAsync()).GetProperty("version").GetInt32()));
        Assert.Equal(Enumerable.Range(1, 8), versions[..8].Order());
        Assert.Equal([1, 1, 1, 1], versions[8..]);
        Assert.Single(responses[8..], r => r.StatusCode == HttpStatusCode.Created);
        Assert.Equal(Enumerable.Range(1, 8), (await client.GetOkAsync($"/api/forms/{key}")).EnumerateArray().Select(v => v.GetProperty("version").GetInt32()).Order());
        Assert.Single((await client.GetOkAsync($"/api/forms/{same}")).EnumerateArray());
    }

    [Fact]
    public async Task Deploy_WhatTheServerCannotCheck_Is422WithEachProblemByPath_AndDeploysNothing()
    {
        var (_, client) = await service.SignInNewAsync("fereshteh", [Roles.ProcessOwner]);
        var key = BpmnFiles.NewKey("forms-bad");
        var schema = new
        {
            type = "default", id = "Form_bad", schemaVersion = 16,
            components = new object[]
            {
                new { type = "textfield", id = "Field_name", key = "full name", label = "Name" },
                new
                {
                    type = "group", id = "Group_1", label = "Group",
                    components = new object[]
                    {
                        new { type = "filepicker", id = "Field_file", key = "file", label = "File" },
                        new { type = "textfield", id = "Field_code", key = "code", label = "Code", validate = new { pattern = "([a-z" } },
                    },
                },
            },
        };

        var problem = await (await client.PostAsJsonAsync("/api/forms", new { key, schema })).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        var errors = problem.GetProperty("errors").EnumerateArray().Select(e => (e.Str("path"), e.Str("componentId"), e.Str("code"))).ToList();
        Assert.Equal(
            [("components[0]", "Field_name", "invalid-key"), ("components[1].components[0]", "Field_file", "file-picker"), ("components[1].components[1]", "Field_code", "pattern")],
            errors);
        Assert.Equal("([a-z", problem.GetProperty("errors")[2].Str("value"));
        Assert.Equal("code", problem.GetProperty("errors")[2].Str("fieldKey"));
        Assert.Contains("component 'Field_name': the key 'full name' is not a name", problem.Detail(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri($"/api/forms/{key}", UriKind.Relative))).StatusCode);
    }

    [Theory]
    [InlineData("page:stakeholders", "reserved-key")]
    [InlineData("a/b", "invalid-form-key")]
    public async Task Deploy_AKeyThatCannotNameAForm_Is422(string key, string code)
    {
        var (_, client) = await service.SignInNewAsync("firouzeh", [Roles.ProcessOwner]);

        var problem = await (await client.PostAsJsonAsync("/api/forms", new { key, schema = OneField("x", "x", "x") })).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal(code, Assert.Single(problem.GetProperty("errors").EnumerateArray()).Str("code"));
    }

    [Fact]
    public async Task Deploy_ByAnOfficial_Is403_AndWithoutASchemaIs400()
    {
        var (_, official) = await service.SignInNewAsync("fardin", [Roles.Official]);
        var (_, owner) = await service.SignInNewAsync("forough", [Roles.Admin]);
        var key = BpmnFiles.NewKey("forms-403");

        var refused = await official.PostAsJsonAsync("/api/forms", new { key, schema = OneField("x", "x", "x") });
        var empty = await owner.PostAsync(new Uri("/api/forms", UriKind.Relative), new StringContent($$"""{"key":"{{key}}"}""", Encoding.UTF8, "application/json"));

        await refused.ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("schema", (await empty.ProblemAsync(HttpStatusCode.BadRequest)).Detail(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await official.GetAsync(new Uri($"/api/forms/{key}", UriKind.Relative))).StatusCode);
    }
}
