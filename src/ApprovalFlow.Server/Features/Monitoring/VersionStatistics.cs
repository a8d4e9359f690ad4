using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Runtime;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Features.Monitoring;

/// <summary>
/// The figures of a definition version's flow nodes, computed in PostgreSQL: tokens waiting at each node
/// now (from the running instances' state), open incidents, and the time tokens spent at each node from
/// history (a <c>NodeEntered</c> followed by the same execution's <c>NodeLeft</c> of that node). Does
/// not check access (the API and the page do). Scoped.
/// </summary>
public sealed class VersionStatistics(ApprovalFlowDbContext db, DefinitionCatalog catalog)
{
    /// <summary>The version <paramref name="version"/> of <paramref name="key"/>, or <see langword="null"/> when it was never deployed.</summary>
    /// <exception cref="InvalidOperationException">The stored version no longer parses.</exception>
    public async Task<DeployedDefinition?> FindVersionAsync(string key, int version, CancellationToken cancellationToken)
    {
        var id = await db.Definitions.AsNoTracking().Where(d => d.Key == key && d.Version == version).Select(d => (Guid?)d.Id).SingleOrDefaultAsync(cancellationToken);
        return id is { } found ? await catalog.GetAsync(found, cancellationToken) : null;
    }

    /// <summary>The figures of every flow node of <paramref name="definition"/>, in document order.</summary>
    /// <remarks>
    /// A token waits at a node while an execution of kind <c>Token</c> or <c>MultiInstanceItem</c> is there
    /// (a multi-instance activity with five open items counts five; its body does not count). Durations pair
    /// each entry with the next movement of the same execution (executions keep their id as they move), so
    /// loops give one pair per pass; a token removed without completing (<c>NodeCancelled</c>) is not counted.
    /// </remarks>
    public async Task<VersionStatisticsResponse> DescribeAsync(DeployedDefinition definition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var id = definition.Id;
        var waiting = await WaitingTokens(id).ToDictionaryAsync(n => n.NodeId, n => n.Count, StringComparer.Ordinal, cancellationToken);
        var incidents = await db.Incidents.AsNoTracking()
            .Where(i => i.ResolvedAt == null && db.Instances.Any(p => p.Id == i.InstanceId && p.DefinitionId == id))
            .GroupBy(i => i.NodeId).Select(g => new { NodeId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(n => n.NodeId, n => n.Count, StringComparer.Ordinal, cancellationToken);
        var durations = await Durations(id).ToDictionaryAsync(n => n.NodeId, StringComparer.Ordinal, cancellationToken);
        var running = await db.Instances.CountAsync(i => i.DefinitionId == id && i.Status == Engine.State.InstanceStatus.Active, cancellationToken);

        var nodes = definition.Process.Definition.Nodes.Values.OrderBy(n => n.Position.Line).ThenBy(n => n.Position.Column).Select(n =>
        {
            var timed = durations.GetValueOrDefault(n.Id);
            return new NodeStatistics(
                n.Id, n.Name, n.ElementType, waiting.GetValueOrDefault(n.Id), incidents.GetValueOrDefault(n.Id),
                timed?.Completed ?? 0, timed?.MedianSeconds, timed?.NinetiethSeconds);
        }).ToList();
        return new VersionStatisticsResponse(definition.Id, definition.Key, definition.Version, definition.Name, running, nodes);
    }

    /// <summary>
    /// Page <paramref name="page"/> (1-based, <paramref name="pageSize"/> rows) of the running instances of
    /// <paramref name="definition"/> with a token at <paramref name="nodeId"/>, the latest arrival first
    /// (then the newest instance), with the assignees of their open user tasks there.
    /// </summary>
    public async Task<WaitingInstancePage> WaitingAsync(DeployedDefinition definition, string nodeId, int page, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var id = definition.Id;
        var skip = (page - 1) * pageSize;
        var rows = await WaitingInstances(id, nodeId, skip, pageSize).ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.InstanceId).ToArray();
        var assigned = await db.Tasks.AsNoTracking()
            .Where(t => ids.Contains(t.InstanceId) && t.NodeId == nodeId && t.Status == UserTaskStatus.Open && t.Assignee != null)
            .Select(t => new { t.InstanceId, Assignee = t.Assignee!, t.Id })
            .ToListAsync(cancellationToken);
        var userIds = assigned.Select(a => a.Assignee).Distinct().ToArray();
        var names = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var items = rows.Select(r => new WaitingInstance(
            r.InstanceId, r.BusinessKey, r.Since ?? DateTimeOffset.MinValue, r.Tokens,
            [.. assigned.Where(a => a.InstanceId == r.InstanceId).OrderBy(a => a.Id).Select(a => a.Assignee).Distinct().Select(a => new WaitingAssignee(a, names.GetValueOrDefault(a) ?? a))]))
            .ToList();
        var total = rows.Count > 0 ? rows[0].Total : skip == 0 ? 0 : await CountWaitingAsync(id, nodeId, cancellationToken);
        return new WaitingInstancePage(items, total);
    }

    /// <summary>Tokens per node now across the running instances of version <paramref name="definitionId"/> (SQL over the state's <c>executions</c>).</summary>
    internal IQueryable<NodeCount> WaitingTokens(Guid definitionId) => db.Database.SqlQuery<NodeCount>($"""
            SELECT e."nodeId" AS node_id, count(*)::int AS count
            FROM approvalflow.process_instances i
            CROSS JOIN LATERAL jsonb_to_recordset(i.state->'executions') AS e("nodeId" text, kind text)
            WHERE i.definition_id = {definitionId} AND i.status = 'Active' AND e.kind IN ('Token', 'MultiInstanceItem')
            GROUP BY e."nodeId"
            """);

    /// <summary>Per node of version <paramref name="definitionId"/>: completed entries and the median and p90 of their durations in seconds.</summary>
    internal IQueryable<NodeDurations> Durations(Guid definitionId) => db.Database.SqlQuery<NodeDurations>($"""
            WITH moves AS (
                SELECT h.node_id, h.type, h.at,
                       lead(h.type) OVER w AS next_type, lead(h.node_id) OVER w AS next_node, lead(h.at) OVER w AS next_at
                FROM approvalflow.process_instances i
                JOIN approvalflow.history_events h ON h.instance_id = i.id
                WHERE i.definition_id = {definitionId} AND h.type IN ('NodeEntered', 'NodeLeft', 'NodeCancelled')
                WINDOW w AS (PARTITION BY h.instance_id, h.execution_id ORDER BY h.sequence)
            )
            SELECT node_id, count(*)::int AS completed,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM next_at - at)::float8) AS median_seconds,
                   percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM next_at - at)::float8) AS ninetieth_seconds
            FROM moves
            WHERE type = 'NodeEntered' AND next_type = 'NodeLeft' AND next_node = node_id
            GROUP BY node_id
            """);

    /// <summary>One page of the running instances of version <paramref name="definitionId"/> with tokens at <paramref name="nodeId"/>, each with the count of all of them.</summary>
    internal IQueryable<WaitingRow> WaitingInstances(Guid definitionId, string nodeId, int skip, int take) => db.Database.SqlQuery<WaitingRow>($"""
            WITH waiting AS (
                SELECT i.id, i.business_key, t.tokens
                FROM approvalflow.process_instances i
                CROSS JOIN LATERAL (
                    SELECT count(*)::int AS tokens FROM jsonb_to_recordset(i.state->'executions') AS e("nodeId" text, kind text)
                    WHERE e."nodeId" = {nodeId} AND e.kind IN ('Token', 'MultiInstanceItem')) t
                WHERE i.definition_id = {definitionId} AND i.status = 'Active' AND t.tokens > 0
            )
            SELECT w.id AS instance_id, w.business_key AS business_key, w.tokens AS tokens, count(*) OVER ()::int AS total,
                   (SELECT max(h.at) FROM approvalflow.history_events h WHERE h.instance_id = w.id AND h.node_id = {nodeId} AND h.type = 'NodeEntered') AS since
            FROM waiting w
            ORDER BY since DESC NULLS LAST, w.id DESC
            OFFSET {skip} LIMIT {take}
            """);

    private Task<int> CountWaitingAsync(Guid definitionId, string nodeId, CancellationToken cancellationToken) =>
        db.Database.SqlQuery<int>($"""
            SELECT count(*)::int AS "Value" FROM approvalflow.process_instances i
            WHERE i.definition_id = {definitionId} AND i.status = 'Active'
              AND EXISTS (SELECT 1 FROM jsonb_to_recordset(i.state->'executions') AS e("nodeId" text, kind text) WHERE e."nodeId" = {nodeId} AND e.kind IN ('Token', 'MultiInstanceItem'))
            """).SingleAsync(cancellationToken);

    /// <summary>Tokens at a node.</summary>
    internal sealed record NodeCount(string NodeId, int Count);

    /// <summary>Completed entries of a node and the median and p90 of their durations (seconds).</summary>
    internal sealed record NodeDurations(string NodeId, int Completed, double? MedianSeconds, double? NinetiethSeconds);

    /// <summary>An instance waiting at a node, with the count of all of them.</summary>
    internal sealed record WaitingRow(Guid InstanceId, string? BusinessKey, int Tokens, int Total, DateTimeOffset? Since);
}
