using ApprovalFlow.Engine.Migration;
using ApprovalFlow.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Runtime;

/// <summary>Instance migration through the runner: the same transaction and optimistic concurrency as a command.</summary>
public sealed partial class InstanceRunner
{
    /// <summary>
    /// Migrates instance <paramref name="instanceId"/> by <paramref name="mapping"/> and commits it in one
    /// transaction: the instance row (now on <paramref name="target"/>), inbox rows, timers, subscriptions,
    /// history, outbox, and what <paramref name="alsoWrite"/> adds. A concurrent commit on the instance
    /// (a user completing a task meanwhile) makes it run again on the fresh state.
    /// </summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="mapping">The versions and node mapping (<see cref="NodeMapping"/>).</param>
    /// <param name="target">The target version as deployed (its <see cref="DeployedDefinition.Process"/> is <see cref="NodeMapping.Target"/>).</param>
    /// <param name="actor">Who migrates it (recorded in history).</param>
    /// <param name="alsoWrite">Adds rows of the caller to the same unit of work when the instance migrates.</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    /// <returns>The engine's outcome (refused: nothing was written), or <see langword="null"/> when the instance does not exist.</returns>
    /// <exception cref="CalledDefinitionMissingException">A task created at a mapped node needs an undeployed process (nothing is committed).</exception>
    public async Task<MigrationOutcome?> MigrateAsync(
        Guid instanceId, NodeMapping mapping, DeployedDefinition target, string? actor, Action<ApprovalFlowDbContext> alsoWrite, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(alsoWrite);
        var wroteOutbox = false;
        var outcome = await _retry.ExecuteAsync(
            async token =>
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
                var record = await db.Instances.SingleOrDefaultAsync(i => i.Id == instanceId, token);
                if (record is null)
                {
                    return null;
                }

                var result = engine.Migrate(mapping, record.State, actor);
                if (result is MigrationOutcome.Migrated migrated)
                {
                    var writer = new StepWriter(db, engine, catalog, topics, time.GetUtcNow());
                    record.DefinitionId = target.Id;
                    record.DefinitionVersion = target.Version;
                    await writer.ApplyAsync(record, target, migrated.Step, token);
                    alsoWrite(db);
                    await db.SaveChangesAsync(token);
                    wroteOutbox = writer.WroteOutbox;
                }

                return result;
            },
            cancellationToken);
        if (wroteOutbox)
        {
            signal.Notify();
        }

        return outcome;
    }
}
