using ApprovalFlow.Engine.Calendar;
using ApprovalFlow.Engine.Commands;
using ApprovalFlow.Engine.Expressions;
using ApprovalFlow.Engine.History;
using ApprovalFlow.Engine.Migration;
using ApprovalFlow.Engine.State;

namespace ApprovalFlow.Engine.Runtime;

/// <summary>
/// The BPMN 2.0 token engine (architecture decision 2): one step takes an instance state and a
/// command and returns the new state, the intents the host must carry out, and history events. Pure:
/// no I/O; the clock is read once per step from the injected <see cref="TimeProvider"/>. Deterministic:
/// the same state, command and time give the same result. Thread-safe.
/// </summary>
/// <param name="evaluator">Evaluates <c>${...}</c> expressions and scripts.</param>
/// <param name="calendar">Turns periods into instants (timers, due dates).</param>
/// <param name="time">The clock.</param>
/// <param name="options">Settings; <see langword="null"/> for the defaults.</param>
/// <exception cref="ArgumentException">A setting is out of range (<see cref="EngineOptions.Validate"/>).</exception>
public sealed class ProcessEngine(IExpressionEvaluator evaluator, IBusinessCalendar calendar, TimeProvider time, EngineOptions? options = null)
{
    private readonly EngineOptions _options = Validated(options ?? new EngineOptions());

    /// <summary>Starts an instance of <paramref name="process"/> and runs it to its first wait states.</summary>
    /// <param name="process">The definition to run.</param>
    /// <param name="command">Instance id, business key, variables and parent link.</param>
    /// <returns>An <see cref="StepResult.Applied"/> with the new instance's state.</returns>
    /// <exception cref="ArgumentException">
    /// <see cref="StartInstance.StartEventId"/> is not a signal, message or timer start event of the process, or it is
    /// <see langword="null"/> and the process has no none start event (it starts by signals, messages or timers only).
    /// </exception>
    public StepResult.Applied Start(ExecutableProcess process, StartInstance command)
    {
        ArgumentNullException.ThrowIfNull(process);
        ArgumentNullException.ThrowIfNull(command);
        if (command.StartEventId is { } startEventId
            ? !process.Definition.SignalStartEventIds.Contains(startEventId) && !process.Definition.MessageStartEventIds.Contains(startEventId) && !process.Definition.TimerStartEventIds.Contains(startEventId)
            : process.Definition.StartEventId.Length == 0)
        {
            throw new ArgumentException(command.StartEventId is null
                ? $"Process '{process.Key}' has no none start event; it starts by its signal, message or timer start events only."
                : $"'{command.StartEventId}' is not a signal, message or timer start event of process '{process.Key}'.", nameof(command));
        }

        var state = new ProcessInstanceState
        {
            InstanceId = command.InstanceId,
            DefinitionKey = process.Key,
            DefinitionVersion = command.DefinitionVersion,
            BusinessKey = command.BusinessKey,
            ParentInstanceId = command.ParentInstanceId,
            ParentExecutionId = command.ParentExecutionId,
        };
        if (command.Variables is not null)
        {
            foreach (var (name, value) in command.Variables)
            {
                state.Variables[name] = value;
            }
        }

        var step = NewStep(process, state);
        step.StartInstance(command.StartEventId);
        step.Drain();
        return step.Result();
    }

