using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ApprovalFlow.Server.Features.Definitions;
using ApprovalFlow.Server.Features.ExternalTasks;
using ApprovalFlow.Server.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using static ApprovalFlow.Server.Tests.ExternalTasks.ExternalTaskFixture;

namespace ApprovalFlow.Server.Tests.ExternalTasks;

/// <summary>A second node on the same database: wake-ups across nodes, and deployment with the external API off.</summary>
[Collection(ExternalTaskGroup.Name)]
public sealed class ExternalTaskNodesTests(ExternalTaskFixture service)
{
    private static string Unique(string name) => $"{name}-{Guid.NewGuid():N}"[..30];

    [Fact]
    public async Task LongPollOnAnotherNode_IsWokenByPostgresNotify()
    {
        var (key, topic) = (Unique("ext-nodes"), Unique("topic-nodes"));
        await service.DeployExternalAsync(key, topic);
        var (user, _) = await service.BasicWorkerAsync("nodes-worker");
        // Node B looks again only once a minute and its clock (the test clock) stands still: only a NOTIFY from node A can end its poll early.
        await using var nodeB = service.Factory.WithWebHostBuilder(web => ServiceFixture.WithoutJobs(web).UseSetting("ExternalTasks:RequeryInterval", "00:01:00"));
        using var client = nodeB.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{ServiceFixture.Password}")));
        var signal = nodeB.Services.GetRequiredService<ExternalTaskSignal>();

        var poll = FetchAsync(client, "node-b-worker", topic, asyncResponseTimeout: 50_000);
        await ServiceFixture.EventuallyAsync(() => Task.FromResult(signal.Waiting > 0), "node B's fetchAndLock to wait");
        var instance = await service.StartAsync(key);

        var (response, tasks) = await poll;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(instance.ToString(), Assert.Single(tasks).GetProperty("processInstanceId").GetString());
    }

    [Fact]
    public async Task Deploy_RefusesAnUnservedTopic_OnlyWhenTheExternalApiIsOff()
    {
        var key = Unique("ext-deploy");
        var xml = $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs" targetNamespace="http://approvalflow.test">
              <bpmn:process id="{key}" isExecutable="true">
                <bpmn:startEvent id="start" />
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="served" />
                <bpmn:serviceTask id="served" camunda:type="external" camunda:topic="test.echo" />
                <bpmn:sequenceFlow id="f2" sourceRef="served" targetRef="outside" />
                <bpmn:serviceTask id="outside" camunda:type="external" camunda:topic="registry.lookup" />
                <bpmn:sequenceFlow id="f3" sourceRef="outside" targetRef="end" />
                <bpmn:endEvent id="end" />
              </bpmn:process>
            </bpmn:definitions>
            """;
        await using var off = service.Factory.WithWebHostBuilder(web => ServiceFixture.WithoutJobs(web).UseSetting("ExternalTasks:Enabled", "false"));

        var refused = await DeployAsync(off, xml);
        var accepted = await DeployAsync(service.Factory, xml);

        var rejection = Assert.IsType<DeploymentRejected>(refused);
        var error = Assert.Single(rejection.Errors);
        Assert.Equal(("outside", ExternalTaskTopics.UnservedTopic), (error.ElementId, error.Code));
        Assert.Contains("registry.lookup", error.Message, StringComparison.Ordinal);
        Assert.IsType<DefinitionsDeployed>(accepted);
        Assert.False(off.Services.GetRequiredService<ExternalTaskTopics>().IsExternal("registry.lookup"));
        Assert.True(service.Factory.Services.GetRequiredService<ExternalTaskTopics>().IsExternal("registry.lookup"));
        Assert.False(service.Factory.Services.GetRequiredService<ExternalTaskTopics>().IsExternal("test.echo"));
    }

    private static async Task<DeploymentResult> DeployAsync(WebApplicationFactory<Program> host, string xml)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DefinitionDeployer>().DeployAsync(xml, DefinitionDeployer.SystemUser, CancellationToken.None);
    }
}
