using ApprovalFlow.Bpmn.Model;
using ApprovalFlow.Bpmn.Parsing;
using static ApprovalFlow.Bpmn.Tests.BpmnXml;

namespace ApprovalFlow.Bpmn.Tests.Parsing;

/// <summary>
/// Timer start events (BPMN 2.0.2 §10.5.2): read on processes with timeDate, timeDuration and timeCycle
/// (ISO 8601 and Quartz cron, as Camunda 7's TimerStartEventTest deploys them); invalid texts and timer
/// starts in subprocesses are refused with the element id and line.
/// </summary>
public class TimerStartParsingTests
{
    private static string WithTimerStart(string timer, string extraStart = "") => Process($"""
        {extraStart}
        <bpmn:startEvent id="T"><bpmn:timerEventDefinition>{timer}</bpmn:timerEventDefinition></bpmn:startEvent>
        <bpmn:sequenceFlow id="F" sourceRef="T" targetRef="E" />
        <bpmn:endEvent id="E" />
        """);

    [Theory]
    [InlineData("<bpmn:timeDate>2027-01-01T08:00:00+03:30</bpmn:timeDate>", TimerKind.Date)]
    [InlineData("<bpmn:timeDuration>PT1H</bpmn:timeDuration>", TimerKind.Duration)]
    [InlineData("<bpmn:timeCycle>R/PT1H</bpmn:timeCycle>", TimerKind.Cycle)]
    [InlineData("<bpmn:timeCycle>R3/2027-01-01T08:00/P1D</bpmn:timeCycle>", TimerKind.Cycle)]
    [InlineData("<bpmn:timeCycle>R5/PT10M</bpmn:timeCycle>", TimerKind.Cycle)]
    [InlineData("<bpmn:timeCycle>0 0 8 ? * SAT-WED</bpmn:timeCycle>", TimerKind.Cycle)]
    [InlineData("<bpmn:timeCycle>0 0/5 * * * ?</bpmn:timeCycle>", TimerKind.Cycle)]
    [InlineData("<bpmn:timeDate>${workingDays(3)}</bpmn:timeDate>", TimerKind.Date)]
    public void Parse_TimerStartEvent_IsAStartOfTheProcessWithItsTimer(string timer, TimerKind kind)
    {
        var process = Valid(WithTimerStart(timer)).Process("P");

        Assert.Equal(["T"], process.TimerStartEventIds);
        Assert.Empty(process.StartEventId);
        var start = Assert.IsType<StartEvent>(process.Node("T"));
        Assert.Equal(kind, start.Timer!.Kind);
    }

    [Fact]
    public void Parse_NoneAndTimerStart_KeepsTheNoneStartForTheApi()
    {
        var process = Valid(WithTimerStart("<bpmn:timeCycle>R/P1D</bpmn:timeCycle>", """
            <bpmn:startEvent id="S" /><bpmn:sequenceFlow id="F0" sourceRef="S" targetRef="E0" /><bpmn:endEvent id="E0" />
            """)).Process("P");

        Assert.Equal("S", process.StartEventId);
        Assert.Equal(["T"], process.TimerStartEventIds);
    }

    [Theory]
    [InlineData("<bpmn:timeCycle>0 8 * * *</bpmn:timeCycle>", "has 5 fields")]
    [InlineData("<bpmn:timeCycle>0 0 8 ? * MON 2027</bpmn:timeCycle>", "year field")]
    [InlineData("<bpmn:timeCycle>0 0 8 ? * 9</bpmn:timeCycle>", "1 (Sunday) to 7 (Saturday)")]
    [InlineData("<bpmn:timeCycle>0 0 25 * * ?</bpmn:timeCycle>", "is not a cron expression")]
    [InlineData("<bpmn:timeDuration>soon</bpmn:timeDuration>", "ISO 8601 duration")]
    [InlineData("<bpmn:timeDate>tomorrow</bpmn:timeDate>", "ISO 8601 date-time")]
    public void Parse_InvalidTimerStart_IsRefusedWithElementAndLine(string timer, string reason)
    {
        var xml = WithTimerStart(timer);

        var error = Assert.Single(Parse(xml).Errors);

        Assert.Equal(DiagnosticCodes.InvalidTimer, error.Code);
        Assert.Equal("T", error.ElementId);
        Assert.Equal(LineOf(xml, "id=\"T\""), error.Line);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TimerStartInASubprocess_IsRefused()
    {
        var xml = Around("""
            <bpmn:subProcess id="X">
              <bpmn:startEvent id="T"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:startEvent>
              <bpmn:sequenceFlow id="I" sourceRef="T" targetRef="IE" />
              <bpmn:endEvent id="IE" />
            </bpmn:subProcess>
            """);

        var errors = Parse(xml).Errors;

        Assert.Contains(errors, e => e.ElementId == "T" && e.Code == DiagnosticCodes.StartEvent && e.Message.Contains("is a timer start event", StringComparison.Ordinal));
    }
}
