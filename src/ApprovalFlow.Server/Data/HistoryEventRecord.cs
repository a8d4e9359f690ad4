using System.Text.Json;
using ApprovalFlow.Engine.History;

namespace ApprovalFlow.Server.Data;

/// <summary>An append-only history row of an instance.</summary>
public sealed class HistoryEventRecord
{
    /// <summary>Global, increasing sequence number.</summary>
    public long Sequence { get; set; }

    /// <summary>The instance.</summary>
    public Guid InstanceId { get; set; }

    /// <summary>When (UTC).</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>What happened.</summary>
    public HistoryEventType Type { get; set; }

    /// <summary>The node, or <see langword="null"/>.</summary>
    public string? NodeId { get; set; }

    /// <summary>The engine execution, or <see langword="null"/>.</summary>
    public string? ExecutionId { get; set; }

    /// <summary>The API task id for task events; the engine's timer, job or incident id otherwise; or <see langword="null"/>.</summary>
    public string? TaskId { get; set; }

    /// <summary>The acting user, or <see langword="null"/>.</summary>
    public string? Actor { get; set; }

    /// <summary>Extra facts, or <see langword="null"/>.</summary>
    public JsonElement? Data { get; set; }
}
