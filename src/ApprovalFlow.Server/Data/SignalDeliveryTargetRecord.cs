namespace ApprovalFlow.Server.Data;

/// <summary>
/// One target of a signal delivery: a waiting instance (with the subscriptions that waited when the
/// signal was broadcast) or a definition version to start at its signal start event. Delivered once:
/// <see cref="DeliveredAt"/> is set in the transaction of the instance's step (a concurrency token, so
/// two workers delivering the same target cannot both commit).
/// </summary>
public sealed class SignalDeliveryTargetRecord
{
    /// <summary>The delivery.</summary>
    public Guid DeliveryId { get; set; }

    /// <summary>The target's number in its delivery, from 1.</summary>
    public int TargetNo { get; set; }

    /// <summary>The batch the target is delivered in (targets 1..n of a chunk run in one Hangfire job, each in its own transaction).</summary>
    public int Chunk { get; set; }

    /// <summary>The waiting instance, or <see langword="null"/> for a start.</summary>
    public Guid? InstanceId { get; set; }

    /// <summary>The engine's subscription ids of that instance that receive the signal; empty for a start.</summary>
    public string[] SubscriptionIds { get; set; } = [];

    /// <summary>For a start: the definition version, else <see langword="null"/>.</summary>
    public Guid? DefinitionId { get; set; }

    /// <summary>For a start: the signal start event, else <see langword="null"/>.</summary>
    public string? StartEventId { get; set; }

    /// <summary>When it was delivered (UTC), or <see langword="null"/> while pending.</summary>
    public DateTimeOffset? DeliveredAt { get; set; }
}
