using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Definitions;
using ApprovalFlow.Server.Tests.Support;

namespace ApprovalFlow.Server.Tests.Messages;

/// <summary>
/// Message start events through the service (BPMN 2.0.2 §10.5.2, as Camunda 7 correlates): <c>POST /api/messages</c>
/// with a name no waiting subscription takes starts the latest definition with a message start of that name; a
/// waiting subscription wins; a second definition with the same message start is refused at deploy.
/// </summary>
[Collection(ServiceGroup.Name)]
public class MessageStartTests(ServiceFixture service)
{
    private static StringContent Xml(string xml) => new(xml, Encoding.UTF8, "application/xml");

    /// <summary>
    /// A none start to <c>Manual</c>, a message start <c>ByMessage</c> for <paramref name="message"/> to <c>Review</c>
    /// (assigned to <c>${reviewer}</c>), and, when <paramref name="waits"/>, a catch of the same message after <c>Manual</c>.
    /// </summary>
    private static string Permits(string key, string message, string name = "Permits", bool waits = false)
    {
        var first = waits ? "Wait" : "Manual";
        var wait = waits
            ? """<bpmn:intermediateCatchEvent id="Wait"><bpmn:messageEventDefinition messageRef="Msg" /></bpmn:intermediateCatchEvent><bpmn:sequenceFlow id="FW" sourceRef="Wait" targetRef="Manual" />"""
            : string.Empty;
        return $$"""
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Defs_{{key}}" targetNamespace="http://approvalflow.test">
              <bpmn:message id="Msg" name="{{message}}" />
              <bpmn:process id="{{key}}" name="{{name}}" isExecutable="true">
                <bpmn:startEvent id="Start" />
                <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="{{first}}" />
                {{wait}}
                <bpmn:userTask id="Manual" camunda:assignee="${initiator}" />
                <bpmn:sequenceFlow id="F2" sourceRef="Manual" targetRef="End" />
                <bpmn:endEvent id="End" />
                <bpmn:startEvent id="ByMessage"><bpmn:messageEventDefinition messageRef="Msg" /></bpmn:startEvent>
                <bpmn:sequenceFlow id="F3" sourceRef="ByMessage" targetRef="Review" />
                <bpmn:userTask id="Review" camunda:assignee="${reviewer}" />
                <bpmn:sequenceFlow id="F4" sourceRef="Review" targetRef="End2" />
                <bpmn:endEvent id="End2" />
              </bpmn:process>
            </bpmn:definitions>
            """;
    }

    private static string NewMessage() => $"permit-request-{Guid.NewGuid():N}";

    [Fact]
    public async Task MessageNoInstanceWaitsFor_StartsAnInstanceAtTheMessageStart_201WithBusinessKeyAndVariables()
    {
        var (owner, ownerClient) = await service.SignInNewAsync("owner", [Roles.ProcessOwner]);
        var (_, gateway) = await service.SignInNewAsync("gateway", [Roles.Worker]);
        var key = BpmnFiles.NewKey("msgstart");
        var message = NewMessage();
        await DeployAsync(ownerClient, Permits(key, message));
        var businessKey = $"permit-{Guid.NewGuid():N}";

        var response = await gateway.PostAsJsonAsync("/api/messages", new { name = message, businessKey, variables = new { reviewer = owner.Id, parcel = 1204 } });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(body.GetProperty("correlated").GetBoolean());
        Assert.True(body.GetProperty("started").GetBoolean());
        Assert.Equal(key, body.Str("definitionKey"));
        Assert.Equal(1, body.GetProperty("definitionVersion").GetInt32());
        Assert.Equal("ByMessage", body.Str("startEventId"));
        Assert.Equal(businessKey, body.Str("businessKey"));
        var instanceId = body.Str("instanceId");
        Assert.Equal($"/api/instances/{instanceId}", response.Headers.Location!.OriginalString);
        var instance = await ownerClient.GetOkAsync($"/api/instances/{instanceId}");
        Assert.Equal(businessKey, instance.Str("businessKey"));
        Assert.Equal("active", instance.Str("status"));
        Assert.Equal(1204, instance.GetProperty("variables").GetProperty("parcel").GetInt32());
        Assert.Equal(["Review"], instance.GetProperty("activeNodes").EnumerateArray().Select(n => n.Str("nodeId")));
        var task = Assert.Single((await ownerClient.GetOkAsync($"/api/tasks?scope=mine&instanceId={instanceId}")).Items());
        Assert.Equal("Review", task.Str("nodeId"));
        var started = (await ownerClient.GetOkAsync($"/api/instances/{instanceId}/history")).EnumerateArray().First();
        Assert.Equal("instanceStarted", started.Str("type"));
    }

