using System.Globalization;
using System.Text;
using System.Text.Json;
using ApprovalFlow.Bpmn.Model;
using ApprovalFlow.Bpmn.Parsing;
using ApprovalFlow.Engine.Calendar;
using ApprovalFlow.Engine.Commands;
using ApprovalFlow.Engine.Expressions;
using ApprovalFlow.Engine.History;
using ApprovalFlow.Engine.Intents;
using ApprovalFlow.Engine.Runtime;
using ApprovalFlow.Engine.State;
using Microsoft.Extensions.Time.Testing;

namespace ApprovalFlow.Engine.Tests.Randomized;

/// <summary>Thrown when a randomized run breaks an invariant; the message says which, at which step.</summary>
internal sealed class InvariantViolation(string message) : Exception(message);

/// <summary>
/// Drives one instance of a generated process to its end with random commands (complete a user task,
/// fire a timer, complete or fail a job, correlate a message) chosen by a seeded <see cref="Random"/>,
/// checking the engine's invariants after every step. Deterministic per seed.
/// </summary>
internal sealed class RandomRun
{
    public const int MaxSteps = 2_000;

    private static readonly DateTimeOffset Epoch = new(2025, 1, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly JintExpressionEvaluator Evaluator = new();
    private static readonly CalendarDaysCalendar Calendar = new();
    private static readonly JsonElement[] Numbers = [.. Enumerable.Range(0, 100).Select(i => JsonSerializer.SerializeToElement(i))];

    private readonly GeneratedProcess _generated;
    private readonly ExecutableProcess _process;
    private readonly Random _random;
    private readonly FakeTimeProvider _time = new(Epoch);
    private readonly ProcessEngine _engine;
    private readonly bool _check;
    private readonly HostView _host = new();
    private readonly Dictionary<string, int> _nodeCounts = new(StringComparer.Ordinal);
    private readonly List<HistoryEvent> _history = [];
    private readonly StringBuilder _log = new();
    private bool _anyCancelled;
    private int _step;

    private RandomRun(GeneratedProcess generated, ExecutableProcess process, int seed, bool check)
    {
        _generated = generated;
        _process = process;
        _random = new Random(seed ^ 0x5eed);
        _engine = new ProcessEngine(Evaluator, Calendar, _time);
        _check = check;
    }

    /// <summary>The history of the whole run, in order.</summary>
    public IReadOnlyList<HistoryEvent> History => _history;

    /// <summary>How many commands were executed after the start.</summary>
    public int Steps => _step;

    /// <summary>The commands sent, one a line (for failure messages).</summary>
    public string Log => _log.ToString();

    /// <summary>Parses the generated XML (it must be valid) into an executable process.</summary>
    public static ExecutableProcess Prepare(GeneratedProcess generated)
    {
        var result = new BpmnParser().Parse(generated.Xml);
        if (!result.IsValid)
        {
            throw new InvariantViolation("The generated process does not pass the parser and validator:\n"
                + string.Join('\n', result.Errors.Select(e => e.ToString())));
        }

        return new ExecutableProcess(result.Document!.Process(generated.ProcessId));
    }

    /// <summary>A run of one instance; <paramref name="check"/> turns the per-step invariant checks on.</summary>
    public static RandomRun Create(GeneratedProcess generated, ExecutableProcess process, int seed, bool check) =>
        new(generated, process, seed, check);

    /// <summary>Runs the instance to completion.</summary>
    /// <exception cref="InvariantViolation">An invariant broke.</exception>
    public void Run()
    {
        var variables = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        for (var i = 1; i <= _generated.VariableCount; i++)
        {
            variables[$"r{i.ToString(CultureInfo.InvariantCulture)}"] = Numbers[_random.Next(100)];
        }

        variables["items"] = JsonSerializer.SerializeToElement(Enumerable.Range(1, _random.Next(4)).Select(i => $"user{i}").ToArray());
        _log.AppendLine(CultureInfo.InvariantCulture, $"start {JsonSerializer.Serialize(variables)}");
        var started = _engine.Start(_process, new StartInstance("instance-1", Variables: variables));
        var state = Apply(null, started);
        while (state.Status == InstanceStatus.Active)
        {
            if (++_step > MaxSteps)
            {
                throw new InvariantViolation($"The instance did not complete within {MaxSteps} steps.");
            }

            var command = ChooseCommand(state)
                ?? throw new InvariantViolation($"The instance is active but waits for nothing the driver can do (stuck token or join):\n{Serialize(state)}");
            _log.AppendLine(CultureInfo.InvariantCulture, $"{_step}: {Describe(command)}");
            var before = _check ? Serialize(state) : null;
            var result = _engine.Execute(_process, state, command);
            if (result is not StepResult.Applied applied)
            {
                throw new InvariantViolation($"Command {command} was not applicable: {result}.");
            }

            if (before is not null && Serialize(state) != before)
            {
                throw new InvariantViolation($"Command {command} mutated the input state.");
            }

            state = Apply(command, applied);
        }

        if (state.Status != InstanceStatus.Completed)
        {
            throw new InvariantViolation($"The instance ended {state.Status}, not Completed.");
        }

        if (state.Executions.Count + state.Tasks.Count + state.Timers.Count + state.Subscriptions.Count + state.SignalSubscriptions.Count + state.Jobs.Count + state.Incidents.Count > 0)
        {
            throw new InvariantViolation($"The instance completed with leftovers: {Serialize(state)}");
        }

        if (_check)
        {
            CheckJoinsAtEnd();
        }
    }

    private ProcessInstanceState Apply(EngineCommand? command, StepResult.Applied applied)
    {
        _history.AddRange(applied.History);
        if (!_check)
        {
            return applied.State;
        }

        var state = applied.State;
        foreach (var e in applied.History)
        {
            if (e.At != _time.GetUtcNow())
            {
                throw new InvariantViolation($"History event {e} is not stamped with the step's instant {_time.GetUtcNow():O}.");
            }

            Count(e);
        }

        _host.Apply(command, applied.Intents);
        _host.CheckMatches(state);
        CheckTree(state);
        CheckRoundTrip(state);
        CheckJoins(state);
        return state;
    }

    /// <summary>Picks a random available command, or <see langword="null"/> when nothing can be done.</summary>
    private EngineCommand? ChooseCommand(ProcessInstanceState state)
    {
        var choices = state.Tasks.Count + state.Timers.Count + state.Jobs.Count + state.Subscriptions.Count + state.SignalSubscriptions.Count;
        if (choices == 0)
        {
            return null;
        }

        var pick = _random.Next(choices);
        if (pick < state.Tasks.Count)
        {
            return new CompleteUserTask(state.Tasks[pick].Id, "user", RandomVariables());
        }

        pick -= state.Tasks.Count;
        if (pick < state.Timers.Count)
        {
            var timer = state.Timers[pick];
            if (timer.DueAt > _time.GetUtcNow())
            {
                _time.SetUtcNow(timer.DueAt);
            }

            return new FireTimer(timer.Id);
        }

        pick -= state.Timers.Count;
        if (pick < state.Jobs.Count)
        {
            var job = state.Jobs[pick];
            var errorCode = _process.Boundaries(job.NodeId).Select(b => b.Definition).OfType<ErrorEventDefinition>().FirstOrDefault()?.ErrorCode;
            return _random.Next(5) switch
            {
                0 when job.RetriesLeft > 0 => new FailJob(job.Id, "random failure"),
                1 or 2 when errorCode is not null => new ThrowBpmnError(job.Id, errorCode, "random error", RandomVariables()),
                _ => new CompleteJob(job.Id, RandomVariables()),
            };
        }

        pick -= state.Jobs.Count;
        if (pick < state.Subscriptions.Count)
        {
            return new CorrelateMessage(state.Subscriptions[pick].MessageName, RandomVariables());
        }

        // A broadcast signal: to this subscription, or to every subscription of its name.
        var signal = state.SignalSubscriptions[pick - state.Subscriptions.Count];
        return new DeliverSignal(signal.SignalName, _random.Next(2) == 0 ? [signal.Id] : null, RandomVariables(), DeliveryId: "driver");
    }

    /// <summary>Zero to two of the decision variables with new random values, or <see langword="null"/>.</summary>
    private Dictionary<string, JsonElement>? RandomVariables()
    {
        var count = _random.Next(3);
        if (count == 0)
        {
            return null;
        }

        var variables = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            variables[$"r{_random.Next(1, _generated.VariableCount + 1).ToString(CultureInfo.InvariantCulture)}"] = Numbers[_random.Next(100)];
        }

        return variables;
    }

