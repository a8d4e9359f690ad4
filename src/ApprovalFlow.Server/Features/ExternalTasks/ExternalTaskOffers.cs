using ApprovalFlow.Engine.Intents;
using ApprovalFlow.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Features.ExternalTasks;

/// <summary>
/// Writes the engine's service-task intents for external topics into the step's unit of work (called by the
/// runtime's step writer): a new job becomes a fetchable row with its <c>camunda:taskPriority</c>; a retry (after a failure or an incident) makes the
/// same row fetchable again from its <see cref="RunServiceTaskIntent.NotBefore"/>; a cancelled job's row goes.
/// </summary>
internal static class ExternalTaskOffers
{
    /// <summary>Offers <paramref name="run"/>'s job to workers.</summary>
    public static async Task OfferAsync(ApprovalFlowDbContext db, ProcessInstanceRecord instance, RunServiceTaskIntent run, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var row = await FindAsync(db, instance.Id, run.JobId, cancellationToken);
        if (row is null)
        {
            db.ExternalTasks.Add(new ExternalTaskRecord
            {
                Id = Guid.CreateVersion7(now),
                InstanceId = instance.Id,
                JobId = run.JobId,
                ExecutionId = run.ExecutionId,
                NodeId = run.NodeId,
                Topic = run.Topic,
                DefinitionId = instance.DefinitionId,
                DefinitionKey = instance.DefinitionKey,
                DefinitionVersion = instance.DefinitionVersion,
                BusinessKey = instance.BusinessKey,
                CreatedAt = now,
                AvailableAt = run.NotBefore,
                Priority = run.Priority,
            });
            return;
        }

        row.AvailableAt = run.NotBefore;
        row.WorkerId = null;
        row.LockExpiresAt = null;
        if (row.Retries == 0)
        {
            row.Retries = null;
        }
    }

    /// <summary>Removes the row of a cancelled job, if it has one.</summary>
    public static async Task WithdrawAsync(ApprovalFlowDbContext db, Guid instanceId, string jobId, CancellationToken cancellationToken)
    {
        if (await FindAsync(db, instanceId, jobId, cancellationToken) is { } row)
        {
            db.ExternalTasks.Remove(row);
        }
    }

    private static async Task<ExternalTaskRecord?> FindAsync(ApprovalFlowDbContext db, Guid instanceId, string jobId, CancellationToken cancellationToken) =>
        db.ExternalTasks.Local.FirstOrDefault(t => t.InstanceId == instanceId && t.JobId == jobId)
        ?? await db.ExternalTasks.FirstOrDefaultAsync(t => t.InstanceId == instanceId && t.JobId == jobId, cancellationToken);
}
