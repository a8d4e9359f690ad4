using System.Text.Json;
using ApprovalFlow.Bpmn.Parsing;
using ApprovalFlow.Engine.Calendar;
using ApprovalFlow.Engine.Commands;
using ApprovalFlow.Engine.Expressions;
using ApprovalFlow.Engine.History;
using ApprovalFlow.Engine.Intents;
using ApprovalFlow.Engine.Runtime;
using ApprovalFlow.Engine.State;
using Microsoft.Extensions.Time.Testing;

namespace ApprovalFlow.Engine.Tests.Support;

/// <summary>
/// An in-memory host for pure engine tests: holds instances, applies steps, follows call-activity
/// intents (start child, notify parent, propagate an error to the parent, cancel child) and checks
/// invariants after every step.
/// </summary>
public sealed class EngineWorld
{
    /// <summary>Working days with the default weekend, read in UTC so fixtures without an offset stay simple.</summary>
    private static readonly WorkingDayCalendar Calendar = new(new WorkingDayCalendarOptions { Zone = NodaTime.DateTimeZone.Utc });

    /// <summary>The evaluator every world uses unless given another: Jint with the business-calendar functions.</summary>
    public static readonly JintExpressionEvaluator Evaluator = new(BusinessCalendarFunctions.Create(Calendar));
    private readonly Dictionary<string, ExecutableProcess> _processes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ProcessInstanceState> _instances = new(StringComparer.Ordinal);
    private int _nextInstance = 1;

    public EngineWorld(params string[] fixtures)
        : this(null, null, fixtures)
    {
    }

    /// <summary>A world whose engine has <paramref name="options"/> and, when given, an evaluator made for the world's clock.</summary>
    public EngineWorld(EngineOptions? options, Func<FakeTimeProvider, IExpressionEvaluator>? evaluator, params string[] fixtures)
    {
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));
        Engine = new ProcessEngine(evaluator?.Invoke(Time) ?? Evaluator, Calendar, Time, options);
        foreach (var fixture in fixtures)
        {
            Deploy(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", fixture)));
        }
    }

    public FakeTimeProvider Time { get; }

    public ProcessEngine Engine { get; }

    public List<HistoryEvent> History { get; } = [];

    public List<EngineIntent> Intents { get; } = [];

    public IReadOnlyDictionary<string, ProcessInstanceState> Instances => _instances;

    public void Deploy(string xml)
    {
        var result = new BpmnParser().Parse(xml);
        Assert.True(result.IsValid, string.Join("\n", result.Errors.Select(e => $"{e.ElementId} {e.Line}:{e.Column} {e.Code} {e.Message}")));
        foreach (var process in result.Document!.Processes)
        {
            _processes[process.Id] = new ExecutableProcess(process);
        }
    }

    public Instance Start(string processId, object? variables = null, string? businessKey = null) =>
        new(this, StartInstance(processId, ToVariables(variables), businessKey, null, null));

    public ProcessInstanceState State(string instanceId) => _instances[instanceId];

    public IEnumerable<ProcessInstanceState> ChildrenOf(string instanceId) =>
        _instances.Values.Where(i => i.ParentInstanceId == instanceId);

    public static IReadOnlyDictionary<string, JsonElement>? ToVariables(object? variables) =>
        variables is null ? null : JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(JsonSerializer.Serialize(variables));

    /// <summary>
    /// Broadcasts a signal as the host does (BPMN 2.0.2 §10.5.5): each active instance but
    /// <paramref name="except"/> with subscriptions of the name receives it (those existing now), then each
    /// process with a signal start event of the name starts once there. Returns the instances started.
    /// </summary>
    public IReadOnlyList<Instance> BroadcastSignal(string name, IReadOnlyDictionary<string, JsonElement>? variables = null, string? except = null)
    {
        var waiting = _instances.Values
            .Where(i => i.InstanceId != except && i.Status == InstanceStatus.Active)
            .Select(i => (i.InstanceId, Ids: i.SignalSubscriptions.Where(s => s.SignalName == name).Select(s => s.Id).ToList()))
            .Where(w => w.Ids.Count > 0)
            .ToList();
        foreach (var (instanceId, ids) in waiting)
        {
            Execute(instanceId, new DeliverSignal(name, ids, variables));
        }

        var started = new List<Instance>();
        foreach (var process in _processes.Values)
        {
            foreach (var startId in process.Definition.SignalStartEventIds.Where(s => ((Bpmn.Model.StartEvent)process.Node(s)).Signal!.SignalName.Text == name))
            {
                started.Add(new Instance(this, StartInstance(process.Key, variables, null, null, null, startId)));
            }
        }

        return started;
    }

    internal string StartInstance(string processId, IReadOnlyDictionary<string, JsonElement>? variables, string? businessKey, string? parentInstanceId, string? parentExecutionId, string? startEventId = null)
    {
        var id = $"pi{_nextInstance++}";
        var result = Engine.Start(_processes[processId], new StartInstance(id, 1, businessKey, variables, parentInstanceId, parentExecutionId, startEventId));
        Apply(result);
        return id;
    }

    internal StepResult Execute(string instanceId, EngineCommand command)
    {
        var state = _instances[instanceId];
        var before = JsonSerializer.Serialize(state, EngineJson.Options);
        var result = Engine.Execute(_processes[state.DefinitionKey], state, command);
        Assert.Equal(before, JsonSerializer.Serialize(state, EngineJson.Options));
        if (result is StepResult.Applied applied)
        {
            Apply(applied);
        }

        return result;
    }

    private void Apply(StepResult.Applied result)
    {
        Invariants.Check(result.State);
        _instances[result.State.InstanceId] = result.State;
        History.AddRange(result.History);
        Intents.AddRange(result.Intents);
        foreach (var intent in result.Intents)
        {
            switch (intent)
            {
                case StartChildInstanceIntent start:
                    StartInstance(start.DefinitionKey, start.Variables, start.BusinessKey, result.State.InstanceId, start.ExecutionId);
                    break;
                case NotifyParentIntent notify:
                    Execute(notify.ParentInstanceId, new ChildInstanceCompleted(notify.ParentExecutionId, result.State.InstanceId, notify.Variables));
                    break;
                case PropagateErrorIntent error:
                    Execute(error.ParentInstanceId, new ChildInstanceThrewError(error.ParentExecutionId, result.State.InstanceId, error.ErrorCode, error.Origin, error.ErrorMessage));
                    break;
                case PropagateEscalationIntent escalation:
                    Execute(escalation.ParentInstanceId, new ChildInstanceEscalated(escalation.ParentExecutionId, result.State.InstanceId, escalation.EscalationCode, escalation.Origin));
                    break;
                case ThrowSignalIntent signal:
                    BroadcastSignal(signal.SignalName, signal.Variables, result.State.InstanceId);
                    break;
                case CancelChildInstanceIntent cancel:
                    var child = _instances.Values.Single(i => i.ParentInstanceId == result.State.InstanceId && i.ParentExecutionId == cancel.ExecutionId && i.Status == InstanceStatus.Active);
                    Execute(child.InstanceId, new CancelInstance(null, "parent cancelled"));
                    break;
            }
        }
    }
}
