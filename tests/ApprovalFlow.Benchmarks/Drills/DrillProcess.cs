using System.Collections.Concurrent;
using System.Text;

namespace ApprovalFlow.Benchmarks.Drills;

/// <summary>
/// The drills' process: five user tasks assigned to <c>${me}</c> (each mails its assignee: task-assigned), with a 1-second
/// timer between the second and the third, deployed through the API by the demo process owner.
/// </summary>
internal static class DrillProcess
{
    public const string Key = "drill-crash";
    public const int TasksPerInstance = 5;
    public const string OwnerEmail = "owner@approvalflow.local";

    public static string Xml => $$"""
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="drill" targetNamespace="t">
          <bpmn:process id="{{Key}}" name="Drill" isExecutable="true">
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

    public static async Task DeployAsync(Uri baseAddress, string password)
    {
        var owner = await DrillClient.SignInAsync(baseAddress, OwnerEmail, password, new ConcurrentDictionary<int, int>());
        var (response, _) = await owner.SendAsync(() => new HttpRequestMessage(HttpMethod.Post, "/api/definitions") { Content = new StringContent(Xml, Encoding.UTF8, "application/xml") });
        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"Deploying the drill process failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }
    }
}
