namespace ApprovalFlow.Server.Tests.Support;

/// <summary>Small BPMN files for the API tests.</summary>
internal static class BpmnFiles
{
    /// <summary>A unique process key for one test.</summary>
    public static string NewKey(string prefix) => $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 60)];

    /// <summary>Start → user task (assigned to <paramref name="assignee"/>, or unassigned when <see langword="null"/>) → end.</summary>
    public static string Approval(string key, string name = "Approval", string? assignee = "${initiator}") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Defs_{key}" targetNamespace="http://approvalflow.test">
          <bpmn:process id="{key}" name="{name}" isExecutable="true">
            <bpmn:startEvent id="Start" />
            <bpmn:userTask id="Review" name="Review"{(assignee is null ? string.Empty : $" camunda:assignee=\"{assignee}\"")} />
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Review" />
            <bpmn:sequenceFlow id="F2" sourceRef="Review" targetRef="End" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    /// <summary>Start → user task with the form <paramref name="formKey"/>, assigned to the variable <c>filler</c> → end.</summary>
    public static string FormTask(string key, string formKey) => $$"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Defs_{{key}}" targetNamespace="http://approvalflow.test">
          <bpmn:process id="{{key}}" isExecutable="true">
            <bpmn:startEvent id="Start" />
            <bpmn:userTask id="Fill" camunda:assignee="${filler}" camunda:formKey="{{formKey}}" />
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Fill" />
            <bpmn:sequenceFlow id="F2" sourceRef="Fill" targetRef="End" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    /// <summary>A parent calling a child, both in one file; the child's task is for the group <c>reviewers</c>, which must exist to deploy it.</summary>
    public static string ParentAndChild(string parentKey, string childKey) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Defs_{parentKey}" targetNamespace="http://approvalflow.test">
          <bpmn:process id="{parentKey}" name="Parent" isExecutable="true">
            <bpmn:startEvent id="Start" />
            <bpmn:callActivity id="CallChild" calledElement="{childKey}" />
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="CallChild" />
            <bpmn:sequenceFlow id="F2" sourceRef="CallChild" targetRef="End" />
          </bpmn:process>
          <bpmn:process id="{childKey}" name="Child" isExecutable="true">
            <bpmn:startEvent id="ChildStart" />
            <bpmn:userTask id="ChildTask" camunda:candidateGroups="reviewers" />
            <bpmn:endEvent id="ChildEnd" />
            <bpmn:sequenceFlow id="C1" sourceRef="ChildStart" targetRef="ChildTask" />
            <bpmn:sequenceFlow id="C2" sourceRef="ChildTask" targetRef="ChildEnd" />
          </bpmn:process>
        </bpmn:definitions>
        """;
}
