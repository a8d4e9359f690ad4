using ApprovalFlow.Bpmn.Model;
using ApprovalFlow.Bpmn.Parsing;
using static ApprovalFlow.Bpmn.Tests.BpmnXml;

namespace ApprovalFlow.Bpmn.Tests.Validation;

public class ConditionAndDataTests
{
    [Fact]
    public void Parse_EventsWithDataInputsAndOutputs_AreAccepted()
    {
        var process = Valid(Fixture("events", "data-associations.bpmn")).Process("data_events");

        Assert.IsType<IntermediateCatchEvent>(process.Node("Receive_Report"));
        Assert.IsType<IntermediateThrowEvent>(process.Node("Pass_Report"));
    }

    [Fact]
    public void Parse_LiteralConditionsEmptyConditionAndZeroTimer_AreAccepted()
    {
        var process = Valid(Fixture("conditions", "literal-conditions.bpmn")).Process("literal_conditions");

        Assert.Null(process.Flow("F2").Condition);
        Assert.Equal("true", process.Flow("Always").Condition!.Script);
        Assert.Equal("false", process.Flow("Not").Condition!.Script);
        var timer = (TimerEventDefinition)((IntermediateCatchEvent)process.Node("Now")).Definition;
        Assert.Equal("PT0S", timer.Value.Text);
    }

    [Fact]
    public void Parse_ConditionWithoutBraces_IsRefusedWithTheHint()
    {
        var xml = Fixture("conditions", "literal-conditions.bpmn").Replace(">true<", ">approved<", StringComparison.Ordinal);

        var error = SingleError(xml, DiagnosticCodes.InvalidExpression);

        Assert.Equal("Always", error.ElementId);
        Assert.Equal(LineOf(xml, "id=\"Always\""), error.Line);
        Assert.Contains("write it as ${...}, e.g. ${approved}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_CompletionConditionWithoutBraces_IsRefused()
    {
        var error = SingleError(Around("""
            <bpmn:task id="X">
              <bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>3</bpmn:loopCardinality><bpmn:completionCondition>done</bpmn:completionCondition></bpmn:multiInstanceLoopCharacteristics>
            </bpmn:task>
            """), DiagnosticCodes.InvalidExpression);

        Assert.Equal("X", error.ElementId);
        Assert.Contains("completionCondition 'done'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ZeroCycleInterval_IsStillRefused()
    {
        var error = SingleError(Around("""
            <bpmn:task id="X" />
            <bpmn:boundaryEvent id="B" attachedToRef="X" cancelActivity="false"><bpmn:timerEventDefinition><bpmn:timeCycle>R3/PT0S</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:boundaryEvent>
            """), DiagnosticCodes.InvalidTimer);

        Assert.Equal("B", error.ElementId);
    }
}