    /// <summary>Applies one command to an instance.</summary>
    /// <param name="process">The definition the instance runs (its key and version).</param>
    /// <param name="state">The current state; not modified, also when the step throws.</param>
    /// <param name="command">The command.</param>
    /// <returns>
    /// <see cref="StepResult.Applied"/> with a new state, or <see cref="StepResult.NotApplicable"/>
    /// when the command aims at something that has moved on (nothing changes). The new state has its own
    /// lists and copies of the executions the step changed; it shares the other executions with
    /// <paramref name="state"/> (copy on write), so neither may be changed afterwards.
    /// </returns>
    /// <exception cref="ArgumentException">The state belongs to another definition.</exception>
    public StepResult Execute(ExecutableProcess process, ProcessInstanceState state, EngineCommand command)
    {
        ArgumentNullException.ThrowIfNull(process);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(command);
        if (state.DefinitionKey != process.Key)
        {
            throw new ArgumentException($"Instance '{state.InstanceId}' runs '{state.DefinitionKey}', not '{process.Key}'.", nameof(process));
        }

        if (state.Status != InstanceStatus.Active)
        {
            return new StepResult.NotApplicable(NotApplicableReason.InstanceNotActive, $"Instance '{state.InstanceId}' is {state.Status}.");
        }

        var notApplicable = Check(state, command);
        if (notApplicable is not null)
        {
            return notApplicable;
        }

        var step = NewStep(process, state.SharingExecutions());
        var working = step.State;
        switch (command)
        {
            case CompleteUserTask c:
                step.CompleteUserTask(working.Tasks.Find(t => t.Id == c.TaskId)!, c.Actor, c.Variables);
                break;
            case FireTimer c:
                step.FireTimer(working.Timers.Find(t => t.Id == c.TimerId)!);
                break;
            case CorrelateMessage c:
                step.DeliverMessage(working.Subscriptions.Find(s => s.MessageName == c.MessageName)!, c.Variables, c.Actor);
                break;
            case DeliverSignal c:
                step.DeliverSignal(c);
                break;
            case ChildInstanceEscalated c:
                step.ChildEscalated(step.ExecutionById(c.ExecutionId), c.ChildInstanceId, c.EscalationCode, c.Origin);
                break;
            case CompleteJob c:
                step.CompleteJob(working.Jobs.Find(j => j.Id == c.JobId)!, c.Variables);
                break;
            case FailJob c:
                step.FailJob(working.Jobs.Find(j => j.Id == c.JobId)!, c.ErrorMessage, c.Retries, c.RetryTimeout);
                break;
            case ThrowBpmnError c:
                step.ThrowJobError(working.Jobs.Find(j => j.Id == c.JobId)!, c.ErrorCode, c.ErrorMessage, c.Variables);
                break;
            case ChildInstanceCompleted c:
                step.CompleteCall(step.ExecutionById(c.ExecutionId), c.ChildInstanceId, c.Variables);
                break;
            case ChildInstanceThrewError c:
                step.ChildThrewError(step.ExecutionById(c.ExecutionId), c.ChildInstanceId, c.ErrorCode, c.Origin, c.ErrorMessage);
                break;
            case CancelInstance c:
                step.CancelInstance(c.Actor, c.Reason);
                break;
            case RetryIncident c:
                step.RetryIncident(working.Incidents.Find(i => i.Id == c.IncidentId)!, c.Variables, c.Actor);
                break;
            case WithdrawUserTask c:
                step.WithdrawUserTask(working.Tasks.Find(t => t.Id == c.TaskId)!, c.Message);
                break;
            case RefuseChildStart c:
                step.RefuseChildStart(step.ExecutionById(c.ExecutionId), c.Message);
                break;
            default:
                throw new ArgumentException($"Unknown command {command.GetType().Name}.", nameof(command));
        }

        step.Drain();
        return step.Result();
    }

    /// <summary>
    /// Migrates an instance to another version of its definition: each execution moves to its mapped
    /// node keeping the tree of executions, ids and variables; user tasks, jobs, timers and message
    /// subscriptions follow (<c>docs/migration.md</c>). Pure and deterministic: a dry run is the same call
    /// with the result not persisted.
    /// </summary>
    /// <param name="mapping">Source and target versions and the node mapping.</param>
    /// <param name="state">The instance on <see cref="NodeMapping.Source"/>; not modified.</param>
    /// <param name="actor">Who migrates it (recorded in history), or <see langword="null"/>.</param>
    /// <returns>
    /// <see cref="MigrationOutcome.Migrated"/> with the new state, intents and history, or
    /// <see cref="MigrationOutcome.Refused"/> naming each node that keeps the instance where it is.
    /// </returns>
    public MigrationOutcome Migrate(NodeMapping mapping, ProcessInstanceState state, string? actor)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(state);
        var problems = MigrationCheck.Problems(mapping, state);
        if (problems.Count > 0)
        {
            return new MigrationOutcome.Refused(problems);
        }

