using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApprovalFlow.Server.Tests.Designer;

/// <summary><c>/api/definitions/{key}/draft</c>: each process owner's own designer draft, and deploying it.</summary>
[Collection(ServiceGroup.Name)]
public class DraftsApiTests(ServiceFixture service)
{
    private static Uri Draft(string key) => new($"/api/definitions/{key}/draft", UriKind.Relative);

    private static JsonContent Body(string xml, int? baseVersion = null) => JsonContent.Create(new { xml, baseVersion });

    [Fact]
    public async Task A_saved_draft_loads_back_unchanged_is_replaced_by_the_next_save_and_is_gone_after_delete()
    {
        var (_, client) = await service.SignInNewAsync("dorna", [Roles.ProcessOwner]);
        var key = BpmnFiles.NewKey("draft");

        var missing = await client.GetAsync(Draft(key));
        Assert.Contains(key, (await Problems.AssertProblemAsync(missing, HttpStatusCode.NotFound)).Detail(), StringComparison.Ordinal);

        var first = await client.PutAsync(Draft(key), Body(BpmnFiles.Approval(key, "پیش‌نویس اول")));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var saved = await first.ReadJsonAsync();
        Assert.Equal(key, saved.GetProperty("key").GetString());
        Assert.Equal(JsonValueKind.Null, saved.GetProperty("baseVersion").ValueKind);

        var second = await client.PutAsync(Draft(key), Body(BpmnFiles.Approval(key, "پیش‌نویس دوم"), 3));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var loaded = await client.GetFromJsonAsync<JsonElement>(Draft(key));
        Assert.Equal(BpmnFiles.Approval(key, "پیش‌نویس دوم"), loaded.GetProperty("xml").GetString());
        Assert.Equal(3, loaded.GetProperty("baseVersion").GetInt32());
        Assert.True(loaded.GetProperty("savedAt").GetDateTimeOffset() >= saved.GetProperty("savedAt").GetDateTimeOffset());

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync(Draft(key))).StatusCode);
        await Problems.AssertProblemAsync(await client.GetAsync(Draft(key)), HttpStatusCode.NotFound);
        await Problems.AssertProblemAsync(await client.DeleteAsync(Draft(key)), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Each_owner_sees_only_their_own_draft_of_a_key()
    {
        var (_, first) = await service.SignInNewAsync("delaram", [Roles.ProcessOwner]);
        var (_, second) = await service.SignInNewAsync("daryoush", [Roles.Admin]);
        var key = BpmnFiles.NewKey("shared");

        await first.PutAsync(Draft(key), Body(BpmnFiles.Approval(key, "مال اولی")));
        await Problems.AssertProblemAsync(await second.GetAsync(Draft(key)), HttpStatusCode.NotFound);
        await second.PutAsync(Draft(key), Body(BpmnFiles.Approval(key, "مال دومی")));
        Assert.Equal(HttpStatusCode.NoContent, (await second.DeleteAsync(Draft(key))).StatusCode);

        var kept = await first.GetFromJsonAsync<JsonElement>(Draft(key));
        Assert.Contains("مال اولی", kept.GetProperty("xml").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"><bpmn:process id=\"p\">", "not a BPMN")]
    [InlineData("<root>not bpmn</root>", "not a BPMN")]
    [InlineData("<!DOCTYPE x [<!ENTITY a \"b\">]><bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" />", "not a BPMN")]
    public async Task A_draft_that_is_no_BPMN_file_is_a_422_problem_and_nothing_is_saved(string xml, string expected)
    {
        var (_, client) = await service.SignInNewAsync("dalia", [Roles.ProcessOwner]);
        var key = BpmnFiles.NewKey("bad");

        var problem = await Problems.AssertProblemAsync(await client.PutAsync(Draft(key), Body(xml)), HttpStatusCode.UnprocessableEntity);

        Assert.Contains(expected, problem.Detail(), StringComparison.OrdinalIgnoreCase);
        await Problems.AssertProblemAsync(await client.GetAsync(Draft(key)), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_missing_body_a_bad_key_a_bad_base_version_and_a_file_over_5_MiB_are_problems()
    {
        var (_, client) = await service.SignInNewAsync("dena", [Roles.ProcessOwner]);
        var key = BpmnFiles.NewKey("limits");

        await Problems.AssertProblemAsync(await client.PutAsync(Draft(key), JsonContent.Create(new { baseVersion = 1 })), HttpStatusCode.BadRequest);
        await Problems.AssertProblemAsync(await client.PutAsync(Draft(key), Body(BpmnFiles.Approval(key), 0)), HttpStatusCode.BadRequest);
        var badKey = await Problems.AssertProblemAsync(await client.PutAsync(Draft("1-starts-with-a-digit"), Body(BpmnFiles.Approval(key))), HttpStatusCode.BadRequest);
        Assert.Contains("1-starts-with-a-digit", badKey.Detail(), StringComparison.Ordinal);
        var huge = BpmnFiles.Approval(key).Replace("</bpmn:definitions>", $"<!-- {new string('x', 5 * 1024 * 1024)} --></bpmn:definitions>", StringComparison.Ordinal);
        await Problems.AssertProblemAsync(await client.PutAsync(Draft(key), Body(huge)), HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Deploying_a_draft_records_it_on_the_new_version_and_discards_it()
    {
        var (owner, client) = await service.SignInNewAsync("darya", [Roles.ProcessOwner]);
        var key = BpmnFiles.NewKey("fromdraft");
        await client.PutAsync(Draft(key), Body(BpmnFiles.Approval(key, "از پیش‌نویس")));
        var savedAt = (await client.GetFromJsonAsync<JsonElement>(Draft(key))).GetProperty("savedAt").GetDateTimeOffset();

        var deployed = await client.PostAsync(new Uri($"/api/definitions/{key}/draft/deploy", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.Created, deployed.StatusCode);
        Assert.Equal(1, (await deployed.ReadJsonAsync()).GetProperty("version").GetInt32());
        var version = Assert.Single((await client.GetFromJsonAsync<JsonElement>($"/api/definitions/{key}")).EnumerateArray());
        var fromDraft = version.GetProperty("fromDraft");
        Assert.Equal(owner.Id, fromDraft.GetProperty("userId").GetString());
        Assert.Equal(owner.DisplayName, fromDraft.GetProperty("userName").GetString());
        Assert.Equal(savedAt, fromDraft.GetProperty("savedAt").GetDateTimeOffset());
        await Problems.AssertProblemAsync(await client.GetAsync(Draft(key)), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_invalid_draft_is_not_deployed_and_stays_saved()
    {
        var (_, client) = await service.SignInNewAsync("dariush", [Roles.ProcessOwner]);
        var key = BpmnFiles.NewKey("invaliddraft");
        await client.PutAsync(Draft(key), Body(BpmnFiles.Approval(key, assignee: null)));

        var problem = await Problems.AssertProblemAsync(await client.PostAsync(new Uri($"/api/definitions/{key}/draft/deploy", UriKind.Relative), null), HttpStatusCode.UnprocessableEntity);

        Assert.Contains(problem.GetProperty("errors").EnumerateArray(), e => e.GetProperty("code").GetString() == "missing-assignment");
        await using var scope = service.Factory.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>().Definitions.AnyAsync(d => d.Key == key));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Draft(key))).StatusCode);
    }

    [Fact]
    public async Task An_official_gets_403_on_the_draft_API_and_the_deploy_API()
    {
        var (_, client) = await service.SignInNewAsync("dadash", [Roles.Official]);
        var key = BpmnFiles.NewKey("official");

        await Problems.AssertProblemAsync(await client.PutAsync(Draft(key), Body(BpmnFiles.Approval(key))), HttpStatusCode.Forbidden);
        await Problems.AssertProblemAsync(await client.GetAsync(Draft(key)), HttpStatusCode.Forbidden);
        await Problems.AssertProblemAsync(await client.PostAsync(new Uri($"/api/definitions/{key}/draft/deploy", UriKind.Relative), null), HttpStatusCode.Forbidden);
        await Problems.AssertProblemAsync(await client.PostAsync(new Uri("/api/definitions", UriKind.Relative), new StringContent(BpmnFiles.Approval(key), Encoding.UTF8, "application/xml")), HttpStatusCode.Forbidden);
    }
}
