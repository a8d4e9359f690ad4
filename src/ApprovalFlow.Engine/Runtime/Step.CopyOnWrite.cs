using System.Globalization;
using ApprovalFlow.Engine.State;

namespace ApprovalFlow.Engine.Runtime;

/// <summary>
/// Copy on write: the working state starts out sharing every execution (and its local variables) with the
/// state the step was given. Every execution the step code holds comes from <see cref="Find"/>,
/// <see cref="Own"/> or <see cref="NewExecution"/> and is the step's own, so a step copies only the
/// executions it reaches, and a step that fails half-way leaves the given state as it was. Loops over the
/// list read only, or own an execution before they hand it on.
/// <para>
/// Lookups by id: the engine names executions <c>e</c> + <see cref="ProcessInstanceState.NextId"/> and appends
/// them, so the list is in the order of those numbers and a binary search finds an id with no index to build.
/// A state whose ids are not in that order (made by hand) gets a dictionary instead.
/// </para>
/// </summary>
internal sealed partial class Step
{
    private static long s_lastOwner;
    private readonly long _owner = Interlocked.Increment(ref s_lastOwner);

    /// <summary>Executions by id when their ids are not in list order; <see langword="null"/> when <see cref="Position"/> finds them.</summary>
    private readonly Dictionary<string, Execution>? _byId;

    /// <summary>The execution with that id, the step's own (see <see cref="Own"/>), or <see langword="null"/>.</summary>
    private Execution? Find(string executionId) => Peek(executionId) is { } execution ? Own(execution) : null;

    /// <summary>The execution with that id, the step's own (for the command that names it).</summary>
    /// <exception cref="KeyNotFoundException">No execution has that id.</exception>
    public Execution ExecutionById(string executionId) =>
        Find(executionId) ?? throw new KeyNotFoundException($"Execution '{executionId}' is not in instance '{State.InstanceId}'.");

    private Execution? Parent(Execution execution) =>
        execution.ParentId is null ? null : Find(execution.ParentId);

    /// <summary>
    /// The parent of an execution to read only: it may still be shared with the state the step was given, so
    /// nothing may change it or keep it (hand it on through <see cref="Own"/>).
    /// </summary>
    private Execution? ParentToRead(Execution execution) =>
        execution.ParentId is null ? null : Peek(execution.ParentId);

    /// <summary>The execution with that id to read only (as <see cref="ParentToRead"/>), or <see langword="null"/>.</summary>
    private Execution? Peek(string executionId)
    {
        if (_byId is not null)
        {
            return _byId.GetValueOrDefault(executionId);
        }

        var position = Position(executionId);
        return position < 0 ? null : State.Executions[position];
    }

    /// <summary>
    /// The step's own copy of an execution of its working state, made before the step's first change to it
    /// (the copy takes its place in the list); the execution itself when it is already the step's.
    /// </summary>
    /// <exception cref="InvalidOperationException">The execution is no longer in the working state (a stale reference: a bug).</exception>
    private Execution Own(Execution execution)
    {
        if (execution.Owner == _owner)
        {
            return execution;
        }

        var position = _byId is null ? Position(execution.Id) : State.Executions.IndexOf(execution);
        if (position < 0 || !ReferenceEquals(State.Executions[position], execution))
        {
            throw new InvalidOperationException($"Execution '{execution.Id}' of instance '{State.InstanceId}' is not in the step's working state.");
        }

        var copy = execution.Clone();
        copy.Owner = _owner;
        State.Executions[position] = copy;
        if (_byId is not null)
        {
            _byId[copy.Id] = copy;
        }

        return copy;
    }

    /// <summary>Where the execution with that id is in the list (binary search over the numbers of the ids), or -1.</summary>
    private int Position(string executionId)
    {
        if (Number(executionId) is not { } wanted)
        {
            return -1;
        }

        var executions = State.Executions;
        var low = 0;
        var high = executions.Count - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            var number = Number(executions[middle].Id)!.Value;
            if (number == wanted)
            {
                return executions[middle].Id == executionId ? middle : -1;
            }

            if (number < wanted)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return -1;
    }

    /// <summary>
    /// <see langword="null"/> when the ids of the state's executions are <c>e</c> + a number, increasing along
    /// the list and below <see cref="ProcessInstanceState.NextId"/> (so new ones keep the order); a dictionary by id otherwise.
    /// </summary>
    private static Dictionary<string, Execution>? IndexByIdUnlessInOrder(ProcessInstanceState state)
    {
        var previous = -1L;
        foreach (var execution in state.Executions)
        {
            if (Number(execution.Id) is not { } number || number <= previous)
            {
                previous = long.MaxValue;
                break;
            }

            previous = number;
        }

        if (previous < state.NextId)
        {
            return null;
        }

        var byId = new Dictionary<string, Execution>(state.Executions.Count + 8, StringComparer.Ordinal);
        foreach (var execution in state.Executions)
        {
            byId.Add(execution.Id, execution);
        }

        return byId;
    }

    /// <summary>The number of an id <c>e</c> + digits, or <see langword="null"/>.</summary>
    private static long? Number(string executionId) =>
        executionId.Length > 1 && executionId[0] == 'e'
        && long.TryParse(executionId.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;
}