    [Fact]
    public async Task WaitingSubscription_TakesTheMessage_OnlyAMessageNobodyWaitsForStartsAnInstance()
    {
        var (owner, ownerClient) = await service.SignInNewAsync("owner", [Roles.ProcessOwner]);
        var key = BpmnFiles.NewKey("msgwins");
        var message = NewMessage();
        await DeployAsync(ownerClient, Permits(key, message, waits: true));
        var waitingKey = $"waiting-{Guid.NewGuid():N}";
        var waitingId = (await ownerClient.PostOkAsync("/api/instances", new { definitionKey = key, businessKey = waitingKey, variables = new { initiator = owner.Id } }, HttpStatusCode.Created)).Str("id");

        var correlated = await ownerClient.PostOkAsync("/api/messages", new { name = message, businessKey = waitingKey, variables = new { reviewer = owner.Id } });

        Assert.True(correlated.GetProperty("correlated").GetBoolean());
        Assert.Equal(waitingId, correlated.Str("instanceId"));
        var moved = await ownerClient.GetOkAsync($"/api/instances/{waitingId}");
        Assert.Equal(["Manual"], moved.GetProperty("activeNodes").EnumerateArray().Select(n => n.Str("nodeId")));
        Assert.Equal(1, (await ownerClient.GetOkAsync($"/api/instances?definitionKey={key}")).GetProperty("total").GetInt32());

        var other = await ownerClient.PostAsJsonAsync("/api/messages", new { name = message, businessKey = $"other-{Guid.NewGuid():N}", variables = new { reviewer = owner.Id } });

        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
        Assert.Equal(2, (await ownerClient.GetOkAsync($"/api/instances?definitionKey={key}")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task SecondDefinitionWithTheSameMessageStart_IsRefusedAtDeploy_ANewVersionOfTheSameKeyIsFine()
    {
        var (_, ownerClient) = await service.SignInNewAsync("owner", [Roles.ProcessOwner]);
        var first = BpmnFiles.NewKey("msgfirst");
        var second = BpmnFiles.NewKey("msgsecond");
        var message = NewMessage();
        await DeployAsync(ownerClient, Permits(first, message));
        var xml = Permits(second, message);

        var refused = await ownerClient.PostAsync(new Uri("/api/definitions", UriKind.Relative), Xml(xml));

        var problem = await Problems.AssertProblemAsync(refused, HttpStatusCode.UnprocessableEntity);
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal(MessageStartChecks.AmbiguousMessageStart, error.Str("code"));
        Assert.Equal("ByMessage", error.Str("elementId"));
        Assert.Equal(BpmnLine(xml, "id=\"ByMessage\""), error.GetProperty("line").GetInt32());
        Assert.Contains($"'{message}'", error.Str("message"), StringComparison.Ordinal);
        Assert.Contains($"definition '{first}' version 1", error.Str("message"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await ownerClient.GetAsync(new Uri($"/api/definitions/{second}", UriKind.Relative))).StatusCode);

        var newVersion = await ownerClient.PostAsync(new Uri("/api/definitions", UriKind.Relative), Xml(Permits(first, message, name: "Permits v2")));

        Assert.Equal(HttpStatusCode.Created, newVersion.StatusCode);
        Assert.Equal(2, (await newVersion.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());
        var started = await ownerClient.PostAsJsonAsync("/api/messages", new { name = message, variables = new { reviewer = "nobody" } });
        Assert.Equal(2, (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("definitionVersion").GetInt32());
    }

    [Fact]
    public async Task TwoProcessesOfOneFileWithTheSameMessageStart_AreRefused()
    {
        var (_, ownerClient) = await service.SignInNewAsync("owner", [Roles.ProcessOwner]);
        var message = NewMessage();
        var one = Permits(BpmnFiles.NewKey("msgone"), message);
        var two = Permits(BpmnFiles.NewKey("msgtwo"), message);
        var body = two[two.IndexOf("<bpmn:process", StringComparison.Ordinal)..two.IndexOf("</bpmn:definitions>", StringComparison.Ordinal)]
            .Replace("id=\"", "id=\"B_", StringComparison.Ordinal).Replace("Ref=\"", "Ref=\"B_", StringComparison.Ordinal).Replace("messageRef=\"B_", "messageRef=\"", StringComparison.Ordinal);
        var xml = one.Replace("</bpmn:definitions>", body + "</bpmn:definitions>", StringComparison.Ordinal);

        var refused = await ownerClient.PostAsync(new Uri("/api/definitions", UriKind.Relative), Xml(xml));

        var error = Assert.Single((await Problems.AssertProblemAsync(refused, HttpStatusCode.UnprocessableEntity)).GetProperty("errors").EnumerateArray(),
            e => e.Str("code") == MessageStartChecks.AmbiguousMessageStart);
        Assert.Equal("B_ByMessage", error.Str("elementId"));
        Assert.Contains("of the same file", error.Str("message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlainOfficial_MessageStartWithVariables_Is403AndStartsNothing_ABareOneStarts()
    {
        var (_, ownerClient) = await service.SignInNewAsync("owner", [Roles.ProcessOwner]);
        var (official, client) = await service.SignInNewAsync("official", [Roles.Official]);
        var key = BpmnFiles.NewKey("msgrole");
        var message = NewMessage();
        await DeployAsync(ownerClient, Permits(key, message));

        var withVariables = await client.PostAsJsonAsync("/api/messages", new { name = message, variables = new { reviewer = official.Id } });

        Assert.Contains("worker accounts", (await withVariables.ProblemAsync(HttpStatusCode.Forbidden)).Str("detail"), StringComparison.Ordinal);
        Assert.Equal(0, (await ownerClient.GetOkAsync($"/api/instances?definitionKey={key}")).GetProperty("total").GetInt32());
        var bare = await client.PostAsJsonAsync("/api/messages", new { name = message });
        Assert.Equal(HttpStatusCode.Created, bare.StatusCode);
        var instanceId = (await bare.Content.ReadFromJsonAsync<JsonElement>()).Str("instanceId");
        var instance = await client.GetOkAsync($"/api/instances/{instanceId}");
        Assert.False(instance.GetProperty("variables").TryGetProperty("reviewer", out _));
    }

    [Fact]
    public async Task MessageStart_WithABusinessKeyInUse_Is409NamingTheActiveInstance_AndWithAnInstanceIdStartsNothing()
    {
        var (owner, ownerClient) = await service.SignInNewAsync("owner", [Roles.ProcessOwner]);
        var key = BpmnFiles.NewKey("msgkey");
        var message = NewMessage();
        await DeployAsync(ownerClient, Permits(key, message));
        var businessKey = $"permit-{Guid.NewGuid():N}";
        var first = await ownerClient.PostOkAsync("/api/messages", new { name = message, businessKey, variables = new { reviewer = owner.Id } }, HttpStatusCode.Created);

        var again = await ownerClient.PostAsJsonAsync("/api/messages", new { name = message, businessKey, variables = new { reviewer = owner.Id } });

        var problem = await again.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(first.Str("instanceId"), problem.Str("existingInstanceId"));
        Assert.Contains(businessKey, problem.Str("detail"), StringComparison.Ordinal);
        var byId = await ownerClient.PostAsJsonAsync("/api/messages", new { name = message, instanceId = first.Str("instanceId") });
        Assert.Contains("waits for message", (await byId.ProblemAsync(HttpStatusCode.NotFound)).Str("detail"), StringComparison.Ordinal);
        Assert.Equal(1, (await ownerClient.GetOkAsync($"/api/instances?definitionKey={key}")).GetProperty("total").GetInt32());
    }

    private static int BpmnLine(string xml, string text) =>
        xml.Split('\n').Select((line, i) => (line, i)).First(l => l.line.Contains(text, StringComparison.Ordinal)).i + 1;

    private static async Task DeployAsync(HttpClient client, string xml)
    {
        var response = await client.PostAsync(new Uri("/api/definitions", UriKind.Relative), Xml(xml));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }
}
