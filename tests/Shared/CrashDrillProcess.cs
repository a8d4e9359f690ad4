namespace ApprovalFlow.Testing;

/// <summary>
/// The crash drills' process: five user tasks assigned to <c>${me}</c> (each mails its assignee: task-assigned), with a
/// 1-second timer between the second and the third, so a drill's instances hold tasks, a timer and mails.
/// </summary>
internal static class CrashDrillProcess
{
    /// <summary>User tasks each instance runs: 5.</summary>
    public const int TasksPerInstance = 5;

    /// <summary>The file of process <paramref name="key"/> named <paramref name="name"/> (tasks <c>t1</c>…<c>t5</c>, timer <c>wait</c>).</summary>
    public static string Xml(string key, string name) => $$"""
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="drill" targetNamespace="t">
          <bpmn:process id="{{key}}" name="{{name}}" isExecutable="true">
            <bpmn:startEvent id="s" />
            <bpmn:userTask id="t1" name="One" camunda:assignee="${me}" />
            <bpmn:userTask id="t2" name="Two" camunda:assignee="${me}" />
            <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1S</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:userTask id="t3" name="Three" camunda:assignee="${me}" />
            <bpmn:userTask id="t4" name="Four" camunda:assignee="${me}" />
            <bpmn:userTask id="t5" name="Five" camunda:assignee="${me}" />
            <bpmn:endEvent id="e" />
            <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t1" />
            <bpmn:sequenceFlow id="f2" sourceRef="t1" targetRef="t2" />
            <bpmn:sequenceFlow id="f3" sourceRef="t2" targetRef="wait" />
            <bpmn:sequenceFlow id="f4" sourceRef="wait" targetRef="t3" />
            <bpmn:sequenceFlow id="f5" sourceRef="t3" targetRef="t4" />
            <bpmn:sequenceFlow id="f6" sourceRef="t4" targetRef="t5" />
            <bpmn:sequenceFlow id="f7" sourceRef="t5" targetRef="e" />
          </bpmn:process>
        </bpmn:definitions>
        """;
}
