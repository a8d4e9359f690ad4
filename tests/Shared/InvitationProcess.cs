namespace ApprovalFlow.Testing;

/// <summary>BPMN files of a process whose one step is a send task <c>invite</c> (topic <c>mail.send</c>) between a start and an end event.</summary>
internal static class InvitationProcess
{
    /// <summary>The file of process <paramref name="key"/>: start → send task <c>invite</c> (on line 5) → end.</summary>
    /// <param name="key">The process id.</param>
    /// <param name="properties">The send task's <c>camunda:property</c> elements (template, recipients, template data).</param>
    /// <param name="name">The process name.</param>
    /// <param name="attributes">More attributes of the send task, e.g. <c>camunda:failedJobRetryTimeCycle="R1/PT1M"</c>.</param>
    public static string Xml(string key, string properties, string name = "Stakeholder sessions", string attributes = "") => $$"""
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
          <bpmn:process id="{{key}}" name="{{name}}" isExecutable="true">
            <bpmn:startEvent id="s" />
            <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="invite" />
            <bpmn:sendTask id="invite" name="Invite" camunda:type="external" camunda:topic="mail.send" {{attributes}}>
              <bpmn:extensionElements>
                <camunda:properties>
                  {{properties}}
                </camunda:properties>
              </bpmn:extensionElements>
            </bpmn:sendTask>
            <bpmn:sequenceFlow id="f2" sourceRef="invite" targetRef="e" />
            <bpmn:endEvent id="e" />
          </bpmn:process>
        </bpmn:definitions>
        """;
}
