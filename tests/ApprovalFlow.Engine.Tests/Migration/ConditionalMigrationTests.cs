using ApprovalFlow.Bpmn.Parsing;
using ApprovalFlow.Engine.Commands;
using ApprovalFlow.Engine.Migration;
using ApprovalFlow.Engine.Runtime;
using ApprovalFlow.Engine.State;
using ApprovalFlow.Engine.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace ApprovalFlow.Engine.Tests.Migration;

/// <summary>
/// Migration of instances waiting at conditional events (BPMN 2.0.2 §10.5.5): the subscription follows its
/// event mapped by id (or by an explicit mapping) and is evaluated with the target's condition at the next
/// variable change, as in Camunda 7; a conditional event cannot be mapped to another kind of event.
/// </summary>
public sealed class ConditionalMigrationTests
{
    private const string Head = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs" targetNamespace="http://approvalflow.test">
          <bpmn:process id="plan" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="fork" />
            <bpmn:parallelGateway id="fork" />
            <bpmn:sequenceFlow id="fe" sourceRef="fork" targetRef="edit" />
            <bpmn:userTask id="edit" camunda:assignee="alice" />
            <bpmn:sequenceFlow id="fa" sourceRef="edit" targetRef="edit" />
            <bpmn:sequenceFlow id="f1" sourceRef="fork" targetRef="{wait}" />
            <bpmn:sequenceFlow id="f2" sourceRef="{wait}" targetRef="after" />
            <bpmn:userTask id="after" camunda:assignee="alice" />
            <bpmn:sequenceFlow id="f3" sourceRef="after" targetRef="end" />
            <bpmn:endEvent id="end" />
        """;

    private const string Tail = "</bpmn:process></bpmn:definitions>";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly ProcessEngine _engine;

    public ConditionalMigrationTests() =>
        _engine = new ProcessEngine(EngineWorld.Evaluator, new ApprovalFlow.Engine.Calendar.CalendarDaysCalendar(), _time);

    [Fact]
    public void WaitingConditionalCatch_IsMappedById_AndTheTargetsConditionDecidesAtTheNextChange()
    {
        var v1 = Process("wait", Conditional("wait", "${approved == true}"), 1);
        var v2 = Process("wait", Conditional("wait", "${approved == true &amp;&amp; budget > 0}"), 2);
        var state = _engine.Start(v1, new StartInstance("pi1", 1)).State;
        var subscription = Assert.Single(state.ConditionalSubscriptions);

        var migrated = Assert.IsType<MigrationOutcome.Migrated>(_engine.Migrate(NodeMapping.Create(v1, v2, null), state, "owner"));

        Assert.Equal([subscription], migrated.Step.State.ConditionalSubscriptions);
        var approvedOnly = Complete(v2, migrated.Step.State, new { approved = true });
        Assert.Equal(["edit"], approvedOnly.Tasks.Select(t => t.NodeId));
        var withBudget = Complete(v2, approvedOnly, new { budget = 10 });
        Assert.Equal(["after", "edit"], withBudget.Tasks.Select(t => t.NodeId).Order());
        Assert.Empty(withBudget.ConditionalSubscriptions);
    }

    [Fact]
    public void WaitingConditionalCatch_MappedToARenamedConditionalEvent_KeepsItsSubscriptionThere()
    {
        var v1 = Process("wait", Conditional("wait", "${approved == true}"), 1);
        var v2 = Process("waitApproval", Conditional("waitApproval", "${approved == true}"), 2);
        var state = _engine.Start(v1, new StartInstance("pi1", 1)).State;

        var migrated = Assert.IsType<MigrationOutcome.Migrated>(
            _engine.Migrate(NodeMapping.Create(v1, v2, new Dictionary<string, string> { ["wait"] = "waitApproval" }), state, null));

        var subscription = Assert.Single(migrated.Step.State.ConditionalSubscriptions);
        Assert.Equal("waitApproval", subscription.NodeId);
        Assert.Equal(state.ConditionalSubscriptions[0].Id, subscription.Id);
        var after = Complete(v2, migrated.Step.State, new { approved = true });
        Assert.Contains("after", after.Tasks.Select(t => t.NodeId));
    }

    [Fact]
    public void ConditionalCatch_MappedToATimerCatch_IsRefusedAsIncompatible()
    {
        var v1 = Process("wait", Conditional("wait", "${approved == true}"), 1);
        var v2 = Process("wait", """<bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>""", 2);
        var state = _engine.Start(v1, new StartInstance("pi1", 1)).State;

        var refused = Assert.IsType<MigrationOutcome.Refused>(
            _engine.Migrate(NodeMapping.Create(v1, v2, new Dictionary<string, string> { ["wait"] = "wait" }), state, null));

        var problem = Assert.Single(refused.Problems);
        Assert.Equal(MigrationProblemKind.IncompatibleKind, problem.Kind);
        Assert.Equal("wait", problem.NodeId);
    }

    [Fact]
    public void ConditionalEventSubprocessStart_KeepsItsSubscriptionOnTheInstanceScope_AndTriggersAfterMigration()
    {
        var withdrawal = """
            <bpmn:subProcess id="withdrawal" triggeredByEvent="true">
              <bpmn:startEvent id="withdrawn"><bpmn:conditionalEventDefinition><bpmn:condition>${withdrawn == true}</bpmn:condition></bpmn:conditionalEventDefinition></bpmn:startEvent>
              <bpmn:sequenceFlow id="w1" sourceRef="withdrawn" targetRef="close" />
              <bpmn:userTask id="close" camunda:assignee="bob" />
              <bpmn:sequenceFlow id="w2" sourceRef="close" targetRef="closed" />
              <bpmn:endEvent id="closed" />
            </bpmn:subProcess>
            """;
        var v1 = Process("wait", Conditional("wait", "${approved == true}") + withdrawal, 1);
        var v2 = Process("wait", Conditional("wait", "${approved == true}") + withdrawal, 2);
        var state = _engine.Start(v1, new StartInstance("pi1", 1)).State;
        var start = Assert.Single(state.ConditionalSubscriptions, s => s.NodeId == "withdrawn");

        var migrated = Assert.IsType<MigrationOutcome.Migrated>(_engine.Migrate(NodeMapping.Create(v1, v2, null), state, null));

        Assert.Contains(start, migrated.Step.State.ConditionalSubscriptions);
        Assert.Equal(2, migrated.Step.State.ConditionalSubscriptions.Count);
        var withdrawnState = Complete(v2, migrated.Step.State, new { withdrawn = true });
        Assert.Equal(["close"], withdrawnState.Tasks.Select(t => t.NodeId));
        Assert.Empty(withdrawnState.ConditionalSubscriptions);
    }

    private ProcessInstanceState Complete(ExecutableProcess process, ProcessInstanceState state, object variables)
    {
        var task = state.Tasks.Single(t => t.NodeId == "edit");
        var result = Assert.IsType<StepResult.Applied>(_engine.Execute(process, state, new CompleteUserTask(task.Id, "alice", EngineWorld.ToVariables(variables))));
        Invariants.Check(result.State);
        return result.State;
    }

    private static string Conditional(string id, string condition) =>
        $"""<bpmn:intermediateCatchEvent id="{id}"><bpmn:conditionalEventDefinition><bpmn:condition>{condition}</bpmn:condition></bpmn:conditionalEventDefinition></bpmn:intermediateCatchEvent>""";

    private static ExecutableProcess Process(string waitId, string wait, int version)
    {
        var result = new BpmnParser().Parse(Head.Replace("{wait}", waitId, StringComparison.Ordinal) + wait + Tail);
        Assert.True(result.IsValid, string.Join("\n", result.Errors.Select(e => $"{e.ElementId} {e.Code} {e.Message}")));
        return new ExecutableProcess(result.Document!.Process("plan"), version);
    }
}
