using ApprovalFlow.Server.Runtime.ServiceTasks;

namespace ApprovalFlow.Web.Tests.Support;

/// <summary>
/// The monitor page's own process (key <c>monitor-test-page</c>, used by no other test), drawn so the diagram
/// shows: start → review (parallel multi-instance user task, <c>${count}</c> items assigned to <c>${worker}</c>)
/// → publish (service task of topic <see cref="FailsOnceHandler.TopicName"/>, no retries) → end.
/// </summary>
internal static class MonitorProcess
{
    public const string Key = "monitor-test-page";

    /// <summary>The process owner only the monitor tests sign in (seeded from <c>deploy/seed/mashhad-directory.json</c>).</summary>
    public const string Owner = "kaveh.pashaei@approvalflow.local";

    public const string Xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Defs_monitor_test_page" targetNamespace="http://approvalflow.test">
          <bpmn:process id="monitor-test-page" name="درخواست آزمایشی" isExecutable="true">
            <bpmn:startEvent id="start" name="آغاز" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
            <bpmn:userTask id="review" name="بررسی کارشناسان" camunda:assignee="${worker}">
              <bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>${count}</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics>
            </bpmn:userTask>
            <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="publish" />
            <bpmn:serviceTask id="publish" name="انتشار نتیجه" camunda:type="external" camunda:topic="test.monitor-fails-once" camunda:failedJobRetryTimeCycle="R1/PT1S" />
            <bpmn:sequenceFlow id="f3" sourceRef="publish" targetRef="end" />
            <bpmn:endEvent id="end" name="پایان" />
          </bpmn:process>
          <bpmndi:BPMNDiagram id="Diagram_monitor">
            <bpmndi:BPMNPlane id="Plane_monitor" bpmnElement="monitor-test-page">
              <bpmndi:BPMNShape id="start_di" bpmnElement="start"><dc:Bounds x="152" y="122" width="36" height="36" /></bpmndi:BPMNShape>
              <bpmndi:BPMNShape id="review_di" bpmnElement="review"><dc:Bounds x="250" y="100" width="120" height="80" /></bpmndi:BPMNShape>
              <bpmndi:BPMNShape id="publish_di" bpmnElement="publish"><dc:Bounds x="440" y="100" width="120" height="80" /></bpmndi:BPMNShape>
              <bpmndi:BPMNShape id="end_di" bpmnElement="end"><dc:Bounds x="632" y="122" width="36" height="36" /></bpmndi:BPMNShape>
              <bpmndi:BPMNEdge id="f1_di" bpmnElement="f1"><di:waypoint x="188" y="140" /><di:waypoint x="250" y="140" /></bpmndi:BPMNEdge>
              <bpmndi:BPMNEdge id="f2_di" bpmnElement="f2"><di:waypoint x="370" y="140" /><di:waypoint x="440" y="140" /></bpmndi:BPMNEdge>
              <bpmndi:BPMNEdge id="f3_di" bpmnElement="f3"><di:waypoint x="560" y="140" /><di:waypoint x="632" y="140" /></bpmndi:BPMNEdge>
            </bpmndi:BPMNPlane>
          </bpmndi:BPMNDiagram>
        </bpmn:definitions>
        """;
}

/// <summary>Service task topic <c>test.monitor-fails-once</c>: the first attempt of each instance fails, every later one (a retry) succeeds.</summary>
internal sealed class FailsOnceHandler : IServiceTaskHandler
{
    public const string TopicName = "test.monitor-fails-once";

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, int> Attempts = new();

    public string Topic => TopicName;

    public Task<ServiceTaskResult> HandleAsync(ServiceTaskContext context, CancellationToken cancellationToken) =>
        Attempts.AddOrUpdate(context.InstanceId, 1, (_, n) => n + 1) == 1
            ? throw new IOException("The publishing service did not answer (first attempt).")
            : Task.FromResult<ServiceTaskResult>(new ServiceTaskResult.Completed());
}
