namespace ApprovalFlow.Server.Data;

/// <summary>An instance waiting for a signal (BPMN 2.0.2 §10.5.5), indexed by signal name for broadcasts.</summary>
public sealed class SignalSubscriptionRecord
{
    /// <summary>The instance.</summary>
    public Guid InstanceId { get; set; }

    /// <summary>The engine's instance-local subscription id.</summary>
    public required string SubscriptionId { get; set; }

    /// <summary>The signal name (expressions evaluated).</summary>
    public required string SignalName { get; set; }

    /// <summary>The waiting event's node id.</summary>
    public required string NodeId { get; set; }

    /// <summary>When the instance started waiting (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
