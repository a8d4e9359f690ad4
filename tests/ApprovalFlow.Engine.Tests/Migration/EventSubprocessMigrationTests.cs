using ApprovalFlow.Bpmn.Parsing;
using ApprovalFlow.Engine.Commands;
using ApprovalFlow.Engine.Intents;
using ApprovalFlow.Engine.Migration;
using ApprovalFlow.Engine.Runtime;
using ApprovalFlow.Engine.State;
using ApprovalFlow.Engine.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace ApprovalFlow.Engine.Tests.Migration;

/// <summary>
/// Instance migration with event subprocesses: the waits of a scope for its event subprocess starts follow the
/// target version (kept when the start keeps its id and event, removed or added otherwise), tokens inside a
/// running event subprocess move when their ids map, and an unmapped event subprocess instance is refused.
/// </summary>
public sealed class EventSubprocessMigrationTests
{
    private const string Messages = """
        <bpmn:message id="withdrawMsg" name="mig-withdraw" />
        <bpmn:message id="noteMsg" name="mig-note" />
        """;

    private const string Main = """
        <bpmn:startEvent id="start" />
        <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
        <bpmn:userTask id="review" camunda:assignee="alice" />
        <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end" />
        <bpmn:endEvent id="end" />
        """;

    private static string Esp(string id, string messageRef, string task, string interrupting = "true") => $"""
        <bpmn:subProcess id="{id}" triggeredByEvent="true">
          <bpmn:startEvent id="{id}Start" isInterrupting="{interrupting}"><bpmn:messageEventDefinition messageRef="{messageRef}" /></bpmn:startEvent>
          <bpmn:sequenceFlow id="{id}F1" sourceRef="{id}Start" targetRef="{task}" />
          <bpmn:userTask id="{task}" camunda:assignee="bob" />
          <bpmn:sequenceFlow id="{id}F2" sourceRef="{task}" targetRef="{id}End" />
          <bpmn:endEvent id="{id}End" />
        </bpmn:subProcess>
        """;

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly ProcessEngine _engine;

    public EventSubprocessMigrationTests() =>
        _engine = new ProcessEngine(EngineWorld.Evaluator, new ApprovalFlow.Engine.Calendar.CalendarDaysCalendar(), _time);

    [Fact]
    public void TheInstanceScopeSubscription_IsKeptWhenTheStartStays_AndAddedForANewEventSubprocess()
    {
        var v1 = Process(Main + Esp("withdraw", "withdrawMsg", "notify"), 1);
        var v2 = Process(Main + Esp("withdraw", "withdrawMsg", "notify") + Esp("notes", "noteMsg", "addNote", "false"), 2);
        var state = Start(v1);
        var kept = Assert.Single(state.Subscriptions);

        var migrated = Assert.IsType<MigrationOutcome.Migrated>(_engine.Migrate(NodeMapping.Create(v1, v2, null), state, "owner"));

        var after = migrated.Step.State;
        Assert.Equal(kept, after.Subscriptions[0]);
        Assert.Equal(["mig-withdraw", "mig-note"], after.Subscriptions.Select(s => s.MessageName));
        Assert.Contains(migrated.Step.Intents, i => i is SubscribeMessageIntent { MessageName: "mig-note" });
        var correlated = Assert.IsType<StepResult.Applied>(_engine.Execute(v2, after, new CorrelateMessage("mig-note", null)));
        Assert.Equal(["review", "addNote"], correlated.State.Tasks.Select(t => t.NodeId));
    }

    [Fact]
    public void AnEventSubprocessGoneInTheTarget_LosesItsSubscription()
    {
        var v1 = Process(Main + Esp("withdraw", "withdrawMsg", "notify"), 1);
        var v2 = Process(Main, 2);
        var state = Start(v1);

        var migrated = Assert.IsType<MigrationOutcome.Migrated>(_engine.Migrate(NodeMapping.Create(v1, v2, null), state, "owner"));

        Assert.Empty(migrated.Step.State.Subscriptions);
        Assert.Contains(migrated.Step.Intents, i => i is UnsubscribeMessageIntent { MessageName: "mig-withdraw" });
    }

    [Fact]
    public void TokensInsideARunningEventSubprocess_MigrateWhenTheirIdsMap()
    {
        var v1 = Process(Main + Esp("notes", "noteMsg", "addNote", "false"), 1);
        var v2 = Process(Main + Esp("notes", "noteMsg", "addNote", "false"), 2);
        var state = Applied(_engine.Execute(v1, Start(v1), new CorrelateMessage("mig-note", null)));
        var note = Assert.Single(state.Tasks, t => t.NodeId == "addNote");

        var migrated = Assert.IsType<MigrationOutcome.Migrated>(_engine.Migrate(NodeMapping.Create(v1, v2, null), state, "owner"));

        Assert.Contains(note, migrated.Step.State.Tasks);
        Assert.Contains(migrated.Tokens, t => t.FromNodeId == "notes" && t.ToNodeId == "notes");
        var done = Applied(_engine.Execute(v2, migrated.Step.State, new CompleteUserTask(note.Id, "bob", null)));
        Assert.Equal(["review"], done.Tasks.Select(t => t.NodeId));
    }

    [Fact]
    public void ARunningEventSubprocessWithoutAPlaceInTheTarget_IsRefused()
    {
        var v1 = Process(Main + Esp("notes", "noteMsg", "addNote", "false"), 1);
        var v2 = Process(Main, 2);
        var state = Applied(_engine.Execute(v1, Start(v1), new CorrelateMessage("mig-note", null)));

        var refused = Assert.IsType<MigrationOutcome.Refused>(_engine.Migrate(NodeMapping.Create(v1, v2, null), state, "owner"));

        Assert.Contains(refused.Problems, p => p.Kind == MigrationProblemKind.Unmapped && p.NodeId == "notes");
    }

    private static ProcessInstanceState Applied(StepResult result) => Assert.IsType<StepResult.Applied>(result).State;

    private ProcessInstanceState Start(ExecutableProcess process) =>
        _engine.Start(process, new StartInstance("pi1", process.Version)).State;

    private static ExecutableProcess Process(string body, int version)
    {
        var xml = $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs" targetNamespace="http://approvalflow.test">
              {Messages}
              <bpmn:process id="plan" isExecutable="true">{body}</bpmn:process>
            </bpmn:definitions>
            """;
        var result = new BpmnParser().Parse(xml);
        Assert.True(result.IsValid, string.Join("\n", result.Errors.Select(e => $"{e.ElementId} {e.Code} {e.Message}")));
        return new ExecutableProcess(result.Document!.Process("plan"), version);
    }
}
