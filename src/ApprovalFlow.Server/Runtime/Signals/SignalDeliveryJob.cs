using System.Text.Json;
using ApprovalFlow.Engine.Commands;
using ApprovalFlow.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Runtime.Signals;

/// <summary>
/// Hangfire jobs of signal broadcasts (BPMN 2.0.2 §10.5.5): records the broadcast of a signal an instance
/// threw, and delivers one chunk of a broadcast's targets, each target in a transaction of its own that
/// also marks it delivered. A target already delivered is skipped, so a job that runs twice, or again
/// after a node crashed in the middle of it, delivers every target exactly once.
/// </summary>
public sealed partial class SignalDeliveryJob(
    SignalBroadcaster broadcaster, InstanceRunner runner, DefinitionCatalog catalog, ApprovalFlowDbContext db, TimeProvider time, ILogger<SignalDeliveryJob> logger)
{
    /// <summary>Records the broadcast of a signal thrown by instance <paramref name="thrownBy"/> (idempotent by <paramref name="deliveryId"/>).</summary>
    /// <param name="deliveryId">The delivery id chosen in the throwing step.</param>
    /// <param name="name">The signal name.</param>
    /// <param name="variablesJson">The signal's variables as a JSON object.</param>
    /// <param name="thrownBy">The throwing instance, which is left out (it received the signal in its own step).</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    public async Task BroadcastThrownAsync(Guid deliveryId, string name, string variablesJson, Guid thrownBy, CancellationToken cancellationToken)
    {
        var variables = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(variablesJson);
        var broadcast = await broadcaster.BroadcastAsync(deliveryId, name, variables, thrownBy, null, cancellationToken);
        LogBroadcast(logger, name, deliveryId, broadcast.Instances, broadcast.Starts);
    }

    /// <summary>Delivers the pending targets of chunk <paramref name="chunk"/> of delivery <paramref name="deliveryId"/>.</summary>
    /// <exception cref="SignalDeliveryIncompleteException">Some targets could not take the signal now (e.g. a call activity reached calls an undeployed process); Hangfire retries the chunk, which skips what was delivered.</exception>
    public async Task DeliverChunkAsync(Guid deliveryId, int chunk, CancellationToken cancellationToken)
    {
        var delivery = await db.SignalDeliveries.AsNoTracking().SingleAsync(d => d.Id == deliveryId, cancellationToken);
        var variables = delivery.Variables.Deserialize<Dictionary<string, JsonElement>>();
        var targets = await db.SignalDeliveryTargets.AsNoTracking()
            .Where(t => t.DeliveryId == deliveryId && t.Chunk == chunk && t.DeliveredAt == null)
            .OrderBy(t => t.TargetNo)
            .ToListAsync(cancellationToken);
        var failed = new List<string>();
        foreach (var target in targets)
        {
            try
            {
                await DeliverAsync(delivery, variables, target, cancellationToken);
            }
            catch (CalledDefinitionMissingException e)
            {
                LogTargetFailed(logger, deliveryId, target.TargetNo, e.Message);
                failed.Add(e.Message);
            }
        }

        if (failed.Count > 0)
        {
            throw new SignalDeliveryIncompleteException(deliveryId, chunk, failed);
        }
    }

    private async Task DeliverAsync(SignalDeliveryRecord delivery, Dictionary<string, JsonElement>? variables, SignalDeliveryTargetRecord target, CancellationToken cancellationToken)
    {
        try
        {
            if (target.InstanceId is { } instanceId)
            {
                var command = new DeliverSignal(delivery.SignalName, target.SubscriptionIds, variables, delivery.Id.ToString(), delivery.SentBy);
                if (await runner.ExecuteAsync(instanceId, command, MarkDelivered(target), cancellationToken) is not CommandOutcome.Applied)
                {
                    await db.SignalDeliveryTargets.Where(t => t.DeliveryId == target.DeliveryId && t.TargetNo == target.TargetNo && t.DeliveredAt == null)
                        .ExecuteUpdateAsync(set => set.SetProperty(t => t.DeliveredAt, time.GetUtcNow()), cancellationToken);
                }

                return;
            }

            var definition = await catalog.GetAsync(target.DefinitionId!.Value, cancellationToken);
            await runner.StartAsync(definition, null, variables, delivery.SentBy, target.StartEventId, MarkDelivered(target), cancellationToken);
        }
        catch (SignalTargetDeliveredException)
        {
            // Another worker delivered it first (a job run twice); nothing to do.
        }
        catch (DbUpdateConcurrencyException) when (target.InstanceId is null)
        {
            // Another worker started the instance for this target first and marked it; this start rolled back.
        }
    }

    /// <summary>Marks the target delivered in the step's own transaction; refuses when another run marked it first.</summary>
    private static ServiceTasks.ServiceTaskWrites MarkDelivered(SignalDeliveryTargetRecord target) => async (stepDb, now, cancellationToken) =>
    {
        var row = await stepDb.SignalDeliveryTargets.SingleAsync(t => t.DeliveryId == target.DeliveryId && t.TargetNo == target.TargetNo, cancellationToken);
        if (row.DeliveredAt is not null)
        {
            throw new SignalTargetDeliveredException(target.DeliveryId, target.TargetNo);
        }

        row.DeliveredAt = now;
        return false;
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Signal {SignalName} ({DeliveryId}) thrown by an instance goes to {Instances} instances and {Starts} starts")]
    private static partial void LogBroadcast(ILogger logger, string signalName, Guid deliveryId, int instances, int starts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Signal delivery {DeliveryId} could not reach target {TargetNo} yet: {Reason}")]
    private static partial void LogTargetFailed(ILogger logger, Guid deliveryId, int targetNo, string reason);
}
