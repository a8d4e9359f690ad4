using System.Net;
using System.Text;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Definitions;
using ApprovalFlow.Server.Tests.Support;

namespace ApprovalFlow.Server.Tests.Definitions;

/// <summary>
/// A call activity whose called process has no none start event (only signal or message starts): Camunda 7 starts
/// called processes at their none start event, so a literal call is refused at deploy (the called process in the
/// same file or deployed) and a call by expression gets an incident on the call activity.
/// </summary>
[Collection(ServiceGroup.Name)]
public class CalledStartTests(ServiceFixture service)
{
    private static StringContent Xml(string xml) => new(xml, Encoding.UTF8, "application/xml");

    private static string File(string content) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Defs_{Guid.NewGuid():N}" targetNamespace="http://approvalflow.test">
        {content}
        </bpmn:definitions>
        """;

    /// <summary>A process <paramref name="key"/> started only by the message <paramref name="message"/>.</summary>
    private static string MessageOnly(string key, string message) => $"""
          <bpmn:message id="Msg_{key}" name="{message}" />
          <bpmn:process id="{key}" isExecutable="true">
            <bpmn:startEvent id="ByMessage"><bpmn:messageEventDefinition messageRef="Msg_{key}" /></bpmn:startEvent>
            <bpmn:sequenceFlow id="C1" sourceRef="ByMessage" targetRef="ChildEnd" />
            <bpmn:endEvent id="ChildEnd" />
          </bpmn:process>
        """;

    private static string Caller(string key, string calledElement) => $"""
          <bpmn:process id="{key}" isExecutable="true">
            <bpmn:startEvent id="Start" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Call" />
            <bpmn:callActivity id="Call" calledElement="{calledElement}" />
            <bpmn:sequenceFlow id="F2" sourceRef="Call" targetRef="End" />
            <bpmn:endEvent id="End" />
          </bpmn:process>
        """;

    [Fact]
    public async Task LiteralCallOfAProcessOfTheSameFileWithoutANoneStart_Is422NamingTheCallActivity()
    {
        var (_, owner) = await service.SignInNewAsync("owner", [Roles.ProcessOwner]);
        var (parent, child) = (BpmnFiles.NewKey("caller"), BpmnFiles.NewKey("msgonly"));
        var xml = File(Caller(parent, child) + MessageOnly(child, $"called-{Guid.NewGuid():N}"));

        var refused = await owner.PostAsync(new Uri("/api/definitions", UriKind.Relative), Xml(xml));

        var error = Assert.Single((await Problems.AssertProblemAsync(refused, HttpStatusCode.UnprocessableEntity)).GetProperty("errors").EnumerateArray());
        Assert.Equal(CalledStartChecks.CalledProcessNotStartable, error.Str("code"));
        Assert.Equal("Call", error.Str("elementId"));
        Assert.Equal(LineOf(xml, "id=\"Call\""), error.GetProperty("line").GetInt32());
        Assert.Contains($"calls '{child}', which has no none start event", error.Str("message"), StringComparison.Ordinal);
        Assert.Contains("ByMessage", error.Str("message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LiteralCallOfADeployedProcessWithoutANoneStart_Is422_AProcessWithOneIsFine()
    {
        var (_, owner) = await service.SignInNewAsync("owner", [Roles.ProcessOwner]);
        var (parent, child) = (BpmnFiles.NewKey("caller"), BpmnFiles.NewKey("msgonly"));
        await DeployAsync(owner, File(MessageOnly(child, $"called-{Guid.NewGuid():N}")));

        var refused = await owner.PostAsync(new Uri("/api/definitions", UriKind.Relative), Xml(File(Caller(parent, child))));

        var error = Assert.Single((await Problems.AssertProblemAsync(refused, HttpStatusCode.UnprocessableEntity)).GetProperty("errors").EnumerateArray());
        Assert.Equal(("Call", CalledStartChecks.CalledProcessNotStartable), (error.Str("elementId"), error.Str("code")));
        var plain = BpmnFiles.NewKey("plain");
        await DeployAsync(owner, BpmnFiles.Approval(plain));
        await DeployAsync(owner, File(Caller(parent, plain)));
    }

    [Fact]
    public async Task CallByExpressionOfAProcessWithoutANoneStart_GivesAnIncidentOnTheCallActivity()
    {
        var (_, owner) = await service.SignInNewAsync("owner", [Roles.ProcessOwner]);
        var (parent, child) = (BpmnFiles.NewKey("caller"), BpmnFiles.NewKey("msgonly"));
        await DeployAsync(owner, File(MessageOnly(child, $"called-{Guid.NewGuid():N}")));
        await DeployAsync(owner, File(Caller(parent, "${target}")));

        var started = await owner.PostOkAsync("/api/instances", new { definitionKey = parent, variables = new { target = child } }, HttpStatusCode.Created);

        var id = started.Str("id");
        Assert.Equal("active", started.Str("status"));
        Assert.Equal(["Call"], started.GetProperty("activeNodes").EnumerateArray().Select(n => n.Str("nodeId")));
        var incident = Assert.Single((await owner.GetOkAsync($"/api/incidents?instanceId={id}")).EnumerateArray());
        Assert.Equal(("Call", "calledProcessNotStartable"), (incident.Str("nodeId"), incident.Str("kind")));
        Assert.Contains($"calls '{child}' version 1, which has no none start event", incident.Str("message"), StringComparison.Ordinal);
        Assert.Equal(0, (await owner.GetOkAsync($"/api/instances?definitionKey={child}")).GetProperty("total").GetInt32());
    }

    private static int LineOf(string xml, string text) =>
        xml.Split('\n').Select((line, i) => (line, i)).First(l => l.line.Contains(text, StringComparison.Ordinal)).i + 1;

    private static async Task DeployAsync(HttpClient client, string xml)
    {
        var response = await client.PostAsync(new Uri("/api/definitions", UriKind.Relative), Xml(xml));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }
}
