namespace ApprovalFlow.Server.Features.Migrations;

/// <summary>One instance of a <see cref="MigrationRecord"/> and what became of it.</summary>
public sealed class MigrationInstanceRecord
{
    /// <summary>The migration.</summary>
    public Guid MigrationId { get; set; }

    /// <summary>The instance.</summary>
    public Guid InstanceId { get; set; }

    /// <summary>The instance's business key when it was selected, or <see langword="null"/>.</summary>
    public string? BusinessKey { get; set; }

    /// <summary>Pending, migrated or failed.</summary>
    public MigrationInstanceStatus Status { get; set; }

    /// <summary>Why it stayed on its version, or <see langword="null"/>.</summary>
    public string? Reason { get; set; }

    /// <summary>
    /// The kind of the first reason it was refused (<c>unmapped</c>, <c>scopeMismatch</c>, ...), or the job's own code
    /// when the engine did not refuse it (<see cref="MigrationReasonCodes"/>), or <see langword="null"/>.
    /// </summary>
    public string? ProblemKind { get; set; }

    /// <summary>The source node of that reason, or <see langword="null"/>.</summary>
    public string? ProblemNodeId { get; set; }

    /// <summary>When it was migrated or failed (UTC), or <see langword="null"/> while pending.</summary>
    public DateTimeOffset? FinishedAt { get; set; }
}

/// <summary>What became of one instance of a migration.</summary>
public enum MigrationInstanceStatus
{
    /// <summary>Not handled yet.</summary>
    Pending,

    /// <summary>Moved to the target version.</summary>
    Migrated,

    /// <summary>Refused or failed: it stays on its version (<see cref="MigrationInstanceRecord.Reason"/> says why).</summary>
    Failed,
}
