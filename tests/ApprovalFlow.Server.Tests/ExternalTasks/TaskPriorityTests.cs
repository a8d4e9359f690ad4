using System.Net.Http.Json;
using System.Text.Json;
using static ApprovalFlow.Server.Tests.ExternalTasks.ExternalTaskFixture;

namespace ApprovalFlow.Server.Tests.ExternalTasks;

/// <summary>
/// <c>camunda:taskPriority</c> through the Camunda 7 compatible API: stored when the external task is created (the
/// task's literal or expression, else the process's), shown by <c>GET /engine-rest/external-task</c>, and
/// <c>fetchAndLock</c> with <c>usePriority</c> hands out higher priority first.
/// </summary>
[Collection(ExternalTaskGroup.Name)]
public sealed class TaskPriorityTests(ExternalTaskFixture service)
{
    private static string Prioritised(string key, string topic) => $$"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs-{{key}}" targetNamespace="http://approvalflow.test">
          <bpmn:process id="{{key}}" isExecutable="true" camunda:taskPriority="12">
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="split" />
            <bpmn:parallelGateway id="split" />
            <bpmn:sequenceFlow id="f2" sourceRef="split" targetRef="literal" />
            <bpmn:sequenceFlow id="f3" sourceRef="split" targetRef="computed" />
            <bpmn:sequenceFlow id="f4" sourceRef="split" targetRef="inherited" />
            <bpmn:serviceTask id="literal" camunda:type="external" camunda:topic="{{topic}}" camunda:taskPriority="5" />
            <bpmn:serviceTask id="computed" camunda:type="external" camunda:topic="{{topic}}" camunda:taskPriority="${urgency * 10}" />
            <bpmn:serviceTask id="inherited" camunda:type="external" camunda:topic="{{topic}}" />
            <bpmn:sequenceFlow id="f5" sourceRef="literal" targetRef="join" />
            <bpmn:sequenceFlow id="f6" sourceRef="computed" targetRef="join" />
            <bpmn:sequenceFlow id="f7" sourceRef="inherited" targetRef="join" />
            <bpmn:parallelGateway id="join" />
            <bpmn:sequenceFlow id="f8" sourceRef="join" targetRef="end" />
            <bpmn:endEvent id="end" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    [Fact]
    public async Task TaskPriority_IsStoredAndListed_AndUsePriorityFetchesHigherFirst()
    {
        var suffix = Guid.NewGuid().ToString("N")[..12];
        var (key, topic) = ($"ext-priority-{suffix}", $"topic-priority-{suffix}");
        await service.DeployXmlAsync(Prioritised(key, topic));
        var (_, worker) = await service.BasicWorkerAsync("priority-worker");
        var instance = await service.StartAsync(key, new { urgency = 3 });

        var listed = await worker.GetFromJsonAsync<JsonElement[]>($"/engine-rest/external-task?processInstanceId={instance}");

        var priorities = listed!.ToDictionary(t => t.GetProperty("activityId").GetString()!, t => t.GetProperty("priority").GetInt64());
        Assert.Equal(new Dictionary<string, long> { ["literal"] = 5, ["computed"] = 30, ["inherited"] = 12 }, priorities);
        var fetched = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var (_, tasks) = await FetchAsync(worker, "priority-worker", topic, maxTasks: 1);
            var task = Assert.Single(tasks);
            fetched.Add(task.GetProperty("activityId").GetString()!);
            Assert.Equal(priorities[fetched[^1]], task.GetProperty("priority").GetInt64());
        }

        Assert.Equal(["computed", "inherited", "literal"], fetched);
    }
}
