using ApprovalFlow.Engine.State;

namespace ApprovalFlow.Server.Data;

/// <summary>An incident shown to operators (open or resolved).</summary>
public sealed class IncidentRecord
{
    /// <summary>API id (UUID v7).</summary>
    public Guid Id { get; set; }

    /// <summary>The instance.</summary>
    public Guid InstanceId { get; set; }

    /// <summary>The engine's instance-local incident id.</summary>
    public required string EngineIncidentId { get; set; }

    /// <summary>The node where the token stopped.</summary>
    public required string NodeId { get; set; }

    /// <summary>What kind of failure.</summary>
    public IncidentKind Kind { get; set; }

    /// <summary>What went wrong.</summary>
    public required string Message { get; set; }

    /// <summary>When it was raised (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When it was resolved (UTC), or <see langword="null"/> while open.</summary>
    public DateTimeOffset? ResolvedAt { get; set; }
}
