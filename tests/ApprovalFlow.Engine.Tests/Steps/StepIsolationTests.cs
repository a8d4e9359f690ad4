using System.Text.Json;
using System.Text.RegularExpressions;
using ApprovalFlow.Bpmn.Parsing;
using ApprovalFlow.Engine.Commands;
using ApprovalFlow.Engine.Expressions;
using ApprovalFlow.Engine.Runtime;
using ApprovalFlow.Engine.State;
using ApprovalFlow.Engine.Tests.Support;

namespace ApprovalFlow.Engine.Tests.Steps;

/// <summary>
/// A step shares the executions it does not change with the state it was given (copy on write): these tests
/// catch a step that changes the given state, when it succeeds and when it fails half-way.
/// </summary>
public class StepIsolationTests
{
    private const string Fixture = "multi-instance/boundary-on-subprocess.bpmn";

    [Fact]
    public void A_step_leaves_the_given_state_as_it_was_and_shares_only_the_executions_it_did_not_reach()
    {
        var world = new EngineWorld(Fixture);
        var process = Process();
        var given = world.Engine.Start(process, new StartInstance("i1", Variables: Groups())).State;
        var before = Json(given);
        var record = given.Tasks.First(t => t.NodeId == "record");

        var first = (StepResult.Applied)world.Engine.Execute(process, given, new CompleteUserTask(record.Id, "alice", EngineWorld.ToVariables(new { note = "seen" })));
        var afterFirst = Json(first.State);
        var second = (StepResult.Applied)world.Engine.Execute(process, given, new CompleteUserTask(record.Id, "bob", null));

        Assert.Equal(before, Json(given));
        Assert.Equal(afterFirst, Json(first.State));
        Assert.Equal(Json(FreshStep(world, process, before, record.Id)), afterFirst);
        Assert.Contains(first.State.Tasks, t => t.NodeId == "agree");
        Assert.DoesNotContain(second.State.Variables, v => v.Key == "note");
        var moved = first.State.Executions.Single(e => e.Id == record.ExecutionId);
        Assert.Equal("agree", moved.NodeId);
        Assert.Equal("record", given.Executions.Single(e => e.Id == record.ExecutionId).NodeId);
        Assert.NotSame(given.Executions.Single(e => e.Id == record.ExecutionId), moved);
        var untouched = given.Executions.Where(e => e.Kind == ExecutionKind.MultiInstanceItem && e.Id != Item(given, record.ExecutionId)).ToList();
        Assert.Equal(2, untouched.Count);
        Assert.All(untouched, e => Assert.Same(e, first.State.Executions.Single(f => f.Id == e.Id)));
    }

    [Fact]
    public void A_step_that_fails_half_way_leaves_the_given_state_as_it_was()
    {
        var world = new EngineWorld(null, _ => new FailingOn("-chair"), Fixture);
        var process = Process();
        var given = world.Engine.Start(process, new StartInstance("i1", Variables: Groups())).State;
        var before = Json(given);
        var record = given.Tasks.First(t => t.NodeId == "record");

        Assert.Throws<InvalidOperationException>(() =>
            world.Engine.Execute(process, given, new CompleteUserTask(record.Id, "alice", EngineWorld.ToVariables(new { note = "seen" }))));

        Assert.Equal(before, Json(given));
        Assert.Equal("record", given.Executions.Single(e => e.Id == record.ExecutionId).NodeId);
    }

    [Fact]
    public void A_state_whose_execution_ids_are_not_the_engines_steps_as_one_with_the_engines_ids()
    {
        var world = new EngineWorld(Fixture);
        var process = Process();
        var given = world.Engine.Start(process, new StartInstance("i1", Variables: Groups())).State;
        var renamed = JsonSerializer.Deserialize<ProcessInstanceState>(Regex.Replace(Json(given), "\"e([0-9]+)\"", "\"by-hand-$1\""), EngineJson.Options)!;
        Assert.All(renamed.Executions, e => Assert.StartsWith("by-hand-", e.Id, StringComparison.Ordinal));
        var record = given.Tasks.First(t => t.NodeId == "record");

        var expected = world.Engine.Execute(process, given, new CompleteUserTask(record.Id, "alice", null));
        var actual = world.Engine.Execute(process, renamed, new CompleteUserTask(record.Id, "alice", null));

        Assert.Equal(Json(((StepResult.Applied)expected).State), Regex.Replace(Json(((StepResult.Applied)actual).State), "\"by-hand-([0-9]+)\"", "\"e$1\""));
        Assert.Contains(((StepResult.Applied)actual).State.Executions, e => e.NodeId == "agree" && e.Id == "by-hand-" + record.ExecutionId[1..]);
    }

    private static ProcessInstanceState FreshStep(EngineWorld world, ExecutableProcess process, string json, string taskId) =>
        ((StepResult.Applied)world.Engine.Execute(process, JsonSerializer.Deserialize<ProcessInstanceState>(json, EngineJson.Options)!,
            new CompleteUserTask(taskId, "alice", EngineWorld.ToVariables(new { note = "seen" })))).State;

    /// <summary>The multi-instance item above the token <paramref name="executionId"/> (its subprocess scope's parent).</summary>
    private static string Item(ProcessInstanceState state, string executionId) =>
        state.Executions.Single(e => e.Id == executionId).ParentId!;

    private static ExecutableProcess Process() =>
        new(new BpmnParser().Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", Fixture))).Document!.Processes[0]);

    private static Dictionary<string, JsonElement> Groups() =>
        new(StringComparer.Ordinal) { ["groups"] = JsonSerializer.SerializeToElement(new[] { "finance", "legal", "it" }) };

    private static string Json(ProcessInstanceState state) => JsonSerializer.Serialize(state, EngineJson.Options);

    /// <summary>The world's evaluator, except that a script containing <c>marker</c> throws as a bug would.</summary>
    private sealed class FailingOn(string marker) : IExpressionEvaluator
    {
        public JsonElement Evaluate(string script, IReadOnlyDictionary<string, JsonElement> variables, DateTimeOffset now) =>
            script.Contains(marker, StringComparison.Ordinal)
                ? throw new InvalidOperationException($"Evaluator failure on '{script}'.")
                : EngineWorld.Evaluator.Evaluate(script, variables, now);
    }
}
