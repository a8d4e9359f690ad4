using ApprovalFlow.Bpmn.Model;
using ApprovalFlow.Bpmn.Parsing;
using static ApprovalFlow.Bpmn.Tests.BpmnXml;

namespace ApprovalFlow.Bpmn.Tests.Parsing;

/// <summary><c>camunda:taskPriority</c> on external tasks and on the process (Camunda 7 external task priority).</summary>
public class TaskPriorityParsingTests
{
    [Fact]
    public void Parse_TaskPriority_OnTheTaskAndOnTheProcess()
    {
        var xml = Around("""<bpmn:serviceTask id="X" camunda:type="external" camunda:topic="t" camunda:taskPriority="${urgency}" />""")
            .Replace("<bpmn:process id=\"P\"", "<bpmn:process id=\"P\" camunda:taskPriority=\"7\"", StringComparison.Ordinal);

        var process = Valid(xml).Processes[0];

        Assert.Equal("${urgency}", Assert.IsType<ServiceTask>(process.Node("X")).TaskPriority!.Text);
        Assert.Equal("7", process.TaskPriority!.Text);
    }

    [Fact]
    public void Parse_LiteralTaskPriorityThatIsNoInteger_IsRefusedWithTheElement()
    {
        var xml = Around("""<bpmn:serviceTask id="X" camunda:type="external" camunda:topic="t" camunda:taskPriority="high" />""");

        var error = SingleError(xml, DiagnosticCodes.InvalidExpression);

        Assert.Equal("X", error.ElementId);
        Assert.Equal(LineOf(xml, "id=\"X\""), error.Line);
        Assert.Contains("camunda:taskPriority 'high'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ProcessTaskPriorityThatIsNoInteger_IsRefused()
    {
        var xml = Around("""<bpmn:serviceTask id="X" camunda:type="external" camunda:topic="t" />""")
            .Replace("<bpmn:process id=\"P\"", "<bpmn:process id=\"P\" camunda:taskPriority=\"1.5\"", StringComparison.Ordinal);

        var error = SingleError(xml, DiagnosticCodes.InvalidExpression);

        Assert.Equal("P", error.ElementId);
    }
}
