namespace ApprovalFlow.Server.Data;

/// <summary>An instance waiting for a message, indexed by name and business key for correlation.</summary>
public sealed class MessageSubscriptionRecord
{
    /// <summary>The instance.</summary>
    public Guid InstanceId { get; set; }

    /// <summary>The engine's instance-local subscription id.</summary>
    public required string SubscriptionId { get; set; }

    /// <summary>The message name.</summary>
    public required string MessageName { get; set; }

    /// <summary>The instance's business key, or <see langword="null"/>.</summary>
    public string? BusinessKey { get; set; }

    /// <summary>When the instance started waiting (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
