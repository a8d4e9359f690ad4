using ApprovalFlow.Engine.Migration;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Runtime;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Features.Migrations;

/// <summary>
/// The Hangfire batch job of a migration: each pending instance through the engine in its own
/// transaction (<see cref="InstanceRunner.MigrateAsync"/>, retried when a user command on the instance
/// commits first); a refused or failing instance stays on its version with the reason recorded.
/// Re-running it handles only the instances still pending.
/// </summary>
public sealed partial class MigrationJob(IServiceScopeFactory scopes, DefinitionCatalog catalog, InstanceRunner runner, TimeProvider time, ILogger<MigrationJob> logger)
{
    /// <summary>Runs migration <paramref name="migrationId"/> to its end.</summary>
    /// <exception cref="InvalidOperationException">A version of the migration is no longer deployed.</exception>
    public async Task RunAsync(Guid migrationId, CancellationToken cancellationToken)
    {
        MigrationRecord? record;
        List<MigrationInstanceRecord> pending;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
            record = await db.Set<MigrationRecord>().SingleOrDefaultAsync(m => m.Id == migrationId, cancellationToken);
            if (record is null || record.Status == MigrationStatus.Done)
            {
                return;
            }

            record.Status = MigrationStatus.Running;
            await db.SaveChangesAsync(cancellationToken);
            pending = await db.Set<MigrationInstanceRecord>().AsNoTracking()
                .Where(i => i.MigrationId == migrationId && i.Status == MigrationInstanceStatus.Pending)
                .OrderBy(i => i.InstanceId).ToListAsync(cancellationToken);
        }

        var source = await catalog.FindAsync(record.DefinitionKey, record.FromVersion, cancellationToken)
            ?? throw new InvalidOperationException($"Version {record.FromVersion} of '{record.DefinitionKey}' is no longer deployed.");
        var target = await catalog.FindAsync(record.DefinitionKey, record.ToVersion, cancellationToken)
            ?? throw new InvalidOperationException($"Version {record.ToVersion} of '{record.DefinitionKey}' is no longer deployed.");
        var mapping = NodeMapping.Create(source.Process, target.Process, record.Mapping);
        LogStarted(logger, migrationId, record.DefinitionKey, record.FromVersion, record.ToVersion, pending.Count);
        foreach (var row in pending)
        {
            var (reason, problem, code) = await MigrateOneAsync(row, mapping, target, record.CreatedBy, cancellationToken);
            if (reason is not null)
            {
                LogRefused(logger, row.InstanceId, migrationId, reason);
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
                Mark(db, row, MigrationInstanceStatus.Failed, reason, problem, code);
                await db.SaveChangesAsync(cancellationToken);
            }

            await CountAsync(migrationId, done: false, cancellationToken);
        }

        await CountAsync(migrationId, done: true, cancellationToken);
        LogFinished(logger, migrationId);
    }

    /// <summary>
    /// Migrates one instance; returns why it stays on its version (and the engine's first problem, if it refused, or
    /// the job's own code of the reason), or <see langword="null"/> when it moved.
    /// </summary>
    private async Task<(string? Reason, MigrationProblem? Problem, string? Code)> MigrateOneAsync(MigrationInstanceRecord row, NodeMapping mapping, DeployedDefinition target, string actor, CancellationToken cancellationToken)
    {
        try
        {
            var outcome = await runner.MigrateAsync(row.InstanceId, mapping, target, actor, db => Mark(db, row, MigrationInstanceStatus.Migrated, null, null, null), cancellationToken);
            return outcome switch
            {
                null => ($"Instance {row.InstanceId} no longer exists.", null, MigrationReasonCodes.InstanceGone),
                MigrationOutcome.Refused refused => (string.Join(" ", refused.Problems.Select(p => p.Message)), refused.Problems[0], null),
                _ => (null, null, null),
            };
        }
        catch (CalledDefinitionMissingException e)
        {
            return (e.Message, null, MigrationReasonCodes.CalledDefinitionMissing);
        }
        catch (DbUpdateException e)
        {
            return ($"The instance could not be saved on version {target.Version}: {e.InnerException?.Message ?? e.Message}", null, MigrationReasonCodes.SaveFailed);
        }
    }

    private void Mark(ApprovalFlowDbContext db, MigrationInstanceRecord row, MigrationInstanceStatus status, string? reason, MigrationProblem? problem, string? code)
    {
        var tracked = new MigrationInstanceRecord { MigrationId = row.MigrationId, InstanceId = row.InstanceId, BusinessKey = row.BusinessKey, Status = MigrationInstanceStatus.Pending };
        db.Attach(tracked);
        tracked.Status = status;
        tracked.Reason = reason is { Length: > 4000 } ? reason[..4000] : reason;
        tracked.ProblemKind = problem is null ? code : System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(problem.Kind.ToString());
        tracked.ProblemNodeId = problem?.NodeId;
        tracked.FinishedAt = time.GetUtcNow();
    }

    /// <summary>Stores the counts of migrated and failed instances and, at the end, the migration as done.</summary>
    private async Task CountAsync(Guid migrationId, bool done, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
        var record = await db.Set<MigrationRecord>().SingleAsync(m => m.Id == migrationId, cancellationToken);
        var counts = await db.Set<MigrationInstanceRecord>().Where(i => i.MigrationId == migrationId)
            .GroupBy(i => i.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        record.Migrated = counts.Find(c => c.Key == MigrationInstanceStatus.Migrated)?.Count ?? 0;
        record.Failed = counts.Find(c => c.Key == MigrationInstanceStatus.Failed)?.Count ?? 0;
        if (done)
        {
            record.Status = MigrationStatus.Done;
            record.FinishedAt = time.GetUtcNow();
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Migration {MigrationId} of {DefinitionKey} v{FromVersion} to v{ToVersion} started for {Count} instances")]
    private static partial void LogStarted(ILogger logger, Guid migrationId, string definitionKey, int fromVersion, int toVersion, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Instance {InstanceId} stays on its version in migration {MigrationId}: {Reason}")]
    private static partial void LogRefused(ILogger logger, Guid instanceId, Guid migrationId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Migration {MigrationId} finished")]
    private static partial void LogFinished(ILogger logger, Guid migrationId);
}
