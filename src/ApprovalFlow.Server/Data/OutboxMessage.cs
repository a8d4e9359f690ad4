using System.Text.Json;

namespace ApprovalFlow.Server.Data;

/// <summary>
/// An intent committed with its engine step and dispatched after commit (architecture decision 2):
/// a crash between commit and dispatch loses nothing, dispatch resumes at start-up.
/// </summary>
public sealed class OutboxMessage
{
    /// <summary>Increasing id: dispatch order.</summary>
    public long Id { get; set; }

    /// <summary>The instance whose step produced it.</summary>
    public Guid InstanceId { get; set; }

    /// <summary>The kind of intent, e.g. <c>run-service-task</c>.</summary>
    public required string Kind { get; set; }

    /// <summary>The intent as JSON.</summary>
    public required JsonElement Payload { get; set; }

    /// <summary>When it was committed (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When it was handed to Hangfire (UTC), or <see langword="null"/> while pending.</summary>
    public DateTimeOffset? DispatchedAt { get; set; }
}
