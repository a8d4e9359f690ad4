using System.Text.Json;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Runtime.Outbox;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Runtime.Signals;

/// <summary>
/// Records a signal broadcast (BPMN 2.0.2 §10.5.5, global as in Camunda 7) in one transaction: the
/// delivery, its targets (every active instance with subscriptions of the name, with those
/// subscriptions, and one start per latest executable definition with a signal start event of the name)
/// and an outbox row that hands the targets to Hangfire in chunks of <see cref="ChunkSize"/>. Recording the
/// same delivery id again changes nothing. Scoped (one per request or job).
/// </summary>
public sealed class SignalBroadcaster(ApprovalFlowDbContext db, DefinitionCatalog catalog, OutboxSignal outbox, TimeProvider time)
{
    /// <summary>Targets per Hangfire job; each target is still delivered in a transaction of its own.</summary>
    public const int ChunkSize = 50;

    /// <summary>Records the broadcast of <paramref name="name"/> and schedules its delivery.</summary>
    /// <param name="deliveryId">The delivery id (a repeated id returns the first recording's counts).</param>
    /// <param name="name">The signal name.</param>
    /// <param name="variables">The signal's variables, or <see langword="null"/>.</param>
    /// <param name="thrownBy">The throwing instance (it received the signal in its own step and is left out), or <see langword="null"/>.</param>
    /// <param name="sentBy">The user who sent it, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    /// <returns>How many subscriptions, instances and starts were scheduled.</returns>
    public async Task<SignalBroadcast> BroadcastAsync(
        Guid deliveryId, string name, IReadOnlyDictionary<string, JsonElement>? variables, Guid? thrownBy, string? sentBy, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var now = time.GetUtcNow();
        var starts = await SignalStartsAsync(name, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var payload = JsonSerializer.Serialize(variables ?? new Dictionary<string, JsonElement>());
        var recorded = await db.Database.ExecuteSqlAsync(
            $"INSERT INTO approvalflow.signal_deliveries (id, signal_name, variables, thrown_by, sent_by, created_at) VALUES ({deliveryId}, {name}, {payload}::jsonb, {thrownBy}, {sentBy}, {now}) ON CONFLICT (id) DO NOTHING",
            cancellationToken);
        if (recorded == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return await CountsAsync(deliveryId, cancellationToken);
        }

        var exclude = thrownBy ?? Guid.Empty;
        var instances = await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO approvalflow.signal_delivery_targets (delivery_id, target_no, chunk, instance_id, subscription_ids)
            SELECT {deliveryId}, t.n, (t.n - 1) / {ChunkSize}, t.instance_id, t.ids
            FROM (
                SELECT s.instance_id, array_agg(s.subscription_id ORDER BY s.created_at, s.subscription_id) AS ids,
                       row_number() OVER (ORDER BY s.instance_id)::int AS n
                FROM approvalflow.signal_subscriptions s
                JOIN approvalflow.process_instances i ON i.id = s.instance_id
                WHERE s.signal_name = {name} AND i.status = 'Active' AND s.instance_id <> {exclude}
                GROUP BY s.instance_id) t
            """,
            cancellationToken);
        for (var i = 0; i < starts.Count; i++)
        {
            var number = instances + i + 1;
            db.SignalDeliveryTargets.Add(new SignalDeliveryTargetRecord
            {
                DeliveryId = deliveryId, TargetNo = number, Chunk = (number - 1) / ChunkSize, DefinitionId = starts[i].DefinitionId, StartEventId = starts[i].StartEventId,
            });
        }

        var total = instances + starts.Count;
        if (total > 0)
        {
            db.Outbox.Add(new OutboxMessage
            {
                InstanceId = thrownBy ?? Guid.Empty,
                Kind = OutboxKinds.DeliverSignal,
                Payload = JsonSerializer.SerializeToElement(new DeliverSignalPayload(deliveryId, ((total - 1) / ChunkSize) + 1)),
                CreatedAt = now,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (total > 0)
        {
            outbox.Notify();
        }

        return await CountsAsync(deliveryId, cancellationToken);
    }

    private async Task<SignalBroadcast> CountsAsync(Guid deliveryId, CancellationToken cancellationToken)
    {
        var targets = await db.SignalDeliveryTargets.AsNoTracking().Where(t => t.DeliveryId == deliveryId)
            .Select(t => new { t.InstanceId, Subscriptions = t.SubscriptionIds.Length }).ToListAsync(cancellationToken);
        return new SignalBroadcast(deliveryId, targets.Sum(t => t.Subscriptions), targets.Count(t => t.InstanceId != null), targets.Count(t => t.InstanceId == null));
    }

    /// <summary>The signal start events named <paramref name="name"/> of the latest version of each definition key, if executable.</summary>
    private async Task<List<(Guid DefinitionId, string StartEventId)>> SignalStartsAsync(string name, CancellationToken cancellationToken)
    {
        var versions = await db.Definitions.AsNoTracking().Select(d => new { d.Id, d.Key, d.Version, d.IsExecutable }).ToListAsync(cancellationToken);
        var latest = versions.GroupBy(d => d.Key, StringComparer.Ordinal).Select(g => g.MaxBy(d => d.Version)!).OrderBy(d => d.Key, StringComparer.Ordinal);
        var starts = new List<(Guid, string)>();
        foreach (var definition in latest.Where(d => d.IsExecutable))
        {
            var process = (await catalog.GetAsync(definition.Id, cancellationToken)).Process;
            foreach (var startId in process.Definition.SignalStartEventIds)
            {
                if (((Bpmn.Model.StartEvent)process.Node(startId)).Signal!.SignalName.Text == name)
                {
                    starts.Add((definition.Id, startId));
                }
            }
        }

        return starts;
    }
}
