using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApprovalFlow.Server.Tests.Api;

/// <summary>
/// Every JSON body is checked once before binding: duplicate names, non-finite numbers, invalid UTF-8,
/// reserved names and bidirectional controls are refused at every depth, on every endpoint; Persian
/// text with ZWNJ and LRM/RLM marks is ordinary text.
/// </summary>
[Collection(ServiceGroup.Name)]
public class JsonBodyRulesTests(ServiceFixture service)
{
    [Theory]
    [InlineData("""{"definitionKey":"a","definitionKey":"parallel-tasks"}""", "The property 'definitionKey' appears twice;")]
    [InlineData("""{"definitionKey":"parallel-tasks","variables":{"list":[{"x":1},{"x":1,"x":2}]}}""", "The property 'x' appears twice in variables.list[1];")]
    [InlineData("""{"definitionKey":"parallel-tasks","variables":{"n":1e400}}""", "variables.n is the number 1e400, which is not a finite IEEE 754 double")]
    [InlineData("""{"definitionKey":"parallel-tasks","variables":{"list":[1,-1E+999]}}""", "variables.list[1] is the number -1E+999")]
    [InlineData("""{"definitionKey":"parallel-tasks","variables":{"__proto__":{"x":1}}}""", "The property name '__proto__' in variables is reserved")]
    [InlineData("""{"definitionKey":"parallel-tasks","variables":{"a":{"b":{"constructor":1}}}}""", "The property name 'constructor' in variables.a.b is reserved")]
    [InlineData("""{"definitionKey":"parallel-tasks","variables":{"list":[{"prototype":1}]}}""", "'prototype' in variables.list[0] is reserved")]
    [InlineData("""{"definitionKey":"parallel-tasks","variables":{"amount\u202E":1}}""", "The property name at variables.amount\u202E contains the bidirectional control U+202E")]
    [InlineData("""{"definitionKey":"parallel-tasks","variables":{"a":{"\u2066x":1}}}""", "contains the bidirectional control U+2066")]
    [InlineData("""{"definitionKey":"parallel-tasks","businessKey":"case-\u202Ecod.exe"}""", "businessKey contains the bidirectional control U+202E")]
    [InlineData("""{"definitionKey":"parallel\u202Atasks"}""", "definitionKey contains the bidirectional control U+202A")]
    public async Task StartWithABodyBreakingAJsonRule_Is400NamingThePlace_AndStartsNothing(string body, string detail)
    {
        await service.DeployAsync("parallel-tasks.bpmn");
        var (user, client) = await service.SignInNewAsync("starter", [Roles.Official]);

        var response = await client.PostAsync(new Uri("/api/instances", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Contains(detail, (await response.ProblemAsync(HttpStatusCode.BadRequest)).Str("detail"), StringComparison.Ordinal);
        Assert.False(await StartedAnyAsync(user.Id));
    }

    [Fact]
    public async Task InvalidUtf8_IsReportedAsInvalidUtf8WithItsOffset()
    {
        var (user, client) = await service.SignInNewAsync("starter", [Roles.Official]);
        var body = Encoding.UTF8.GetBytes("""{"definitionKey":"parallel-tasks","variables":{"note":"ab""").Concat(new byte[] { 0xC3, 0x28 }).Concat(Encoding.UTF8.GetBytes("\"}}")).ToArray();
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };

        var response = await client.PostAsync(new Uri("/api/instances", UriKind.Relative), content);

        var detail = (await response.ProblemAsync(HttpStatusCode.BadRequest)).Str("detail");
        Assert.StartsWith("The request body is not valid UTF-8: the byte 0xC3 at offset 57", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("surrogate", detail, StringComparison.Ordinal);
        Assert.False(await StartedAnyAsync(user.Id));
    }

    [Fact]
    public async Task ABodyBreakingTheRules_FromSomeoneSignedOut_Is401_NotRead()
    {
        using var anonymous = service.Factory.CreateClient();

        var response = await anonymous.PostAsync(new Uri("/api/instances", UriKind.Relative), Json("""{"definitionKey":"a","definitionKey":"b"}"""));

        await response.ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task PersianTextWithZwnjAndDirectionMarks_IsAccepted_InKeysNamesAndValues()
    {
        var key = BpmnFiles.NewKey("persian");
        await service.DeployXmlAsync(BpmnFiles.Approval(key));
        var (_, client) = await service.SignInNewAsync("starter", [Roles.Official]);
        var businessKey = $"برنامه‌ی میان‌مدت \u200F۱۴۰۵\u200E-{Guid.NewGuid():N}";

        var started = await client.PostOkAsync("/api/instances", new
        {
            definitionKey = key, businessKey,
            variables = new Dictionary<string, object> { ["نام‌خانوادگی"] = "احمدی‌نژاد \u200Fمشهد\u200E", ["توضیح"] = new Dictionary<string, string> { ["می‌خواهم"] = "بله" } },
        }, HttpStatusCode.Created);

        Assert.Equal(businessKey, started.Str("businessKey"));
        var instance = await client.GetOkAsync($"/api/instances/{started.Str("id")}");
        Assert.Equal("احمدی‌نژاد \u200Fمشهد\u200E", instance.GetProperty("variables").Str("نام‌خانوادگی"));
    }

    [Fact]
    public async Task ReservedNamesAndDuplicates_AreRefusedOnTaskCompletionAndMessagesToo()
    {
        await service.DeployAsync("service-and-timer.bpmn");
        var (user, client) = await service.SignInNewAsync("owner", [Roles.ProcessOwner]);
        var businessKey = $"case-{Guid.NewGuid():N}";
        var instanceId = (await client.PostOkAsync("/api/instances", new { definitionKey = "service-and-timer", businessKey, variables = new { worker = user.Id, reviewTime = "P10D", secret = "kept" } }, HttpStatusCode.Created)).Str("id");
        await ServiceFixture.EventuallyAsync(async () => (await client.GetOkAsync($"/api/tasks?scope=mine&instanceId={instanceId}")).Items().Any(), "the review task");
        var review = (await client.GetOkAsync($"/api/tasks?scope=mine&instanceId={instanceId}")).Items().Single();

        var complete = await client.PostAsync(new Uri($"/api/tasks/{review.Str("id")}/complete", UriKind.Relative), Json("""{"variables":{"secret":"overwritten","__proto__":{"x":1}}}"""));
        var message = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), Json($$$"""{"name":"documents-received","businessKey":"{{{businessKey}}}","variables":{"a":1,"a":2}}"""));

        Assert.Contains("'__proto__' in variables is reserved", (await complete.ProblemAsync(HttpStatusCode.BadRequest)).Str("detail"), StringComparison.Ordinal);
        Assert.Contains("'a' appears twice in variables", (await message.ProblemAsync(HttpStatusCode.BadRequest)).Str("detail"), StringComparison.Ordinal);
        Assert.Equal("open", (await client.GetOkAsync($"/api/tasks/{review.Str("id")}")).Str("status"));
        Assert.Equal("kept", (await client.GetOkAsync($"/api/instances/{instanceId}")).GetProperty("variables").Str("secret"));
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private async Task<bool> StartedAnyAsync(string userId)
    {
        await using var scope = service.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>().Instances.AnyAsync(i => i.StartedBy == userId);
    }
}
