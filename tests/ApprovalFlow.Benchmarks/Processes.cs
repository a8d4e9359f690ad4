using System.Globalization;
using System.Text;
using System.Text.Json;
using ApprovalFlow.Bpmn.Parsing;
using ApprovalFlow.Engine.Calendar;
using ApprovalFlow.Engine.Expressions;
using ApprovalFlow.Engine.Runtime;

namespace ApprovalFlow.Benchmarks;

/// <summary>The benchmarked processes (parsed from BPMN XML) and an engine with the production parts.</summary>
public static class Processes
{
    private const string Header = """
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="http://approvalflow.test/benchmarks">
        """;

    /// <summary>The real engine: Jint expressions, calendar days, the system clock.</summary>
    public static ProcessEngine NewEngine() =>
        new(new JintExpressionEvaluator(), new CalendarDaysCalendar(), TimeProvider.System);

    /// <summary>start → <paramref name="count"/> user tasks in a row → end.</summary>
    /// <param name="count">Number of user tasks.</param>
    /// <param name="assignee">The tasks' <c>camunda:assignee</c> (a literal, or an expression such as <c>${initiator}</c>).</param>
    public static ExecutableProcess Sequence(int count, string assignee) => Parse(SequenceXml("sequence", count, assignee), "sequence");

    /// <summary>The BPMN XML of <see cref="Sequence"/>, with process id <paramref name="processId"/>.</summary>
    public static string SequenceXml(string processId, int count, string assignee)
    {
        var xml = new StringBuilder(Header).Append(CultureInfo.InvariantCulture, $"""<bpmn:process id="{processId}" isExecutable="true"><bpmn:startEvent id="start" />""");
        var previous = "start";
        for (var i = 1; i <= count; i++)
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"task{i}");
            xml.Append(CultureInfo.InvariantCulture, $"""<bpmn:userTask id="{id}" camunda:assignee="{assignee}" />""")
               .Append(CultureInfo.InvariantCulture, $"""<bpmn:sequenceFlow id="to_{id}" sourceRef="{previous}" targetRef="{id}" />""");
            previous = id;
        }

        xml.Append(CultureInfo.InvariantCulture, $"""<bpmn:endEvent id="end" /><bpmn:sequenceFlow id="to_end" sourceRef="{previous}" targetRef="end" /></bpmn:process></bpmn:definitions>""");
        return xml.ToString();
    }

    /// <summary>
    /// start → parallel multi-instance subprocess over the collection variable <c>items</c> (element
    /// variable <c>item</c>), each instance two user tasks assigned to <c>${item}</c> → end.
    /// </summary>
    public static ExecutableProcess ParallelReview() => Parse(Header + """
          <bpmn:process id="review" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:subProcess id="perItem">
              <bpmn:multiInstanceLoopCharacteristics isSequential="false" camunda:collection="items" camunda:elementVariable="item" />
              <bpmn:startEvent id="itemStart" />
              <bpmn:userTask id="draft" camunda:assignee="${item}" />
              <bpmn:userTask id="approve" camunda:assignee="${item}" />
              <bpmn:endEvent id="itemEnd" />
              <bpmn:sequenceFlow id="s1" sourceRef="itemStart" targetRef="draft" />
              <bpmn:sequenceFlow id="s2" sourceRef="draft" targetRef="approve" />
              <bpmn:sequenceFlow id="s3" sourceRef="approve" targetRef="itemEnd" />
            </bpmn:subProcess>
            <bpmn:endEvent id="end" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="perItem" />
            <bpmn:sequenceFlow id="f2" sourceRef="perItem" targetRef="end" />
          </bpmn:process>
        </bpmn:definitions>
        """, "review");

    /// <summary>
    /// start → user task <c>submit</c> (assignee <c>${initiator}</c>) → exclusive gateway: <c>${amount > 100}</c> to
    /// <c>approve</c>, <c>${amount &lt;= 100}</c> to <c>review</c> (both assigned to <c>${initiator}</c>) → end.
    /// Completing <c>submit</c> evaluates the conditions and the next task's assignee.
    /// </summary>
    public static ExecutableProcess Gateway() => Parse(Header + """
          <bpmn:process id="gateway" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:userTask id="submit" camunda:assignee="${initiator}" />
            <bpmn:exclusiveGateway id="big" />
            <bpmn:userTask id="approve" camunda:assignee="${initiator}" />
            <bpmn:userTask id="review" camunda:assignee="${initiator}" />
            <bpmn:endEvent id="end" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="submit" />
            <bpmn:sequenceFlow id="f2" sourceRef="submit" targetRef="big" />
            <bpmn:sequenceFlow id="f3" sourceRef="big" targetRef="approve"><bpmn:conditionExpression>${amount > 100}</bpmn:conditionExpression></bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="f4" sourceRef="big" targetRef="review"><bpmn:conditionExpression>${amount &lt;= 100}</bpmn:conditionExpression></bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="f5" sourceRef="approve" targetRef="end" />
            <bpmn:sequenceFlow id="f6" sourceRef="review" targetRef="end" />
          </bpmn:process>
        </bpmn:definitions>
        """, "gateway");

    /// <summary>start → parallel fork → <paramref name="branches"/> plain tasks → parallel join → user task <c>after</c> → end.</summary>
    /// <param name="branches">Number of parallel branches.</param>
    public static ExecutableProcess FanOut(int branches)
    {
        var xml = new StringBuilder(Header).Append("""
            <bpmn:process id="fanOut" isExecutable="true"><bpmn:startEvent id="start" /><bpmn:parallelGateway id="fork" /><bpmn:parallelGateway id="join" />
            <bpmn:userTask id="after" camunda:assignee="user" /><bpmn:endEvent id="end" />
            <bpmn:sequenceFlow id="toFork" sourceRef="start" targetRef="fork" /><bpmn:sequenceFlow id="toAfter" sourceRef="join" targetRef="after" />
            <bpmn:sequenceFlow id="toEnd" sourceRef="after" targetRef="end" />
            """);
        for (var i = 1; i <= branches; i++)
        {
            xml.Append(CultureInfo.InvariantCulture, $"""<bpmn:task id="b{i}" /><bpmn:sequenceFlow id="in{i}" sourceRef="fork" targetRef="b{i}" /><bpmn:sequenceFlow id="out{i}" sourceRef="b{i}" targetRef="join" />""");
        }

        return Parse(xml.Append("</bpmn:process></bpmn:definitions>").ToString(), "fanOut");
    }

    /// <summary>The <c>items</c> variable: a JSON array of <paramref name="count"/> user ids.</summary>
    public static Dictionary<string, JsonElement> Items(int count) => new(StringComparer.Ordinal)
    {
        ["items"] = JsonSerializer.SerializeToElement(Enumerable.Range(1, count).Select(i => $"user{i}").ToArray()),
        ["initiator"] = JsonSerializer.SerializeToElement("alice"),
    };

    private static ExecutableProcess Parse(string xml, string processId)
    {
        var result = new BpmnParser().Parse(xml);
        if (!result.IsValid)
        {
            throw new InvalidOperationException(string.Join(Environment.NewLine, result.Errors));
        }

        return new ExecutableProcess(result.Document!.Process(processId));
    }
}
