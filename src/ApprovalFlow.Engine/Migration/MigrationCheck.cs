using ApprovalFlow.Bpmn.Model;
using ApprovalFlow.Engine.State;

namespace ApprovalFlow.Engine.Migration;

/// <summary>
/// The pure part of a migration that needs no engine: why an instance cannot move, and the rewrite of
/// its executions onto the target's nodes (keeping the tree of executions: ids and parents do not change).
/// </summary>
internal static class MigrationCheck
{
    /// <summary>Every reason <paramref name="state"/> cannot move by <paramref name="mapping"/>, deduplicated, in execution order; empty when it can.</summary>
    public static List<MigrationProblem> Problems(NodeMapping mapping, ProcessInstanceState state)
    {
        var source = mapping.Source;
        var target = mapping.Target;
        var problems = new List<MigrationProblem>();
        if (state.Status != InstanceStatus.Active)
        {
            problems.Add(new(MigrationProblemKind.NotMigratable, state.DefinitionKey, $"Instance '{state.InstanceId}' is {state.Status}; only active instances migrate."));
            return problems;
        }

        if (state.DefinitionKey != source.Key || state.DefinitionVersion != source.Version)
        {
            problems.Add(new(MigrationProblemKind.NotMigratable, state.DefinitionKey,
                $"Instance '{state.InstanceId}' runs version {state.DefinitionVersion} of '{state.DefinitionKey}', not version {source.Version} of '{source.Key}'."));
            return problems;
        }

        foreach (var incident in state.Incidents)
        {
            Add(problems, new(MigrationProblemKind.OpenIncident, incident.NodeId,
                $"{Describe(source, incident.NodeId)} has an open incident ({incident.Message}); resolve it before migrating."));
        }

        var byId = state.Executions.ToDictionary(e => e.Id, StringComparer.Ordinal);
        foreach (var execution in state.Executions)
        {
            if (execution.Kind == ExecutionKind.Root)
            {
                continue;
            }

            var from = source.Node(execution.NodeId);
            if (mapping.TargetOf(from.Id) is not { } toId)
            {
                Add(problems, new(MigrationProblemKind.Unmapped, from.Id,
                    $"{Describe(source, from.Id)} has a token but no node in version {target.Version}; map it to one."));
                continue;
            }

            var to = target.Node(toId);
            if (!NodeMapping.Compatible(from, to))
            {
                Add(problems, new(MigrationProblemKind.IncompatibleKind, from.Id,
                    $"{Describe(source, from.Id)} ({Kind(from)}) is mapped to '{to.Id}' ({Kind(to)}) of version {target.Version}; a token cannot wait there."));
                continue;
            }

            if (execution.Kind != ExecutionKind.MultiInstanceItem && byId[execution.ParentId!] is var parent
                && ExpectedScope(mapping, parent) is { } scope && to.ScopeId != scope)
            {
                Add(problems, new(MigrationProblemKind.ScopeMismatch, from.Id,
                    $"{Describe(source, from.Id)} is inside '{ScopeName(source, parent)}', which becomes '{scope}' in version {target.Version}, but '{to.Id}' is inside '{to.ScopeId}' there."));
                continue;
            }

            if (execution.Status == ExecutionStatus.Joining && !ArrivesAt(target, execution.ArrivedVia, toId))
            {
                Add(problems, new(MigrationProblemKind.JoinFlowMissing, from.Id,
                    $"{Describe(source, from.Id)} has a token waiting to join that arrived by '{execution.ArrivedVia}', which does not lead to '{toId}' in version {target.Version}."));
            }
        }

        return problems;
    }

    /// <summary>
    /// Puts every execution of <paramref name="state"/> (a private copy, already checked) on its target
    /// node and the state on the target version.
    /// </summary>
    /// <returns>Each non-root execution with its source and target node, in execution order.</returns>
    public static List<TokenMove> Rewrite(NodeMapping mapping, ProcessInstanceState state)
    {
        var moves = new List<TokenMove>();
        foreach (var execution in state.Executions)
        {
            if (execution.Kind == ExecutionKind.Root)
            {
                execution.NodeId = mapping.Target.Key;
                continue;
            }

            var to = mapping.TargetOf(execution.NodeId)!;
            moves.Add(new TokenMove(execution.Id, execution.NodeId, to));
            execution.NodeId = to;
            if (!ArrivesAt(mapping.Target, execution.ArrivedVia, to))
            {
                execution.ArrivedVia = null;
            }
        }

        state.DefinitionVersion = mapping.Target.Version;
        return moves;
    }

    /// <summary>The target scope a child of <paramref name="parent"/> must be in, or <see langword="null"/> when the parent itself is unmapped (reported already).</summary>
    private static string? ExpectedScope(NodeMapping mapping, Execution parent) =>
        parent.Kind == ExecutionKind.Root ? mapping.Target.Key : mapping.TargetOf(parent.NodeId);

    private static bool ArrivesAt(Runtime.ExecutableProcess target, string? flowId, string nodeId) =>
        flowId is not null && target.Definition.Flows.TryGetValue(flowId, out var flow) && flow.TargetRef == nodeId;

    private static void Add(List<MigrationProblem> problems, MigrationProblem problem)
    {
        if (!problems.Exists(p => p.Kind == problem.Kind && p.NodeId == problem.NodeId))
        {
            problems.Add(problem);
        }
    }

    private static string ScopeName(Runtime.ExecutableProcess source, Execution parent) =>
        parent.Kind == ExecutionKind.Root ? source.Key : parent.NodeId;

    private static string Describe(Runtime.ExecutableProcess process, string nodeId) =>
        process.Definition.Nodes.TryGetValue(nodeId, out var node) && node.Name is { } name ? $"Node '{nodeId}' ({name})" : $"Node '{nodeId}'";

    private static string Kind(FlowNode node) => node.ElementType + (node is Activity { MultiInstance: not null } ? ", multi-instance" : string.Empty);
}
