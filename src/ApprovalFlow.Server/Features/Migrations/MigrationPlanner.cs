using System.Text.Json;
using ApprovalFlow.Engine.Migration;
using ApprovalFlow.Engine.Runtime;
using ApprovalFlow.Engine.State;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Runtime;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Features.Migrations;

/// <summary>The versions, node mapping and instances of one migration request.</summary>
/// <param name="Source">The version the instances run.</param>
/// <param name="Target">The version they move to.</param>
/// <param name="Mapping">The node mapping (defaults and overrides).</param>
/// <param name="Overrides">The explicit mapping given.</param>
/// <param name="Instances">The selected instances, oldest first (not tracked).</param>
public sealed record MigrationPlan(
    DeployedDefinition Source, DeployedDefinition Target, NodeMapping Mapping, IReadOnlyDictionary<string, string> Overrides, IReadOnlyList<ProcessInstanceRecord> Instances);

/// <summary>
/// Plans, previews (dry run) and starts migrations of running instances (<c>docs/migration.md</c>); the
/// batch itself runs in <see cref="MigrationJob"/>. Scoped.
/// </summary>
public sealed class MigrationPlanner(ApprovalFlowDbContext db, DefinitionCatalog catalog, ProcessEngine engine, IBackgroundJobClient jobs, TimeProvider time, Audit.AuditTrail audit)
{
    /// <summary>Resolves the request's versions, mapping and instances.</summary>
    /// <exception cref="MigrationRequestException">A key, version, node or instance does not exist, the versions are the same, or the mapping is invalid.</exception>
    public async Task<MigrationPlan> PlanAsync(MigrationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.DefinitionKey))
        {
            throw new MigrationRequestException(MigrationRequestCodes.DefinitionKeyRequired, MigrationRequestFields.DefinitionKey, "definitionKey is required.");
        }

        if (request.FromVersion == request.ToVersion)
        {
            throw new MigrationRequestException(MigrationRequestCodes.SameVersion, MigrationRequestFields.ToVersion, $"fromVersion and toVersion are both {request.FromVersion}: choose another target version.")
            {
                Version = request.ToVersion,
            };
        }

        var source = await VersionAsync(request.DefinitionKey, request.FromVersion, MigrationRequestFields.FromVersion, cancellationToken);
        var target = await VersionAsync(request.DefinitionKey, request.ToVersion, MigrationRequestFields.ToVersion, cancellationToken);
        var overrides = request.Mapping ?? new Dictionary<string, string>(StringComparer.Ordinal);
        NodeMapping mapping;
        try
        {
            mapping = NodeMapping.Create(source.Process, target.Process, overrides);
        }
        catch (InvalidMappingException e)
        {
            var code = e.Reason switch
            {
                InvalidMappingReason.UnknownSourceNode => MigrationRequestCodes.SourceNodeMissing,
                InvalidMappingReason.UnknownTargetNode => MigrationRequestCodes.TargetNodeMissing,
                _ => MigrationRequestCodes.OtherDefinition,
            };
            throw new MigrationRequestException(code, MigrationRequestFields.Mapping, e.Message, e)
            {
                Version = e.Reason == InvalidMappingReason.UnknownSourceNode ? source.Version : target.Version,
                SourceNodeId = e.SourceNodeId,
                TargetNodeId = e.TargetNodeId,
            };
        }

        var query = db.Instances.AsNoTracking().Where(i => i.DefinitionKey == source.Key);
        List<ProcessInstanceRecord> instances;
        if (request.InstanceIds is { Count: > 0 } ids)
        {
            instances = await query.Where(i => ids.Contains(i.Id)).OrderBy(i => i.StartedAt).ThenBy(i => i.Id).ToListAsync(cancellationToken);
            var missing = ids.Except(instances.Select(i => i.Id)).ToList();
            if (missing.Count > 0)
            {
                throw new MigrationRequestException(MigrationRequestCodes.InstanceMissing, MigrationRequestFields.InstanceIds, $"No instance of '{source.Key}' has the id {string.Join(", ", missing)}.")
                {
                    InstanceIds = missing,
                };
            }
        }
        else
        {
            instances = await query.Where(i => i.DefinitionVersion == source.Version && i.Status == InstanceStatus.Active)
                .OrderBy(i => i.StartedAt).ThenBy(i => i.Id).ToListAsync(cancellationToken);
        }

        return new MigrationPlan(source, target, mapping, new SortedDictionary<string, string>(overrides, StringComparer.Ordinal), instances);
    }

    /// <summary>
    /// What migrating each instance of <paramref name="plan"/> would do, with its running call-activity children (which
    /// stay on their own version); nothing is written.
    /// </summary>
    public async Task<MigrationPreviewResponse> PreviewAsync(MigrationPlan plan, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var ids = plan.Instances.Select(i => i.Id).ToList();
        var rows = await db.Tasks.AsNoTracking().Where(t => ids.Contains(t.InstanceId) && t.Status == UserTaskStatus.Open)
            .Select(t => new { t.InstanceId, t.EngineTaskId, t.Id, t.Name, t.Assignee })
            .ToListAsync(cancellationToken);
        var children = (await db.Instances.AsNoTracking()
            .Where(i => i.ParentInstanceId != null && ids.Contains(i.ParentInstanceId.Value) && i.Status == InstanceStatus.Active)
            .OrderBy(i => i.StartedAt).ThenBy(i => i.Id)
            .Select(i => new { i.Id, ParentId = i.ParentInstanceId!.Value, i.ParentExecutionId, i.DefinitionKey, i.DefinitionVersion, i.BusinessKey })
            .ToListAsync(cancellationToken)).ToLookup(c => c.ParentId);
        var previews = new List<InstancePreviewResponse>(plan.Instances.Count);
        foreach (var instance in plan.Instances)
        {
            var outcome = engine.Migrate(plan.Mapping, instance.State, actor);
            List<ChildInstanceResponse> childInstances = [.. children[instance.Id].Select(c => new ChildInstanceResponse(
                c.Id, c.DefinitionKey, c.DefinitionVersion, c.BusinessKey,
                Node(plan.Source, instance.State.Executions.Find(e => e.Id == c.ParentExecutionId)?.NodeId ?? string.Empty)))];
            previews.Add(outcome switch
            {
                MigrationOutcome.Migrated m => new InstancePreviewResponse(
                    instance.Id,
                    instance.BusinessKey,
                    true,
                    [.. m.Tokens.Select(t => new TokenMoveResponse(t.ExecutionId, Node(plan.Source, t.FromNodeId), Node(plan.Target, t.ToNodeId)))],
                    [.. m.KeptTasks.Select(id => rows.Find(r => r.InstanceId == instance.Id && r.EngineTaskId == id) is { } row
                        ? new KeptTaskResponse(row.Id, row.Name, row.Assignee)
                        : new KeptTaskResponse(null, instance.State.Tasks.Find(t => t.Id == id)?.Name, null))],
                    [.. m.ReplacedTasks.Select(r => m.Step.State.Tasks.Find(t => t.Id == r.CreatedTaskId) is { } created
                        ? Node(plan.Target, created.NodeId)
                        : new NodeResponse(string.Empty, null))],
                    m.CancelledTimers,
                    [.. m.ScheduledTimers.Select(t => new ScheduledTimerResponse(t.TimerId, t.NodeId, t.DueAt))],
                    [],
                    childInstances),
                MigrationOutcome.Refused r => new InstancePreviewResponse(
                    instance.Id, instance.BusinessKey, false, [], [], [], [], [],
                    [.. r.Problems.Select(p => Problem(plan.Source, p))],
                    childInstances),
                _ => throw new InvalidOperationException("Unknown migration outcome."),
            });
        }

        return new MigrationPreviewResponse(
            plan.Source.Key, plan.Source.Version, plan.Target.Version, plan.Overrides, previews.Count(p => p.Movable), previews.Count(p => !p.Movable), previews);
    }

    /// <summary>Records the migration with its instances (all pending) and enqueues its batch job.</summary>
    public async Task<MigrationRecord> StartAsync(MigrationPlan plan, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var now = time.GetUtcNow();
        var record = new MigrationRecord
        {
            Id = Guid.CreateVersion7(now),
            DefinitionKey = plan.Source.Key,
            FromVersion = plan.Source.Version,
            ToVersion = plan.Target.Version,
            Mapping = new Dictionary<string, string>(plan.Overrides, StringComparer.Ordinal),
            Status = MigrationStatus.Pending,
            Total = plan.Instances.Count,
            CreatedBy = actor,
            CreatedAt = now,
        };
        db.Set<MigrationRecord>().Add(record);
        db.Set<MigrationInstanceRecord>().AddRange(plan.Instances.Select(i => new MigrationInstanceRecord
        {
            MigrationId = record.Id, InstanceId = i.Id, BusinessKey = i.BusinessKey, Status = MigrationInstanceStatus.Pending,
        }));
        await audit.AddAsync(db, Audit.AuditActions.InstanceMigrate, record.Id.ToString(), new { key = record.DefinitionKey, from = record.FromVersion, to = record.ToVersion, instances = record.Total, mapping = record.Mapping }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        record.JobId = jobs.Enqueue<MigrationJob>(job => job.RunAsync(record.Id, CancellationToken.None));
        await db.SaveChangesAsync(cancellationToken);
        return record;
    }

    /// <summary>The migration with id <paramref name="id"/> and its instances, or <see langword="null"/>.</summary>
    public async Task<MigrationResponse?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        var record = await db.Set<MigrationRecord>().AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (record is null)
        {
            return null;
        }

        var instances = await db.Set<MigrationInstanceRecord>().AsNoTracking().Where(i => i.MigrationId == id)
            .OrderBy(i => i.FinishedAt == null).ThenBy(i => i.FinishedAt).ThenBy(i => i.InstanceId)
            .ToListAsync(cancellationToken);
        var source = instances.Exists(i => i.ProblemNodeId is not null) ? await catalog.FindAsync(record.DefinitionKey, record.FromVersion, cancellationToken) : null;
        return new MigrationResponse(
            record.Id, record.DefinitionKey, record.FromVersion, record.ToVersion, record.Mapping, Camel(record.Status.ToString()),
            record.Total, record.Migrated, record.Failed, record.Total - record.Migrated - record.Failed, record.CreatedBy, record.CreatedAt, record.FinishedAt,
            [.. instances.Select(i => new MigrationInstanceResponse(
                i.InstanceId, i.BusinessKey, Camel(i.Status.ToString()), i.Reason,
                i is { ProblemKind: { } kind, ProblemNodeId: { } node } ? new MigrationProblemResponse(kind, source is null ? new NodeResponse(node, null) : Node(source, node), i.Reason ?? string.Empty) : null,
                i.FinishedAt,
                i.ProblemKind))]);
    }

    private async Task<DeployedDefinition> VersionAsync(string key, int version, string field, CancellationToken cancellationToken)
    {
        try
        {
            return (version > 0 ? await catalog.FindAsync(key, version, cancellationToken) : null)
                ?? throw new MigrationRequestException(MigrationRequestCodes.VersionMissing, field, $"{field}: definition '{key}' has no version {version}.") { Version = version };
        }
        catch (DefinitionNotExecutableException e)
        {
            throw new MigrationRequestException(MigrationRequestCodes.VersionNotExecutable, field, $"{field}: version {version} of '{key}' is not executable (a documentation model); instances neither run on it nor move to it.", e)
            {
                Version = version,
            };
        }
    }

    internal static NodeResponse Node(DeployedDefinition definition, string nodeId) =>
        new(nodeId, definition.Process.Definition.Nodes.TryGetValue(nodeId, out var node) ? node.Name : null);

    private static MigrationProblemResponse Problem(DeployedDefinition source, MigrationProblem problem) =>
        new(Camel(problem.Kind.ToString()), Node(source, problem.NodeId), problem.Message);

    private static string Camel(string name) => JsonNamingPolicy.CamelCase.ConvertName(name);
}
