using System.Text.Json;

namespace ApprovalFlow.Engine.State;

/// <summary>
/// The whole state of one process instance as plain data: its tree of executions, process
/// variables, open user tasks, timers, message, signal and conditional subscriptions, jobs and incidents. Round-trips through
/// System.Text.Json (<see cref="EngineJson.Options"/>) unchanged. The engine never mutates a state it
/// is given: each step works on a copy of its lists that shares the executions, and copies an execution
/// only before changing it. Not thread-safe.
/// </summary>
public sealed class ProcessInstanceState
{
    /// <summary>The instance id chosen by the host.</summary>
    public required string InstanceId { get; set; }

    /// <summary>The process definition key (the BPMN process id).</summary>
    public required string DefinitionKey { get; set; }

    /// <summary>The deployed definition version the instance runs.</summary>
    public int DefinitionVersion { get; set; }

    /// <summary>The business key, or <see langword="null"/>.</summary>
    public string? BusinessKey { get; set; }

    /// <summary>Life-cycle status.</summary>
    public InstanceStatus Status { get; set; }

    /// <summary>For a child started by a call activity: the parent instance id; otherwise <see langword="null"/>.</summary>
    public string? ParentInstanceId { get; set; }

    /// <summary>For a child: the parent's call-activity execution to resume; otherwise <see langword="null"/>.</summary>
    public string? ParentExecutionId { get; set; }

    /// <summary>The next number for instance-local ids (deterministic: no random ids inside a step).</summary>
    public long NextId { get; set; } = 1;

    /// <summary>Process-scope variables.</summary>
    public Dictionary<string, JsonElement> Variables { get; set; } = new(StringComparer.Ordinal);

    /// <summary>All executions, parents before children, in creation order.</summary>
    public List<Execution> Executions { get; set; } = [];

    /// <summary>Open user tasks in creation order.</summary>
    public List<OpenUserTask> Tasks { get; set; } = [];

    /// <summary>Scheduled timers in creation order.</summary>
    public List<PendingTimer> Timers { get; set; } = [];

    /// <summary>Message subscriptions in creation order.</summary>
    public List<MessageSubscription> Subscriptions { get; set; } = [];

    /// <summary>Signal subscriptions in creation order.</summary>
    public List<SignalSubscription> SignalSubscriptions { get; set; } = [];

    /// <summary>Conditional event subscriptions in creation order.</summary>
    public List<ConditionalSubscription> ConditionalSubscriptions { get; set; } = [];

    /// <summary>Service-task jobs not yet completed.</summary>
    public List<ServiceJob> Jobs { get; set; } = [];

    /// <summary>Open incidents.</summary>
    public List<Incident> Incidents { get; set; } = [];

    /// <summary>
    /// Work left over when a step ran out of its work budget, in the order it was queued; empty
    /// otherwise. Run again by retrying the instance's <see cref="IncidentKind.WorkBudget"/> incident.
    /// </summary>
    public List<AgendaEntry> Agenda { get; set; } = [];

    /// <summary>A deep copy (variable values are immutable and shared).</summary>
    public ProcessInstanceState Clone()
    {
        var executions = new List<Execution>(Executions.Count + 4);
        foreach (var execution in Executions)
        {
            executions.Add(execution.Clone());
        }

        return CopyWith(executions);
    }

    /// <summary>
    /// A copy of the lists and process variables that shares the executions themselves: a step's working
    /// state, in which the step copies each execution before its first change to it.
    /// </summary>
    internal ProcessInstanceState SharingExecutions()
    {
        var executions = new List<Execution>(Executions.Count + 4);
        executions.AddRange(Executions);
        return CopyWith(executions);
    }

    private ProcessInstanceState CopyWith(List<Execution> executions) =>
        new()
        {
            InstanceId = InstanceId,
            DefinitionKey = DefinitionKey,
            DefinitionVersion = DefinitionVersion,
            BusinessKey = BusinessKey,
            Status = Status,
            ParentInstanceId = ParentInstanceId,
            ParentExecutionId = ParentExecutionId,
            NextId = NextId,
            Variables = new Dictionary<string, JsonElement>(Variables, StringComparer.Ordinal),
            Executions = executions,
            Tasks = [.. Tasks],
            Timers = [.. Timers],
            Subscriptions = [.. Subscriptions],
            SignalSubscriptions = [.. SignalSubscriptions],
            ConditionalSubscriptions = [.. ConditionalSubscriptions],
            Jobs = [.. Jobs],
            Incidents = [.. Incidents],
            Agenda = [.. Agenda],
        };

    /// <summary>The execution with id <paramref name="executionId"/>, or <see langword="null"/>.</summary>
    public Execution? FindExecution(string executionId)
    {
        foreach (var execution in Executions)
        {
            if (execution.Id == executionId)
            {
                return execution;
            }
        }

        return null;
    }

    /// <summary>
    /// The variables visible to an execution: process scope, overridden by each enclosing local scope
    /// down to the execution. Returns a new dictionary.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No execution has that id.</exception>
    public Dictionary<string, JsonElement> VisibleVariables(string executionId)
    {
        var chain = new List<Execution>();
        for (var current = FindExecution(executionId) ?? throw new KeyNotFoundException($"Execution '{executionId}' is not in instance '{InstanceId}'.");
             current is not null;
             current = current.ParentId is null ? null : FindExecution(current.ParentId))
        {
            chain.Add(current);
        }

        var visible = new Dictionary<string, JsonElement>(Variables, StringComparer.Ordinal);
        for (var i = chain.Count - 1; i >= 0; i--)
        {
            if (chain[i].Variables is { } locals)
            {
                foreach (var (name, value) in locals)
                {
                    visible[name] = value;
                }
            }
        }

        return visible;
    }
}
