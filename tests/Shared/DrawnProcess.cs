namespace ApprovalFlow.Testing;

/// <summary>BPMN files of a drawn process (with diagram interchange) of one element between a start and an end event, for tests that open it in the designer or viewer.</summary>
internal static class DrawnProcess
{
    /// <summary>The file of process <paramref name="key"/>: start → <paramref name="middle"/> (id <paramref name="middleId"/>, drawn <paramref name="width"/> × <paramref name="height"/> px) → end.</summary>
    /// <param name="key">The process id.</param>
    /// <param name="name">The process name.</param>
    /// <param name="middle">The BPMN element between start and end, e.g. a <c>bpmn:userTask</c>.</param>
    /// <param name="middleId">The middle element's id.</param>
    /// <param name="width">Its shape's width in diagram units.</param>
    /// <param name="height">Its shape's height in diagram units.</param>
    /// <param name="executable">The process's <c>isExecutable</c>: <see langword="false"/> makes it a documentation model.</param>
    /// <param name="extra">More process content (undrawn), e.g. an element the test expects to be refused.</param>
    public static string Xml(string key, string name, string middle, string middleId, int width = 100, int height = 80, bool executable = true, string extra = "") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Defs" targetNamespace="http://approvalflow.test">
          <bpmn:process id="{key}" name="{name}" isExecutable="{(executable ? "true" : "false")}">
            <bpmn:startEvent id="Start" />
            {middle}
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="{middleId}" />
            <bpmn:sequenceFlow id="F2" sourceRef="{middleId}" targetRef="End" />
            {extra}
          </bpmn:process>
          <bpmndi:BPMNDiagram id="D"><bpmndi:BPMNPlane id="P" bpmnElement="{key}">
            <bpmndi:BPMNShape id="Start_di" bpmnElement="Start"><dc:Bounds x="100" y="100" width="36" height="36" /></bpmndi:BPMNShape>
            <bpmndi:BPMNShape id="{middleId}_di" bpmnElement="{middleId}"><dc:Bounds x="200" y="{118 - (height / 2)}" width="{width}" height="{height}" /></bpmndi:BPMNShape>
            <bpmndi:BPMNShape id="End_di" bpmnElement="End"><dc:Bounds x="{260 + width}" y="100" width="36" height="36" /></bpmndi:BPMNShape>
            <bpmndi:BPMNEdge id="F1_di" bpmnElement="F1"><di:waypoint x="136" y="118" /><di:waypoint x="200" y="118" /></bpmndi:BPMNEdge>
            <bpmndi:BPMNEdge id="F2_di" bpmnElement="F2"><di:waypoint x="{200 + width}" y="118" /><di:waypoint x="{260 + width}" y="118" /></bpmndi:BPMNEdge>
          </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
        </bpmn:definitions>
        """;
}
