using System.Text.Json;

namespace ApprovalFlow.Server.Data;

/// <summary>
/// One broadcast of a signal (BPMN 2.0.2 §10.5.5): sent through <c>POST /api/signals</c> or thrown by an
/// instance. Its targets (<see cref="SignalDeliveryTargetRecord"/>) are fixed when it is recorded.
/// </summary>
public sealed class SignalDeliveryRecord
{
    /// <summary>The delivery id; for a thrown signal, chosen in the throwing step (so a repeated broadcast is recognised).</summary>
    public Guid Id { get; set; }

    /// <summary>The signal name.</summary>
    public required string SignalName { get; set; }

    /// <summary>The variables the signal carries (a JSON object).</summary>
    public JsonElement Variables { get; set; }

    /// <summary>The instance that threw it (it received the signal itself, in its own step), or <see langword="null"/> when sent through the API.</summary>
    public Guid? ThrownBy { get; set; }

    /// <summary>The user who sent it through the API, or <see langword="null"/>.</summary>
    public string? SentBy { get; set; }

    /// <summary>When it was recorded (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
