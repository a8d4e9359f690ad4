namespace ApprovalFlow.Server.Data;

/// <summary>
/// One firing of a timer start event and the instance it started; the key (definition version, start
/// event, due instant) makes a second instance for the same firing impossible.
/// </summary>
public sealed class TimerStartFiringRecord
{
    /// <summary>The definition version (row id).</summary>
    public Guid DefinitionId { get; set; }

    /// <summary>The timer start event's id.</summary>
    public required string StartEventId { get; set; }

    /// <summary>The firing's due instant (UTC).</summary>
    public DateTimeOffset DueAt { get; set; }

    /// <summary>The instance it started.</summary>
    public Guid InstanceId { get; set; }

    /// <summary>When it fired (UTC).</summary>
    public DateTimeOffset FiredAt { get; set; }
}
