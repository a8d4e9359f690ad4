using ApprovalFlow.Engine.State;

namespace ApprovalFlow.Server.Data;

/// <summary>A process instance: the engine state as <c>jsonb</c> plus columns to query by.</summary>
public sealed class ProcessInstanceRecord
{
    /// <summary>Instance id (UUID v7).</summary>
    public Guid Id { get; set; }

    /// <summary>The definition version run.</summary>
    public Guid DefinitionId { get; set; }

    /// <summary>The definition key.</summary>
    public required string DefinitionKey { get; set; }

    /// <summary>The definition version number.</summary>
    public int DefinitionVersion { get; set; }

    /// <summary>The business key, or <see langword="null"/>.</summary>
    public string? BusinessKey { get; set; }

    /// <summary>Life-cycle status (mirrors the state).</summary>
    public InstanceStatus Status { get; set; }

    /// <summary>The engine state.</summary>
    public required ProcessInstanceState State { get; set; }

    /// <summary>The parent instance for a call activity's child, else <see langword="null"/>.</summary>
    public Guid? ParentInstanceId { get; set; }

    /// <summary>For a child: the parent's call-activity execution it resumes, else <see langword="null"/>.</summary>
    public string? ParentExecutionId { get; set; }

    /// <summary>The top instance of the call tree (itself for a top-level instance).</summary>
    public Guid RootInstanceId { get; set; }

    /// <summary>Who started it (user id), or <see langword="null"/> for a child instance or the system.</summary>
    public string? StartedBy { get; set; }

    /// <summary>Start time (UTC).</summary>
    public DateTimeOffset StartedAt { get; set; }

    /// <summary>End time (UTC), or <see langword="null"/> while active.</summary>
    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>Optimistic concurrency version, incremented by every engine step.</summary>
    public int Version { get; set; }
}