        var working = state.Clone();
        var moves = MigrationCheck.Rewrite(mapping, working);
        return NewStep(mapping.Target, working).Migrate(mapping, moves, actor);
    }

    /// <summary>The no-op result for a command whose target has moved on, or <see langword="null"/> when it applies.</summary>
    private static StepResult.NotApplicable? Check(ProcessInstanceState state, EngineCommand command) => command switch
    {
        CompleteUserTask c when !state.Tasks.Exists(t => t.Id == c.TaskId) =>
            new(NotApplicableReason.TaskNotFound, $"Task '{c.TaskId}' of instance '{state.InstanceId}' is not open."),
        WithdrawUserTask c when !state.Tasks.Exists(t => t.Id == c.TaskId) =>
            new(NotApplicableReason.TaskNotFound, $"Task '{c.TaskId}' of instance '{state.InstanceId}' is not open."),
        FireTimer c when !state.Timers.Exists(t => t.Id == c.TimerId) =>
            new(NotApplicableReason.TimerNotFound, $"Timer '{c.TimerId}' of instance '{state.InstanceId}' is not pending."),
        CorrelateMessage c when !state.Subscriptions.Exists(s => s.MessageName == c.MessageName) =>
            new(NotApplicableReason.NoSubscription, $"Instance '{state.InstanceId}' does not wait for message '{c.MessageName}'."),
        DeliverSignal c when !state.SignalSubscriptions.Exists(s => s.SignalName == c.SignalName && (c.SubscriptionIds is null || c.SubscriptionIds.Contains(s.Id))) =>
            new(NotApplicableReason.NoSubscription, $"Instance '{state.InstanceId}' does not wait for signal '{c.SignalName}'{(c.SubscriptionIds is null ? string.Empty : " on the subscriptions it was broadcast to")}."),
        ChildInstanceEscalated c when state.FindExecution(c.ExecutionId) is not { WaitingForChild: true } =>
            new(NotApplicableReason.ExecutionNotFound, $"No execution '{c.ExecutionId}' of instance '{state.InstanceId}' waits for a child instance."),
        CompleteJob c when !state.Jobs.Exists(j => j.Id == c.JobId) => JobGone(state, c.JobId),
        FailJob c when !state.Jobs.Exists(j => j.Id == c.JobId && !j.Failed) => JobGone(state, c.JobId),
        ThrowBpmnError c when !state.Jobs.Exists(j => j.Id == c.JobId) => JobGone(state, c.JobId),
        ChildInstanceCompleted c when state.FindExecution(c.ExecutionId) is not { WaitingForChild: true } =>
            new(NotApplicableReason.ExecutionNotFound, $"No execution '{c.ExecutionId}' of instance '{state.InstanceId}' waits for a child instance."),
        RefuseChildStart c when state.FindExecution(c.ExecutionId) is not { WaitingForChild: true } =>
            new(NotApplicableReason.ExecutionNotFound, $"No execution '{c.ExecutionId}' of instance '{state.InstanceId}' waits for a child instance."),
        ChildInstanceThrewError c when state.FindExecution(c.ExecutionId) is not { WaitingForChild: true } =>
            new(NotApplicableReason.ExecutionNotFound, $"No execution '{c.ExecutionId}' of instance '{state.InstanceId}' waits for a child instance."),
        RetryIncident c when !state.Incidents.Exists(i => i.Id == c.IncidentId) =>
            new(NotApplicableReason.IncidentNotFound, $"Incident '{c.IncidentId}' of instance '{state.InstanceId}' is not open."),
        _ => null,
    };

    private static StepResult.NotApplicable JobGone(ProcessInstanceState state, string jobId) =>
        new(NotApplicableReason.JobNotFound, $"Job '{jobId}' of instance '{state.InstanceId}' is not pending.");

    private static EngineOptions Validated(EngineOptions options)
    {
        options.Validate();
        return options;
    }

    private Step NewStep(ExecutableProcess process, ProcessInstanceState state) =>
        new(process, state, time.GetUtcNow(), evaluator, calendar, time, _options);
}
