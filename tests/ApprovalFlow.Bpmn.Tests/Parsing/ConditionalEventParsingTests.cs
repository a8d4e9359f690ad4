using ApprovalFlow.Bpmn.Model;
using ApprovalFlow.Bpmn.Parsing;
using static ApprovalFlow.Bpmn.Tests.BpmnXml;

namespace ApprovalFlow.Bpmn.Tests.Parsing;

/// <summary>
/// Conditional events (BPMN 2.0.2 §10.5.5) with Camunda 7's <c>camunda:variableName</c> and
/// <c>camunda:variableEvents</c>, as read by the parser and checked by the validator.
/// </summary>
public class ConditionalEventParsingTests
{
    private static string Conditional(string condition, string attributes = "") =>
        $"""<bpmn:conditionalEventDefinition{attributes}><bpmn:condition xsi:type="bpmn:tFormalExpression">{condition}</bpmn:condition></bpmn:conditionalEventDefinition>""";

    [Fact]
    public void Parse_ConditionalCatchEvent_ReadsTheConditionAndListensToEveryChangeByDefault()
    {
        var node = Node<IntermediateCatchEvent>(Around($"""<bpmn:intermediateCatchEvent id="X">{Conditional("${approved == true}")}</bpmn:intermediateCatchEvent>"""));

        var conditional = Assert.IsType<ConditionalEventDefinition>(node.Definition);
        Assert.Equal("approved == true", conditional.Condition.Script);
        Assert.Null(conditional.VariableName);
        Assert.Equal(ConditionalVariableEvents.Any, conditional.VariableEvents);
    }

    [Fact]
    public void Parse_ConditionalBoundaryEvents_ReadVariableNameAndVariableEvents()
    {
        var document = Valid(Around(
            """<bpmn:userTask id="X" camunda:assignee="alice" />""",
            extra: $"""
                <bpmn:boundaryEvent id="B" attachedToRef="X" cancelActivity="false">{Conditional("${score > 5}", " camunda:variableName=\"score\" camunda:variableEvents=\"create, update\"")}</bpmn:boundaryEvent>
                <bpmn:boundaryEvent id="C" attachedToRef="X">{Conditional("${cancelled}", " camunda:variableEvents=\"delete\"")}</bpmn:boundaryEvent>
                <bpmn:sequenceFlow id="FB" sourceRef="B" targetRef="E" />
                <bpmn:sequenceFlow id="FC" sourceRef="C" targetRef="E" />
                """));

        var nonInterrupting = (BoundaryEvent)document.Processes[0].Node("B");
        var conditional = Assert.IsType<ConditionalEventDefinition>(nonInterrupting.Definition);
        Assert.False(nonInterrupting.CancelActivity);
        Assert.Equal("score", conditional.VariableName);
        Assert.Equal(ConditionalVariableEvents.Create | ConditionalVariableEvents.Update, conditional.VariableEvents);
        var interrupting = (BoundaryEvent)document.Processes[0].Node("C");
        Assert.True(interrupting.CancelActivity);
        Assert.Equal(ConditionalVariableEvents.Delete, Assert.IsType<ConditionalEventDefinition>(interrupting.Definition).VariableEvents);
    }

    [Fact]
    public void Parse_ConditionalEventWithoutCondition_IsRefusedNamingTheEventAndItsLine()
    {
        var xml = Around("""<bpmn:intermediateCatchEvent id="X"><bpmn:conditionalEventDefinition /></bpmn:intermediateCatchEvent>""");

        var error = SingleError(xml, DiagnosticCodes.MissingCondition);

        Assert.Equal("X", error.ElementId);
        Assert.Equal(LineOf(xml, "id=\"X\""), error.Line);
        Assert.Contains("conditionalEventDefinition of intermediateCatchEvent 'X' has no condition", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_VariableEventsOtherThanCreateUpdateDelete_AreRefused()
    {
        var xml = Around($"""<bpmn:intermediateCatchEvent id="X">{Conditional("${a}", " camunda:variableEvents=\"create, change\"")}</bpmn:intermediateCatchEvent>""");

        var error = SingleError(xml, DiagnosticCodes.InvalidEventDefinition);

        Assert.Equal("X", error.ElementId);
        Assert.Equal(LineOf(xml, "id=\"X\""), error.Line);
        Assert.Contains("'change' is none of them", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("${approved ==}", "is not a valid JavaScript expression")]
    [InlineData("approved", "is not an expression: write it as ${...}")]
    public void Validate_ConditionThatIsNoValidExpression_IsRefusedNamingTheEvent(string condition, string expected)
    {
        var xml = Around(
            """<bpmn:userTask id="X" camunda:assignee="alice" />""",
            extra: $"""
                <bpmn:boundaryEvent id="B" attachedToRef="X">{Conditional(condition)}</bpmn:boundaryEvent>
                <bpmn:sequenceFlow id="FB" sourceRef="B" targetRef="E" />
                """);

        var error = SingleError(xml, DiagnosticCodes.InvalidExpression);

        Assert.Equal("B", error.ElementId);
        Assert.Equal(LineOf(xml, "id=\"B\""), error.Line);
        Assert.Contains("condition", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ConditionalStartOfAnEventSubprocess_ReadsTheConditionAndIsInterrupting()
    {
        var document = Valid(Around(
            """<bpmn:userTask id="X" camunda:assignee="alice" />""",
            extra: $"""
                <bpmn:subProcess id="Notes" triggeredByEvent="true">
                  <bpmn:startEvent id="Noted" isInterrupting="false">{Conditional("${notes > 0}", " camunda:variableName=\"notes\"")}</bpmn:startEvent>
                  <bpmn:endEvent id="NotesEnd" />
                  <bpmn:sequenceFlow id="FN" sourceRef="Noted" targetRef="NotesEnd" />
                </bpmn:subProcess>
                """));

        var start = (StartEvent)document.Processes[0].Node("Noted");
        var conditional = Assert.IsType<ConditionalEventDefinition>(start.Trigger);
        Assert.False(start.IsInterrupting);
        Assert.Equal("notes", conditional.VariableName);
        Assert.Equal("notes > 0", conditional.Condition.Script);
    }

    [Fact]
    public void Parse_ConditionalStartEventOfAProcess_IsRefused()
    {
        var xml = Process($"""
            <bpmn:startEvent id="S">{Conditional("${a}")}</bpmn:startEvent>
            <bpmn:endEvent id="E" />
            <bpmn:sequenceFlow id="F" sourceRef="S" targetRef="E" />
            """);

        var error = SingleError(xml, DiagnosticCodes.UnsupportedElement);

        Assert.Equal("S", error.ElementId);
        Assert.Contains("conditional events are supported on intermediate catch, boundary and event subprocess start events only", error.Message, StringComparison.Ordinal);
    }
}
