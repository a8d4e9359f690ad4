using ApprovalFlow.Bpmn.Parsing;
using static ApprovalFlow.Bpmn.Tests.BpmnXml;

namespace ApprovalFlow.Bpmn.Tests.Validation;

public class ExpressionValidationTests
{
    [Theory]
    [InlineData("timeDuration", "PXD")]
    [InlineData("timeCycle", "R0/PT1H")]
    [InlineData("timeCycle", "0 0 * * *")]
    [InlineData("timeDate", "21/03/2026")]
    public void Parse_BadTimerText_IsReportedWithParserMessage(string kind, string text)
    {
        var error = SingleError(Around($"""
            <bpmn:intermediateCatchEvent id="X"><bpmn:timerEventDefinition><bpmn:{kind}>{text}</bpmn:{kind}></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            """), DiagnosticCodes.InvalidTimer);

        Assert.Equal("X", error.ElementId);
        Assert.Contains($"'{text}' is not", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TimerExpression_IsCheckedAsJavaScriptOnly()
    {
        Valid(Around("""<bpmn:intermediateCatchEvent id="X"><bpmn:timerEventDefinition><bpmn:timeDuration>${period}</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>"""));
        SingleError(Around("""<bpmn:intermediateCatchEvent id="X"><bpmn:timerEventDefinition><bpmn:timeDuration>${period +}</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>"""), DiagnosticCodes.InvalidExpression);
    }

    [Fact]
    public void Parse_TimerWithTwoKinds_IsReported()
    {
        SingleError(Around("""
            <bpmn:intermediateCatchEvent id="X"><bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration><bpmn:timeCycle>R/P1D</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            """), DiagnosticCodes.InvalidTimer);
    }

    [Fact]
    public void Parse_ConditionThatDoesNotParse_IsReportedOnTheFlow()
    {
        var xml = Process("""
            <bpmn:startEvent id="S" />
            <bpmn:exclusiveGateway id="G" default="F3" />
            <bpmn:endEvent id="E1" />
            <bpmn:endEvent id="E2" />
            <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="G" />
            <bpmn:sequenceFlow id="F2" sourceRef="G" targetRef="E1"><bpmn:conditionExpression>${a ==}</bpmn:conditionExpression></bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="F3" sourceRef="G" targetRef="E2" />
            """);

        var error = SingleError(xml, DiagnosticCodes.InvalidExpression);

        Assert.Equal(("F2", LineOf(xml, "id=\"F2\"")), (error.ElementId, error.Line));
        Assert.Contains("${a ==}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UserTaskWithAnInvalidRemindersProperty_IsReported_AValidOneIsNot()
    {
        const string Task = """<bpmn:userTask id="X" camunda:assignee="a"><bpmn:extensionElements><camunda:properties><camunda:property name="reminders" value="{0}" /></camunda:properties></bpmn:extensionElements></bpmn:userTask>""";

        var error = SingleError(Around(Task.Replace("{0}", "garbage", StringComparison.Ordinal)), DiagnosticCodes.InvalidTimer);
        Valid(Around(Task.Replace("{0}", "-P2D,P0D,R3/P1D", StringComparison.Ordinal)));

        Assert.Equal("X", error.ElementId);
        Assert.Contains("garbage", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ConditionWithStatements_IsAcceptedBecauseBodiesRunAsScripts()
    {
        Valid(Process("""
            <bpmn:startEvent id="S" />
            <bpmn:exclusiveGateway id="G" default="F3" />
            <bpmn:endEvent id="E1" />
            <bpmn:endEvent id="E2" />
            <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="G" />
            <bpmn:sequenceFlow id="F2" sourceRef="G" targetRef="E1"><bpmn:conditionExpression>${while(true){}}</bpmn:conditionExpression></bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="F3" sourceRef="G" targetRef="E2" />
            """));
    }

    [Theory]
    [InlineData("""<bpmn:userTask id="X" camunda:assignee="${user.}" />""")]
    [InlineData("""<bpmn:userTask id="X" camunda:candidateGroups="wg-${id)}" />""")]
    [InlineData("""<bpmn:callActivity id="X" calledElement="${key +}" />""")]
    [InlineData("""<bpmn:callActivity id="X" calledElement="c"><bpmn:extensionElements><camunda:in sourceExpression="${a b}" target="t" /></bpmn:extensionElements></bpmn:callActivity>""")]
    [InlineData("""<bpmn:task id="X"><bpmn:multiInstanceLoopCharacteristics camunda:collection="${items[}" /></bpmn:task>""")]
    [InlineData("""<bpmn:task id="X"><bpmn:multiInstanceLoopCharacteristics camunda:collection="items"><bpmn:completionCondition>${done ==}</bpmn:completionCondition></bpmn:multiInstanceLoopCharacteristics></bpmn:task>""")]
    [InlineData("""<bpmn:scriptTask id="X" scriptFormat="javascript"><bpmn:script>var = 3;</bpmn:script></bpmn:scriptTask>""")]
    public void Parse_ExpressionThatDoesNotParse_IsReported(string node)
    {
        var error = SingleError(Around(node.Replace("<bpmn:userTask id=\"X\"", "<bpmn:userTask id=\"X\" camunda:candidateUsers=\"u\"", StringComparison.Ordinal)), DiagnosticCodes.InvalidExpression);

        Assert.Equal("X", error.ElementId);
    }

    [Fact]
    public void Parse_ScriptWithStatements_IsValid()
    {
        Valid(Around("""<bpmn:scriptTask id="X" scriptFormat="js"><bpmn:script>var total = 0; for (var i = 0; i &lt; 3; i++) { total += i; } total;</bpmn:script></bpmn:scriptTask>"""));
    }

    [Fact]
    public void Parse_BadRetryCycle_IsReported()
    {
        SingleError(Around("""<bpmn:serviceTask id="X" camunda:type="external" camunda:topic="t" camunda:failedJobRetryTimeCycle="three times" />"""), DiagnosticCodes.InvalidTimer);
    }
}