    /// <summary>(a) and (b): every waiting thing has its execution, every execution its parent; no incidents.</summary>
    private static void CheckTree(ProcessInstanceState state)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var execution in state.Executions)
        {
            if (!ids.Add(execution.Id))
            {
                throw new InvariantViolation($"Execution id '{execution.Id}' appears twice.");
            }

            if (execution.Kind == ExecutionKind.Root ? execution.ParentId is not null : execution.ParentId is null || !ids.Contains(execution.ParentId))
            {
                throw new InvariantViolation($"Execution '{execution.Id}' at '{execution.NodeId}' has parent '{execution.ParentId}', which is not an earlier execution.");
            }

            if (execution.Status == ExecutionStatus.Incident)
            {
                throw new InvariantViolation($"Execution '{execution.Id}' at '{execution.NodeId}' is in an incident.");
            }
        }

        if (state.Status == InstanceStatus.Active && state.Executions.Count(e => e.Kind == ExecutionKind.Root) != 1)
        {
            throw new InvariantViolation("An active instance must have exactly one root execution.");
        }

        if (state.Incidents.Count > 0)
        {
            throw new InvariantViolation($"Incident raised: {string.Join("; ", state.Incidents.Select(i => $"{i.Kind} at {i.NodeId}: {i.Message}"))}");
        }

        foreach (var (what, executionId, nodeId) in state.Tasks.Select(t => ($"task {t.Id}", t.ExecutionId, (string?)t.NodeId))
            .Concat(state.Jobs.Select(j => ($"job {j.Id}", j.ExecutionId, (string?)j.NodeId)))
            .Concat(state.Timers.Select(t => ($"timer {t.Id}", t.ExecutionId, (string?)null)))
            .Concat(state.Subscriptions.Select(s => ($"subscription {s.Id}", s.ExecutionId, (string?)null)))
            .Concat(state.SignalSubscriptions.Select(s => ($"signal subscription {s.Id}", s.ExecutionId, (string?)null))))
        {
            var owner = state.FindExecution(executionId)
                ?? throw new InvariantViolation($"The {what} belongs to execution '{executionId}', which does not exist.");
            if (nodeId is not null && owner.NodeId != nodeId)
            {
                throw new InvariantViolation($"The {what} is for node '{nodeId}' but its execution '{executionId}' is at '{owner.NodeId}'.");
            }
        }
    }

    /// <summary>(c): serialise → deserialise → serialise gives the same text.</summary>
    private static void CheckRoundTrip(ProcessInstanceState state)
    {
        var json = Serialize(state);
        var again = Serialize(JsonSerializer.Deserialize<ProcessInstanceState>(json, EngineJson.Options)!);
        if (json != again)
        {
            throw new InvariantViolation($"The state does not round-trip through JSON:\n{json}\n{again}");
        }
    }

    private void Count(HistoryEvent e)
    {
        if (e.NodeId is null || e.Type is not (HistoryEventType.NodeEntered or HistoryEventType.NodeLeft or HistoryEventType.NodeCancelled))
        {
            return;
        }

        _anyCancelled |= e.Type == HistoryEventType.NodeCancelled || (e.Type == HistoryEventType.NodeEntered && Interrupts(e.NodeId));
        var key = $"{e.Type}:{e.NodeId}";
        _nodeCounts[key] = _nodeCounts.GetValueOrDefault(key) + 1;
    }

    /// <summary>
    /// A terminate end event or an interrupting event subprocess start removes the other tokens of its scope;
    /// those on a sequence flow at that moment are at no node, so no <c>NodeCancelled</c> records their removal.
    /// </summary>
    private bool Interrupts(string nodeId) => _process.Node(nodeId) switch
    {
        EndEvent { Kind: EndEventKind.Terminate } => true,
        StartEvent { IsInterrupting: true } start => _process.Definition.Nodes.GetValueOrDefault(start.ScopeId) is SubProcess { TriggeredByEvent: true },
        _ => false,
    };

    private int Counted(HistoryEventType type, string nodeId) => _nodeCounts.GetValueOrDefault($"{type}:{nodeId}");

    /// <summary>
    /// (d): a parallel join with k incoming flows has consumed k tokens per firing, so tokens entered
    /// − cancelled there − k × firings = tokens waiting there now; no join fires more often than its fork.
    /// </summary>
    private void CheckJoins(ProcessInstanceState state)
    {
        foreach (var pair in _generated.Pairs)
        {
            var forkLeft = Counted(HistoryEventType.NodeLeft, pair.ForkId);
            var joinLeft = Counted(HistoryEventType.NodeLeft, pair.JoinId);
            if (joinLeft > forkLeft)
            {
                throw new InvariantViolation($"Join '{pair.JoinId}' fired {joinLeft} times but its fork '{pair.ForkId}' only {forkLeft} times (early join).");
            }

            if (!pair.IsParallel)
            {
                continue;
            }

            var k = _process.Node(pair.JoinId).Incoming.Count;
            var entered = Counted(HistoryEventType.NodeEntered, pair.JoinId);
            var cancelled = Counted(HistoryEventType.NodeCancelled, pair.JoinId);
            var waiting = state.Executions.Count(e => e.NodeId == pair.JoinId && e.Status == ExecutionStatus.Joining);
            if (entered - cancelled - (k * joinLeft) != waiting)
            {
                throw new InvariantViolation(
                    $"Parallel join '{pair.JoinId}' (k={k}): entered {entered}, cancelled {cancelled}, fired {joinLeft}, but {waiting} tokens wait there.");
            }
        }
    }

    /// <summary>With nothing cancelled or interrupted during the run, every fork fired is matched by its join.</summary>
    private void CheckJoinsAtEnd()
    {
        if (_anyCancelled)
        {
            return;
        }

        foreach (var pair in _generated.Pairs)
        {
            var forkLeft = Counted(HistoryEventType.NodeLeft, pair.ForkId);
            var joinLeft = Counted(HistoryEventType.NodeLeft, pair.JoinId);
            if (forkLeft != joinLeft)
            {
                throw new InvariantViolation($"Fork '{pair.ForkId}' fired {forkLeft} times but join '{pair.JoinId}' {joinLeft} times, with no token cancelled.");
            }
        }
    }

    private static string Describe(EngineCommand command) => command switch
    {
        CompleteUserTask c => $"complete task {c.TaskId} {Json(c.Variables)}",
        FireTimer c => $"fire timer {c.TimerId}",
        CompleteJob c => $"complete job {c.JobId} {Json(c.Variables)}",
        FailJob c => $"fail job {c.JobId}",
        ThrowBpmnError c => $"throw {c.ErrorCode} from job {c.JobId} {Json(c.Variables)}",
        CorrelateMessage c => $"correlate {c.MessageName} {Json(c.Variables)}",
        DeliverSignal c => $"signal {c.SignalName} {(c.SubscriptionIds is null ? "all" : string.Join(",", c.SubscriptionIds))} {Json(c.Variables)}",
        _ => command.ToString(),
    };

    private static string Json(IReadOnlyDictionary<string, JsonElement>? variables) =>
        variables is null ? string.Empty : JsonSerializer.Serialize(variables);

    private static string Serialize(ProcessInstanceState state) => JsonSerializer.Serialize(state, EngineJson.Options);

    /// <summary>
    /// What a host that only follows the intents knows: open tasks, scheduled timers, subscriptions and
    /// jobs. It must always match the state, or the host would show stale tasks or fire dead timers.
    /// </summary>
    private sealed class HostView
    {
        private readonly SortedSet<string> _tasks = new(StringComparer.Ordinal);
        private readonly SortedSet<string> _timers = new(StringComparer.Ordinal);
        private readonly SortedSet<string> _subscriptions = new(StringComparer.Ordinal);
        private readonly SortedSet<string> _jobs = new(StringComparer.Ordinal);
        private readonly SortedSet<string> _signals = new(StringComparer.Ordinal);

        public void Apply(EngineCommand? command, IReadOnlyList<EngineIntent> intents)
        {
            // The command itself settles its target: the host marks the task done, the timer fired, the job finished.
            switch (command)
            {
                case CompleteUserTask c:
                    _tasks.Remove(c.TaskId);
                    break;
                case FireTimer c:
                    _timers.Remove(c.TimerId);
                    break;
                case CompleteJob c:
                    _jobs.Remove(c.JobId);
                    break;
                case ThrowBpmnError c:
                    _jobs.Remove(c.JobId);
                    break;
            }

            foreach (var intent in intents)
            {
                var ok = intent switch
                {
                    CreateUserTaskIntent i => _tasks.Add(i.Task.Id) && i.Task.Name?.Contains("${", StringComparison.Ordinal) != true,
                    CancelUserTaskIntent i => _tasks.Remove(i.TaskId),
                    ScheduleTimerIntent i => _timers.Add(i.TimerId),
                    CancelTimerIntent i => _timers.Remove(i.TimerId),
                    SubscribeMessageIntent i => _subscriptions.Add(i.SubscriptionId),
                    UnsubscribeMessageIntent i => _subscriptions.Remove(i.SubscriptionId),
                    SubscribeSignalIntent i => _signals.Add(i.SubscriptionId),
                    UnsubscribeSignalIntent i => _signals.Remove(i.SubscriptionId),
                    ThrowSignalIntent => true,
                    RunServiceTaskIntent i => _jobs.Add(i.JobId) || (command is FailJob f && f.JobId == i.JobId),
                    CancelServiceTaskIntent i => _jobs.Remove(i.JobId),
                    _ => throw new InvariantViolation($"Unexpected intent {intent}."),
                };
                if (!ok)
                {
                    throw new InvariantViolation($"Intent {intent} does not fit what the host knows (duplicate or unknown id) after {command?.ToString() ?? "start"}.");
                }
            }

        }

        public void CheckMatches(ProcessInstanceState state)
        {
            Same("tasks", _tasks, state.Tasks.Select(t => t.Id));
            Same("timers", _timers, state.Timers.Select(t => t.Id));
            Same("subscriptions", _subscriptions, state.Subscriptions.Select(s => s.Id));
            Same("jobs", _jobs, state.Jobs.Select(j => j.Id));
            Same("signal subscriptions", _signals, state.SignalSubscriptions.Select(s => s.Id));
        }

        private static void Same(string what, SortedSet<string> known, IEnumerable<string> actual)
        {
            var inState = new SortedSet<string>(actual, StringComparer.Ordinal);
            if (!known.SetEquals(inState))
            {
                throw new InvariantViolation(
                    $"The host's {what} from the intents [{string.Join(", ", known)}] differ from the state's [{string.Join(", ", inState)}].");
            }
        }
    }
}
