using ApprovalFlow.Bpmn.Model;
using ApprovalFlow.Bpmn.Parsing;
using static ApprovalFlow.Bpmn.Tests.BpmnXml;

namespace ApprovalFlow.Bpmn.Tests.Validation;

/// <summary><c>default</c> on an activity (BPMN 2.0.2 §13.2.1): read into the model, and it must name an outgoing flow.</summary>
public class ActivityDefaultFlowTests
{
    [Fact]
    public void Parse_ActivityDefault_IsReadIntoTheModel()
    {
        var result = new BpmnParser().Parse(Around("""<bpmn:userTask id="X" camunda:assignee="a" default="F2" />"""));

        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => e.Message)));
        Assert.Equal("F2", Assert.IsAssignableFrom<Activity>(result.Document!.Processes[0].Node("X")).DefaultFlow);
    }

    [Fact]
    public void Parse_ActivityDefaultNotOutgoing_IsReported()
    {
        var error = SingleError(Around("""<bpmn:task id="X" default="F1" />"""), DiagnosticCodes.InvalidDefault);

        Assert.Equal("X", error.ElementId);
        Assert.Contains("'F1' of task 'X' is not one of its outgoing flows", error.Message, StringComparison.Ordinal);
    }
}
