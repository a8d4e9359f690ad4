namespace ApprovalFlow.Testing;

/// <summary>BPMN files of a process of user tasks in a row (start → tasks → end), for tests that deploy versions of their own.</summary>
internal static class UserTaskChain
{
    /// <summary>The file of process <paramref name="key"/> named <paramref name="name"/>.</summary>
    /// <param name="key">The process id.</param>
    /// <param name="name">The process name.</param>
    /// <param name="tasks">Each task's id and name, in order.</param>
    /// <param name="assignment">The assignment attribute every task gets, e.g. <c>camunda:candidateGroups="office"</c>.</param>
    public static string Xml(string key, string name, IEnumerable<(string Id, string Name)> tasks, string assignment)
    {
        var nodes = new List<string> { """<bpmn:startEvent id="start" />""" };
        var previous = "start";
        foreach (var (id, taskName) in tasks)
        {
            nodes.Add($"""<bpmn:sequenceFlow id="to{id}" sourceRef="{previous}" targetRef="{id}" />""");
            nodes.Add($"""<bpmn:userTask id="{id}" name="{taskName}" {assignment} />""");
            previous = id;
        }

        nodes.Add($"""<bpmn:sequenceFlow id="toEnd" sourceRef="{previous}" targetRef="end" />""");
        nodes.Add("""<bpmn:endEvent id="end" />""");
        return $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs" targetNamespace="http://approvalflow.test">
              <bpmn:process id="{key}" name="{name}" isExecutable="true">
                {string.Join("\n", nodes)}
              </bpmn:process>
            </bpmn:definitions>
            """;
    }
}
