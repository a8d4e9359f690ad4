using ApprovalFlow.Bpmn.Parsing;
using static ApprovalFlow.Bpmn.Tests.BpmnXml;

namespace ApprovalFlow.Bpmn.Tests.Validation;

public class NestingLimitTests
{
    [Fact]
    public void Parse_ConditionNested10000Deep_IsRefusedAsTooDeep()
    {
        var xml = Process($$"""
            <bpmn:startEvent id="S" />
            <bpmn:exclusiveGateway id="G" default="F3" />
            <bpmn:endEvent id="E" />
            <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="G" />
            <bpmn:sequenceFlow id="F2" sourceRef="G" targetRef="E"><bpmn:conditionExpression>${{{new string('(', 10_000)}}1{{new string(')', 10_000)}}}</bpmn:conditionExpression></bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="F3" sourceRef="G" targetRef="E" />
            """);

        var error = SingleError(xml, DiagnosticCodes.InvalidExpression);

        Assert.Equal("F2", error.ElementId);
        Assert.Equal(LineOf(xml, "id=\"F2\""), error.Line);
        Assert.Contains("expression nested too deeply", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Length < 400, error.Message);
    }

    [Fact]
    public void Parse_ScriptNestedWithoutBrackets_IsRefusedAsTooDeep()
    {
        var error = SingleError(
            Around($"""<bpmn:scriptTask id="X" scriptFormat="javascript"><bpmn:script>var x = {new string('!', 200_000)}1;</bpmn:script></bpmn:scriptTask>"""),
            DiagnosticCodes.InvalidExpression);

        Assert.Contains("expression nested too deeply", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ExpressionNested100Deep_IsAccepted()
    {
        Valid(Around($$"""<bpmn:userTask id="X" camunda:assignee="${{{new string('(', 100)}}'u'{{new string(')', 100)}}}" />"""));
    }

    [Fact]
    public void Parse_SubprocessesNested20000Deep_AreRefusedBeforeReading()
    {
        var open = string.Concat(Enumerable.Range(0, 20_000).Select(i => $"<bpmn:subProcess id=\"Sub{i}\">"));
        var close = string.Concat(Enumerable.Repeat("</bpmn:subProcess>", 20_000));

        var error = SingleError(Process($"<bpmn:startEvent id=\"S\" />{open}{close}"), DiagnosticCodes.NestedTooDeeply);

        Assert.Null(error.ElementId);
        Assert.Contains("nested more than 100 deep", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SubprocessesNested20Deep_AreRead()
    {
        var open = string.Concat(Enumerable.Range(0, 20).Select(i => $"<bpmn:subProcess id=\"Sub{i}\"><bpmn:startEvent id=\"S{i}\" />"));
        var close = string.Concat(Enumerable.Repeat("</bpmn:subProcess>", 20));

        var result = Parse(Process($"<bpmn:startEvent id=\"S\" />{open}{close}"));

        Assert.DoesNotContain(result.Errors, e => e.Code == DiagnosticCodes.NestedTooDeeply);
    }
}
