using System.Text.Json;
using ApprovalFlow.Engine.Commands;
using ApprovalFlow.Engine.History;
using ApprovalFlow.Engine.State;

namespace ApprovalFlow.Engine.Tests.Support;

/// <summary>A handle on one instance of an <see cref="EngineWorld"/>, with test-friendly commands by node id.</summary>
public sealed class Instance(EngineWorld world, string id)
{
    public string Id { get; } = id;

    public ProcessInstanceState State => world.State(Id);

    public InstanceStatus Status => State.Status;

    public IReadOnlyList<OpenUserTask> Tasks(string? nodeId = null) =>
        [.. State.Tasks.Where(t => nodeId is null || t.NodeId == nodeId)];

    public IEnumerable<string> OpenTaskNodes => State.Tasks.Select(t => t.NodeId);

    public StepResult Complete(string nodeId, object? variables = null, string actor = "alice") =>
        world.Execute(Id, new CompleteUserTask(Tasks(nodeId)[0].Id, actor, EngineWorld.ToVariables(variables)));

    public StepResult CompleteTask(OpenUserTask task, object? variables = null, string actor = "alice") =>
        world.Execute(Id, new CompleteUserTask(task.Id, actor, EngineWorld.ToVariables(variables)));

    public IReadOnlyList<PendingTimer> Timers(string? nodeId = null) =>
        [.. State.Timers.Where(t => nodeId is null || t.NodeId == nodeId)];

    /// <summary>Moves the clock to the timer's due time and fires it.</summary>
    public StepResult FireTimer(string nodeId)
    {
        var timer = Timers(nodeId)[0];
        if (timer.DueAt > world.Time.GetUtcNow())
        {
            world.Time.SetUtcNow(timer.DueAt);
        }

        return world.Execute(Id, new FireTimer(timer.Id));
    }

    public StepResult Execute(EngineCommand command) => world.Execute(Id, command);

    public StepResult Correlate(string messageName, object? variables = null) =>
        world.Execute(Id, new CorrelateMessage(messageName, EngineWorld.ToVariables(variables)));

    public ServiceJob Job(string nodeId) => State.Jobs.First(j => j.NodeId == nodeId);

    public JsonElement Variable(string name) => State.Variables[name];

    public IEnumerable<HistoryEvent> History => world.History;

    /// <summary>Node ids entered, in order, for this instance's history (the world's history is shared; filter by type).</summary>
    public IReadOnlyList<string> Entered() =>
        [.. world.History.Where(h => h.Type == HistoryEventType.NodeEntered).Select(h => h.NodeId!)];
}
