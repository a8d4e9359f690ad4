using System.Net;
using System.Net.Http.Json;
using System.Text;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApprovalFlow.Server.Tests.Runtime;

[Collection(ServiceGroup.Name)]
public class InputRulesTests(ServiceFixture service)
{
    [Theory]
    [InlineData("""{"definitionKey":"parallel-tasks","variables":{"note":"a\u0000b"}}""", "variables.note", "NUL")]
    [InlineData("""{"definitionKey":"parallel-tasks","variables":{"a\u0000":1}}""", "variable name", "NUL")]
    [InlineData("""{"definitionKey":"parallel-tasks","variables":{"list":[{"x":"\ud800"}]}}""", "variables.list[0].x", "surrogate")]
    [InlineData("""{"definitionKey":"parallel-tasks","businessKey":"a\u0000b"}""", "businessKey", "NUL")]
    [InlineData("""{"definitionKey":"parallel-tasks","variabels":{}}""", "variabels", "")]
    public async Task StartWithTextTheDatabaseCannotStore_Is400NamingTheField_AndStartsNothing(string body, string field, string why)
    {
        await service.DeployAsync("parallel-tasks.bpmn");
        var (user, client) = await service.SignInNewAsync("starter", [Roles.Official]);

        var response = await client.PostAsync(new Uri("/api/instances", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));

        var detail = (await response.ProblemAsync(HttpStatusCode.BadRequest)).Str("detail");
        Assert.Contains(field, detail, StringComparison.Ordinal);
        Assert.Contains(why, detail, StringComparison.Ordinal);
        await using var scope = service.Factory.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>().Instances.AnyAsync(i => i.StartedBy == user.Id));
    }

    [Fact]
    public async Task TooLongBusinessKey_Is400_HugePage_IsAnEmptyPage()
    {
        var (_, client) = await service.SignInNewAsync("starter", [Roles.ProcessOwner]);

        var tooLong = await client.PostAsJsonAsync("/api/instances", new { definitionKey = "parallel-tasks", businessKey = new string('k', 201) });
        Assert.Contains("at most 200", (await tooLong.ProblemAsync(HttpStatusCode.BadRequest)).Str("detail"), StringComparison.Ordinal);

        var tasks = await client.GetOkAsync($"/api/tasks?scope=all&page={int.MaxValue}&pageSize={int.MaxValue}");
        var instances = await client.GetOkAsync($"/api/instances?page={int.MaxValue}&pageSize=1000");
        Assert.Empty(tasks.Items());
        Assert.Empty(instances.Items());
        await (await client.GetAsync(new Uri("/api/instances?status=bogus", UriKind.Relative))).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task LoginWithoutPassword_Is400()
    {
        using var anonymous = service.Factory.CreateClient();

        var response = await anonymous.PostAsJsonAsync("/api/auth/login", new { email = "someone@test.local" });

        await response.ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task MessageToAnInstanceTheSenderCannotSee_Is404_ThePermittedSenderIsRecorded()
    {
        await service.DeployAsync("service-and-timer.bpmn");
        var (starter, client) = await service.SignInNewAsync("starter", [Roles.Official]);
        var (_, stranger) = await service.SignInNewAsync("stranger", [Roles.Official]);
        var (worker, gateway) = await service.SignInNewAsync("mail-gateway", [Roles.Worker]);
        var businessKey = $"case-{Guid.NewGuid():N}";
        var instanceId = (await client.PostOkAsync("/api/instances", new { definitionKey = "service-and-timer", businessKey, variables = new { worker = starter.Id, reviewTime = "P10D" } }, HttpStatusCode.Created)).Str("id");
        await ServiceFixture.EventuallyAsync(async () => (await client.GetOkAsync($"/api/tasks?scope=mine&instanceId={instanceId}")).Items().Any(), "the review task");
        var review = (await client.GetOkAsync($"/api/tasks?scope=mine&instanceId={instanceId}")).Items().Single();
        await client.PostOkAsync($"/api/tasks/{review.Str("id")}/complete", new { variables = new { } });

        var fromStranger = await stranger.PostAsJsonAsync("/api/messages", new { name = "documents-received", businessKey });
        await fromStranger.ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("active", (await client.GetOkAsync($"/api/instances/{instanceId}")).Str("status"));

        await gateway.PostOkAsync("/api/messages", new { name = "documents-received", businessKey, variables = new { pages = 3 } });
        var history = await client.GetOkAsync($"/api/instances/{instanceId}/history");
        var correlated = history.EnumerateArray().Single(e => e.Str("type") == "messageCorrelated");
        Assert.Equal(worker.Id, correlated.Str("actor"));
        Assert.Equal(3, correlated.GetProperty("data").GetProperty("variables").GetProperty("pages").GetInt32());
    }

    [Fact]
    public async Task CancellingAChildInstanceDirectly_Is409_NamingTheParent()
    {
        await service.DeployAsync("generic-approval.bpmn");
        var tag = Guid.NewGuid().ToString("N")[..8];
        var (_, owner) = await service.SignInNewAsync("owner", [Roles.ProcessOwner], $"office-{tag}");
        var parentId = (await owner.PostOkAsync("/api/instances", new
        {
            definitionKey = "generic-approval", variables = new { officeGroup = $"office-{tag}", boardGroup = $"board-{tag}", approvers = Array.Empty<string>() },
        }, HttpStatusCode.Created)).Str("id");
        await GenericProcessTests.ClaimAndCompleteAsync(owner, parentId, "prepare", new { amount = 1 });
        var child = (await owner.GetOkAsync($"/api/instances?definitionKey=board-sign-off")).Items().Single(i => i.Str("rootInstanceId") == parentId);

        var response = await owner.PostAsync(new Uri($"/api/instances/{child.Str("id")}/cancel", UriKind.Relative), JsonContent.Create(new { reason = "test" }));

        Assert.Contains(parentId, (await response.ProblemAsync(HttpStatusCode.Conflict)).Str("detail"), StringComparison.Ordinal);
        Assert.Equal("active", (await owner.GetOkAsync($"/api/instances/{child.Str("id")}")).Str("status"));
    }
}
