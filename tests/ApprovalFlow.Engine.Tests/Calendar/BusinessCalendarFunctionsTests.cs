using System.Text.Json;
using ApprovalFlow.Bpmn.Parsing;
using ApprovalFlow.Engine.Calendar;
using ApprovalFlow.Engine.Commands;
using ApprovalFlow.Engine.Expressions;
using ApprovalFlow.Engine.Runtime;
using ApprovalFlow.Engine.State;
using Microsoft.Extensions.Time.Testing;
using NodaTime;
using static ApprovalFlow.Engine.Tests.Calendar.CalendarTestData;

namespace ApprovalFlow.Engine.Tests.Calendar;

public sealed class BusinessCalendarFunctionsTests
{
    private static readonly DateTimeOffset WednesdayMorning = InTehran(2025, 4, 30, 10); // 1404/02/10 10:00 Tehran
    private static readonly Dictionary<string, JsonElement> NoVariables = [];

    private readonly JintExpressionEvaluator _evaluator = new(BusinessCalendarFunctions.Create(TehranCalendar()));

    private JsonElement Eval(string script, DateTimeOffset? now = null) => _evaluator.Evaluate(script, NoVariables, now ?? WednesdayMorning);

    [Theory]
    [InlineData("workingDays(3)", "2025-05-05T10:30:00Z")]
    [InlineData("workingDays(0)", "2025-04-30T10:30:00Z")]
    [InlineData("workingDays(-1)", "2025-04-29T10:30:00Z")]
    [InlineData("addWorkingDays('2025-04-30T12:30:00Z', 3)", "2025-05-06T10:30:00Z")]
    [InlineData("addWorkingDays('2025-04-30T16:00:00+03:30', 3)", "2025-05-06T10:30:00Z")]
    [InlineData("addWorkingDays('2025-04-30T16:00', 3)", "2025-05-06T10:30:00Z")]
    [InlineData("addWorkingDays('2025-04-30', 3)", "2025-05-05T10:30:00Z")]
    [InlineData("addWorkingDays('1403/12/28', 1)", "2025-03-25T10:30:00Z")]
    [InlineData("addWorkingDays(new Date(Date.UTC(2025, 3, 30, 12, 30)), 3)", "2025-05-06T10:30:00Z")]
    [InlineData("jalali('1404/07/15')", "2025-10-06T20:30:00Z")]
    [InlineData("jalali('۱۴۰۴/۰۷/۱۵')", "2025-10-06T20:30:00Z")]
    [InlineData("jalali('2025-10-07')", "1404/07/15")]
    [InlineData("jalali('2025-10-06T21:00:00Z')", "1404/07/15")]
    [InlineData("jalali(workingDays(3))", "1404/02/15")]
    public void Function_ReturnsIsoInstantOrJalaliDate(string script, string expected)
    {
        Assert.Equal(expected, Eval(script).GetString());
    }

    [Theory]
    [InlineData("isWorkingDay('2025-04-30')", true)]
    [InlineData("isWorkingDay('1404/02/11')", false)] // Thursday
    [InlineData("isWorkingDay('۱۴۰۴/۰۱/۱۳')", false)] // Nature Day
    [InlineData("isWorkingDay('1404/04/15')", false)] // Ashura
    [InlineData("isWorkingDay('2025-04-30T21:00:00Z')", false)] // Thursday 00:30 Tehran
    [InlineData("isWorkingDay('2025-04-30T19:00:00Z')", true)] // 22:30 Tehran, Wednesday
    [InlineData("isWorkingDay(workingDays(1)) && !isWorkingDay('1404/01/01')", true)]
    public void IsWorkingDay_ReadsDateInTehran(string script, bool expected)
    {
        Assert.Equal(expected, Eval(script).GetBoolean());
    }

    [Theory]
    [InlineData("workingDays('3')", "whole number")]
    [InlineData("workingDays(1.5)", "whole number")]
    [InlineData("workingDays()", "takes 1 argument")]
    [InlineData("isWorkingDay('next week')", "'next week' is not an ISO 8601 instant")]
    [InlineData("jalali('1404/12/30')", "is not an ISO 8601 instant")]
    public void BadArguments_FailTheExpression(string script, string message)
    {
        var ex = Assert.Throws<ExpressionException>(() => Eval(script));

        Assert.Equal(ExpressionFailure.Runtime, ex.Reason);
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InTheEngine_DueDateAndTimerExpressions_UseWorkingDays_AndAClosureCountsOnlyForLaterInstances()
    {
        const string xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs" targetNamespace="http://approvalflow.test">
              <bpmn:process id="deadline" isExecutable="true">
                <bpmn:startEvent id="start" />
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
                <bpmn:userTask id="review" camunda:candidateGroups="committee" camunda:dueDate="${workingDays(3)}" camunda:followUpDate="${addWorkingDays(workingDays(3), -1)}" />
                <bpmn:boundaryEvent id="late" attachedToRef="review" cancelActivity="false">
                  <bpmn:timerEventDefinition><bpmn:timeDate>${workingDays(4)}</bpmn:timeDate></bpmn:timerEventDefinition>
                </bpmn:boundaryEvent>
                <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end" />
                <bpmn:endEvent id="end" />
                <bpmn:sequenceFlow id="f3" sourceRef="late" targetRef="lateEnd" />
                <bpmn:endEvent id="lateEnd" />
              </bpmn:process>
            </bpmn:definitions>
            """;
        var parsed = new BpmnParser().Parse(xml);
        Assert.True(parsed.IsValid, string.Join("\n", parsed.Errors.Select(e => e.Message)));
        var process = new ExecutableProcess(parsed.Document!.Processes[0]);
        var closures = new ClosureList();
        var calendar = TehranCalendar(closures);
        var engine = new ProcessEngine(new JintExpressionEvaluator(BusinessCalendarFunctions.Create(calendar)), calendar, new FakeTimeProvider(WednesdayMorning));

        var first = engine.Start(process, new StartInstance("i1")).State;
        closures.Add(new LocalDate(2025, 5, 4), "Energy shortage");
        var second = engine.Start(process, new StartInstance("i2")).State;

        AssertDeadlines(first, due: Utc(2025, 5, 5, 10, 30), followUp: Utc(2025, 5, 4, 10, 30), timer: Utc(2025, 5, 6, 10, 30));
        AssertDeadlines(second, due: Utc(2025, 5, 6, 10, 30), followUp: Utc(2025, 5, 5, 10, 30), timer: Utc(2025, 5, 7, 10, 30));
    }

    private static void AssertDeadlines(ProcessInstanceState state, DateTimeOffset due, DateTimeOffset followUp, DateTimeOffset timer)
    {
        Assert.Empty(state.Incidents);
        var task = Assert.Single(state.Tasks);
        Assert.Equal(due, task.DueAt);
        Assert.Equal(followUp, task.FollowUpAt);
        Assert.Equal(timer, Assert.Single(state.Timers).DueAt);
    }
}
