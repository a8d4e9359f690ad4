using System.Text.Json;
using ApprovalFlow.Engine.State;

namespace ApprovalFlow.Engine.Runtime;

/// <summary>
/// The step's indexes over <see cref="ProcessInstanceState.Executions"/>: the number of children per scope
/// and of joining tokens per (scope, gateway); executions by id are found as <see cref="Find"/> says. Every
/// addition and removal of an execution goes through here, so a large fan-out costs O(log n) per lookup and
/// O(1) per scope check and join arrival instead of a scan of all executions.
/// </summary>
internal sealed partial class Step
{
    private readonly Dictionary<string, int> _children;
    private readonly Dictionary<(string? Scope, string Gateway), int> _joining = [];

    /// <summary>An upper bound of the executions that can have children (roots, multi-instance bodies and items, subprocess scopes), for sizing.</summary>
    private static int ScopeCount(List<Execution> executions)
    {
        var scopes = 0;
        foreach (var execution in executions)
        {
            if (execution.Kind != ExecutionKind.Token || execution.Status == ExecutionStatus.Scope)
            {
                scopes++;
            }
        }

        return scopes;
    }

    private void IndexExecutions()
    {
        foreach (var execution in State.Executions)
        {
            CountChild(execution);
            if (execution.Status == ExecutionStatus.Joining)
            {
                _joining[(execution.ParentId, execution.NodeId)] = JoiningCount(execution.ParentId, execution.NodeId) + 1;
            }
        }
    }

    private void Index(Execution execution)
    {
        _byId?.Add(execution.Id, execution);
        CountChild(execution);
    }

    private void CountChild(Execution execution)
    {
        if (execution.ParentId is { } parentId)
        {
            _children[parentId] = _children.GetValueOrDefault(parentId) + 1;
        }
    }

    /// <summary><see langword="true"/> while any execution has <paramref name="scopeId"/> as its parent.</summary>
    private bool HasChildren(string scopeId) => _children.GetValueOrDefault(scopeId) > 0;

    private Execution NewExecution(string? parentId, string nodeId, ExecutionKind kind)
    {
        var execution = new Execution { Id = NewId("e"), ParentId = parentId, NodeId = nodeId, Kind = kind, Owner = _owner };
        State.Executions.Add(execution);
        Index(execution);
        return execution;
    }

    private void RemoveExecution(Execution execution)
    {
        State.Executions.Remove(execution);
        Unindex(execution);
    }

    /// <summary>Removes several executions in one pass over the list.</summary>
    private void RemoveExecutions(List<Execution> executions)
    {
        if (executions.Count == 0)
        {
            return;
        }

        var removed = new HashSet<Execution>(executions, ReferenceEqualityComparer.Instance);
        State.Executions.RemoveAll(removed.Contains);
        foreach (var execution in executions)
        {
            Unindex(execution);
        }
    }

    private void Unindex(Execution execution)
    {
        _byId?.Remove(execution.Id);
        if (execution.ParentId is { } parentId)
        {
            _children[parentId] = _children.GetValueOrDefault(parentId) - 1;
        }

        ClearJoining(execution);
        if (State.Agenda.Count > 0)
        {
            State.Agenda.RemoveAll(entry => entry.ExecutionId == execution.Id);
        }
    }

    /// <summary>The token waits at a joining gateway.</summary>
    private void SetJoining(Execution execution)
    {
        if (execution.Status != ExecutionStatus.Joining)
        {
            execution.Status = ExecutionStatus.Joining;
            _joining[(execution.ParentId, execution.NodeId)] = JoiningCount(execution.ParentId, execution.NodeId) + 1;
        }
    }

    /// <summary>The token no longer waits at a joining gateway (it fired, or it is removed).</summary>
    private void ClearJoining(Execution execution)
    {
        if (execution.Status == ExecutionStatus.Joining)
        {
            execution.Status = ExecutionStatus.Waiting;
            _joining[(execution.ParentId, execution.NodeId)] = JoiningCount(execution.ParentId, execution.NodeId) - 1;
        }
    }

    /// <summary>Tokens of scope <paramref name="scopeId"/> waiting at gateway <paramref name="gatewayId"/>, on any incoming flow.</summary>
    private int JoiningCount(string? scopeId, string gatewayId) => _joining.GetValueOrDefault((scopeId, gatewayId));

    /// <summary>
    /// The variables visible to an execution: process scope, overridden by each enclosing local scope
    /// down to the execution (as <see cref="ProcessInstanceState.VisibleVariables"/>, through the index).
    /// </summary>
    private Dictionary<string, JsonElement> Visible(Execution execution)
    {
        var visible = new Dictionary<string, JsonElement>(State.Variables, StringComparer.Ordinal);
        List<Dictionary<string, JsonElement>>? scopes = null;
        for (var current = execution; current is not null; current = ParentToRead(current))
        {
            if (current.Variables is { } locals)
            {
                (scopes ??= []).Add(locals);
            }
        }

        for (var i = (scopes?.Count ?? 0) - 1; i >= 0; i--)
        {
            foreach (var (name, value) in scopes![i])
            {
                visible[name] = value;
            }
        }

        return visible;
    }
}
