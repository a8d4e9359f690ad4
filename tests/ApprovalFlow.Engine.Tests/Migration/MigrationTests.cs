using System.Text.Json;
using ApprovalFlow.Bpmn.Parsing;
using ApprovalFlow.Engine.Commands;
using ApprovalFlow.Engine.History;
using ApprovalFlow.Engine.Intents;
using ApprovalFlow.Engine.Migration;
using ApprovalFlow.Engine.Runtime;
using ApprovalFlow.Engine.State;
using ApprovalFlow.Engine.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace ApprovalFlow.Engine.Tests.Migration;

/// <summary>Instance migration (<see cref="ProcessEngine.Migrate"/>): what moves and what is refused.</summary>
public sealed class MigrationTests
{
    private const string Head = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs" targetNamespace="http://approvalflow.test">
          <bpmn:process id="plan" isExecutable="true">
        """;

    private const string Tail = "</bpmn:definitions>";

    /// <summary>Version 1: review (with a 5-day deadline), then approve.</summary>
    private const string V1 = """
        <bpmn:startEvent id="start" />
        <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
        <bpmn:userTask id="review" name="Review" camunda:assignee="alice" camunda:candidateGroups="office" />
        <bpmn:boundaryEvent id="deadline" attachedToRef="review"><bpmn:timerEventDefinition><bpmn:timeDuration>P5D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
        <bpmn:sequenceFlow id="fd" sourceRef="deadline" targetRef="late" />
        <bpmn:endEvent id="late" />
        <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="approve" />
        <bpmn:userTask id="approve" camunda:candidateGroups="board" />
        <bpmn:sequenceFlow id="f3" sourceRef="approve" targetRef="end" />
        <bpmn:endEvent id="end" />
        """;

    /// <summary>Version 2: a legal review between review and approve; the deadline unchanged.</summary>
    private const string V2 = """
        <bpmn:startEvent id="start" />
        <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
        <bpmn:userTask id="review" name="Review" camunda:candidateGroups="other" />
        <bpmn:boundaryEvent id="deadline" attachedToRef="review"><bpmn:timerEventDefinition><bpmn:timeDuration>P5D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
        <bpmn:sequenceFlow id="fd" sourceRef="deadline" targetRef="late" />
        <bpmn:endEvent id="late" />
        <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="legal" />
        <bpmn:userTask id="legal" name="Legal review" camunda:candidateGroups="lawyers" />
        <bpmn:sequenceFlow id="f4" sourceRef="legal" targetRef="approve" />
        <bpmn:userTask id="approve" camunda:candidateGroups="board" />
        <bpmn:sequenceFlow id="f3" sourceRef="approve" targetRef="split" />
        <bpmn:endEvent id="end" />
        <bpmn:exclusiveGateway id="split" />
        <bpmn:sequenceFlow id="f5" sourceRef="split" targetRef="end" />
        """;

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly ProcessEngine _engine;

    public MigrationTests() =>
        _engine = new ProcessEngine(EngineWorld.Evaluator, new ApprovalFlow.Engine.Calendar.CalendarDaysCalendar(), _time);

    [Fact]
    public void Same_ids_are_mapped_by_default_and_the_task_and_its_unchanged_timer_are_kept()
    {
        var (v1, v2) = (Process(V1, 1), Process(V2, 2));
        var state = Start(v1);
        var task = Assert.Single(state.Tasks);
        var timer = Assert.Single(state.Timers);
        _time.Advance(TimeSpan.FromDays(1));

        var migrated = Assert.IsType<MigrationOutcome.Migrated>(_engine.Migrate(NodeMapping.Create(v1, v2, null), state, "owner"));

        var after = migrated.Step.State;
        Assert.Equal(2, after.DefinitionVersion);
        Assert.Equal([task], after.Tasks);
        Assert.Equal(["review"], migrated.Tokens.Select(t => t.ToNodeId));
        Assert.Equal([task.Id], migrated.KeptTasks);
        Assert.Equal([timer], after.Timers);
        Assert.Empty(migrated.Step.Intents);
        var history = Assert.Single(migrated.Step.History);
        Assert.Equal(HistoryEventType.InstanceMigrated, history.Type);
        Assert.Equal("owner", history.Actor);
        Assert.Equal(1, history.Data!["fromVersion"].GetInt32());
        Assert.Equal(2, history.Data["toVersion"].GetInt32());
        Assert.Equal("review", history.Data["mapping"].GetProperty("review").GetString());

        var completed = Assert.IsType<StepResult.Applied>(_engine.Execute(v2, after, new CompleteUserTask(task.Id, "alice")));
        Assert.Equal(["legal"], completed.State.Tasks.Select(t => t.NodeId));
    }

    [Fact]
    public void A_token_mapped_to_another_user_task_moves_there_and_gets_that_task()
    {
        var (v1, v2) = (Process(V1, 1), Process(V2, 2));
        var state = Start(v1);
        var old = Assert.Single(state.Tasks);

        var migrated = Assert.IsType<MigrationOutcome.Migrated>(
            _engine.Migrate(NodeMapping.Create(v1, v2, new Dictionary<string, string> { ["review"] = "legal" }), state, "owner"));

        var task = Assert.Single(migrated.Step.State.Tasks);
        Assert.Equal("legal", task.NodeId);
        Assert.Equal(["lawyers"], task.CandidateGroups);
        Assert.Equal(old.ExecutionId, task.ExecutionId);
        Assert.Equal([new TaskReplacement(old.Id, task.Id)], migrated.ReplacedTasks);
        Assert.Contains(new CancelUserTaskIntent(old.Id), migrated.Step.Intents);
        Assert.Contains(migrated.Step.Intents, i => i is CreateUserTaskIntent c && c.Task == task);
        Assert.Equal([new CancelTimerIntent(Assert.Single(state.Timers).Id)], migrated.Step.Intents.OfType<CancelTimerIntent>());
        Assert.Empty(migrated.Step.State.Timers);
        Assert.Equal([HistoryEventType.InstanceMigrated, HistoryEventType.TaskCancelled, HistoryEventType.TaskCreated], migrated.Step.History.Select(h => h.Type));
    }

    [Fact]
    public void A_boundary_timer_whose_definition_changed_is_cancelled_and_scheduled_per_the_target()
    {
        var v1 = Process(V1, 1);
        var v2 = Process(V2.Replace("P5D", "P2D", StringComparison.Ordinal), 2);
        var state = Start(v1);
        var old = Assert.Single(state.Timers);
        _time.Advance(TimeSpan.FromDays(1));

        var migrated = Assert.IsType<MigrationOutcome.Migrated>(_engine.Migrate(NodeMapping.Create(v1, v2, null), state, null));

        var timer = Assert.Single(migrated.Step.State.Timers);
        Assert.NotEqual(old.Id, timer.Id);
        Assert.Equal("deadline", timer.NodeId);
        Assert.Equal(_time.GetUtcNow().AddDays(2), timer.DueAt);
        Assert.Equal([old.Id], migrated.CancelledTimers);
        Assert.Equal([new ScheduleTimerIntent(timer.Id, "deadline", timer.DueAt)], migrated.ScheduledTimers);
        Assert.Equal([new CancelTimerIntent(old.Id), new ScheduleTimerIntent(timer.Id, "deadline", timer.DueAt)], migrated.Step.Intents);
    }

    [Fact]
    public void An_active_node_the_target_lacks_refuses_the_instance_naming_it()
    {
        var v1 = Process(V1, 1);
        var v2 = Process(V2.Replace("\"review\"", "\"check\"", StringComparison.Ordinal), 2);
        var state = Start(v1);

        var refused = Assert.IsType<MigrationOutcome.Refused>(_engine.Migrate(NodeMapping.Create(v1, v2, null), state, null));

        var problem = Assert.Single(refused.Problems);
        Assert.Equal(MigrationProblemKind.Unmapped, problem.Kind);
        Assert.Equal("review", problem.NodeId);
        Assert.Contains("'review' (Review)", problem.Message, StringComparison.Ordinal);
        Assert.IsType<MigrationOutcome.Migrated>(_engine.Migrate(NodeMapping.Create(v1, v2, new Dictionary<string, string> { ["review"] = "check" }), state, null));
    }

    [Fact]
    public void Mapping_a_user_task_to_a_gateway_is_refused()
    {
        var (v1, v2) = (Process(V1, 1), Process(V2, 2));

        var refused = Assert.IsType<MigrationOutcome.Refused>(
            _engine.Migrate(NodeMapping.Create(v1, v2, new Dictionary<string, string> { ["review"] = "split" }), Start(v1), null));

        Assert.Equal([MigrationProblemKind.IncompatibleKind], refused.Problems.Select(p => p.Kind));
        Assert.Contains("exclusiveGateway", refused.Problems[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_token_the_target_puts_inside_a_subprocess_that_does_not_enclose_it_is_refused()
    {
        var v1 = Process(V1, 1);
        var v2 = Process("""
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="sub" />
            <bpmn:subProcess id="sub">
              <bpmn:startEvent id="subStart" />
              <bpmn:sequenceFlow id="s1" sourceRef="subStart" targetRef="review" />
              <bpmn:userTask id="review" camunda:candidateGroups="office" />
              <bpmn:sequenceFlow id="s2" sourceRef="review" targetRef="subEnd" />
              <bpmn:endEvent id="subEnd" />
            </bpmn:subProcess>
            <bpmn:sequenceFlow id="f2" sourceRef="sub" targetRef="end" />
            <bpmn:endEvent id="end" />
            """, 2);

        var refused = Assert.IsType<MigrationOutcome.Refused>(_engine.Migrate(NodeMapping.Create(v1, v2, null), Start(v1), null));

        var problem = Assert.Single(refused.Problems);
        Assert.Equal(MigrationProblemKind.ScopeMismatch, problem.Kind);
        Assert.Equal("review", problem.NodeId);
        Assert.Contains("'sub'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_multi_instance_body_moves_with_its_items_keeping_each_item_and_its_variable()
    {
        const string Shape = """
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="{0}" />
            <bpmn:userTask id="{0}" camunda:candidateGroups="${{group}}">
              <bpmn:multiInstanceLoopCharacteristics camunda:collection="groups" camunda:elementVariable="group" />
            </bpmn:userTask>
            <bpmn:sequenceFlow id="f2" sourceRef="{0}" targetRef="end" />
            <bpmn:endEvent id="end" />
            """;
        var v1 = Process(string.Format(System.Globalization.CultureInfo.InvariantCulture, Shape, "groupsReview"), 1);
        var v2 = Process(string.Format(System.Globalization.CultureInfo.InvariantCulture, Shape, "groupsVote"), 2);
        var state = _engine.Start(v1, new StartInstance("pi1", 1, Variables: EngineWorld.ToVariables(new { groups = new[] { "north", "south" } }))).State;
        Assert.Equal(2, state.Tasks.Count);

        var unmapped = Assert.IsType<MigrationOutcome.Refused>(_engine.Migrate(NodeMapping.Create(v1, v2, null), state, null));
        Assert.Equal([("groupsReview", MigrationProblemKind.Unmapped)], unmapped.Problems.Select(p => (p.NodeId, p.Kind)));

        var migrated = Assert.IsType<MigrationOutcome.Migrated>(
            _engine.Migrate(NodeMapping.Create(v1, v2, new Dictionary<string, string> { ["groupsReview"] = "groupsVote" }), state, null));

        var after = migrated.Step.State;
        Assert.Equal(state.Executions.Select(e => (e.Id, e.ParentId, e.Kind)), after.Executions.Select(e => (e.Id, e.ParentId, e.Kind)));
        Assert.All(after.Executions.Where(e => e.Kind != ExecutionKind.Root), e => Assert.Equal("groupsVote", e.NodeId));
        Assert.Equal(["north", "south"], after.Tasks.Select(t => t.Item!.Value.GetString()));
        Assert.Equal(["north", "south"], after.Tasks.Select(t => Assert.Single(t.CandidateGroups)));
        Assert.All(after.Tasks, t => Assert.Equal("groupsVote", t.NodeId));
        Assert.Equal(2, migrated.ReplacedTasks.Count);
        Assert.Equal(state.Variables.Keys, after.Variables.Keys);
    }

    [Fact]
    public void A_message_subscription_moves_to_the_mapped_receive_task_keeping_its_id()
    {
        const string Shape = """
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="{0}" />
            <bpmn:receiveTask id="{0}" messageRef="reply" />
            <bpmn:sequenceFlow id="f2" sourceRef="{0}" targetRef="end" />
            <bpmn:endEvent id="end" />
            """;
        const string Message = """<bpmn:message id="reply" name="council-reply" />""";
        var v1 = Process(string.Format(System.Globalization.CultureInfo.InvariantCulture, Shape, "awaitReply"), 1, Message);
        var v2 = Process(string.Format(System.Globalization.CultureInfo.InvariantCulture, Shape, "awaitCouncil"), 2, Message);
        var state = Start(v1);
        var subscription = Assert.Single(state.Subscriptions);

        var migrated = Assert.IsType<MigrationOutcome.Migrated>(
            _engine.Migrate(NodeMapping.Create(v1, v2, new Dictionary<string, string> { ["awaitReply"] = "awaitCouncil" }), state, null));

        Assert.Equal([subscription with { NodeId = "awaitCouncil" }], migrated.Step.State.Subscriptions);
        Assert.Empty(migrated.Step.Intents);
        var delivered = Assert.IsType<StepResult.Applied>(_engine.Execute(v2, migrated.Step.State, new CorrelateMessage("council-reply")));
        Assert.Equal(InstanceStatus.Completed, delivered.State.Status);
    }

    [Fact]
    public void Migrating_is_deterministic_and_leaves_its_input_untouched()
    {
        var v1 = Process(V1, 1);
        var v2 = Process(V2.Replace("P5D", "P2D", StringComparison.Ordinal), 2);
        var state = Start(v1);
        var before = JsonSerializer.Serialize(state, EngineJson.Options);
        var mapping = NodeMapping.Create(v1, v2, new Dictionary<string, string> { ["review"] = "legal" });

        var first = Assert.IsType<MigrationOutcome.Migrated>(_engine.Migrate(mapping, state, "owner"));
        var second = Assert.IsType<MigrationOutcome.Migrated>(_engine.Migrate(mapping, state, "owner"));

        Assert.Equal(before, JsonSerializer.Serialize(state, EngineJson.Options));
        Assert.Equal(JsonSerializer.Serialize(first.Step.State, EngineJson.Options), JsonSerializer.Serialize(second.Step.State, EngineJson.Options));
        Assert.Equal(first.Step.Intents.Select(i => JsonSerializer.Serialize(i, i.GetType())), second.Step.Intents.Select(i => JsonSerializer.Serialize(i, i.GetType())));
        Assert.Equal(3, first.Step.Intents.Count);
        Assert.Equal(JsonSerializer.Serialize(first.Step.History), JsonSerializer.Serialize(second.Step.History));
    }

    [Fact]
    public void A_mapping_to_a_node_that_does_not_exist_cannot_be_built()
    {
        var (v1, v2) = (Process(V1, 1), Process(V2, 2));

        var error = Assert.Throws<InvalidMappingException>(() => NodeMapping.Create(v1, v2, new Dictionary<string, string> { ["review"] = "nowhere" }));

        Assert.Contains("'nowhere'", error.Message, StringComparison.Ordinal);
        Assert.Equal((InvalidMappingReason.UnknownTargetNode, "review", "nowhere"), (error.Reason, error.SourceNodeId, error.TargetNodeId));
        var ghost = Assert.Throws<InvalidMappingException>(() => NodeMapping.Create(v1, v2, new Dictionary<string, string> { ["ghost"] = "legal" }));
        Assert.Equal((InvalidMappingReason.UnknownSourceNode, "ghost"), (ghost.Reason, ghost.SourceNodeId));
    }

    private ProcessInstanceState Start(ExecutableProcess process) =>
        _engine.Start(process, new StartInstance("pi1", process.Version)).State;

    /// <summary>Process <c>plan</c> of <paramref name="body"/>, with <paramref name="definitions"/> (e.g. messages) beside it.</summary>
    private static ExecutableProcess Process(string body, int version, string definitions = "")
    {
        var result = new BpmnParser().Parse(Head + body + "</bpmn:process>" + definitions + Tail);
        Assert.True(result.IsValid, string.Join("\n", result.Errors.Select(e => $"{e.ElementId} {e.Code} {e.Message}")));
        return new ExecutableProcess(result.Document!.Process("plan"), version);
    }
}
