namespace ApprovalFlow.Server.Features.Migrations;

/// <summary>One migration of running instances from one version of a definition to another (<c>POST /api/migrations</c>).</summary>
public sealed class MigrationRecord
{
    /// <summary>Migration id (UUID v7).</summary>
    public Guid Id { get; set; }

    /// <summary>The definition key.</summary>
    public required string DefinitionKey { get; set; }

    /// <summary>The version the instances run.</summary>
    public int FromVersion { get; set; }

    /// <summary>The version they move to.</summary>
    public int ToVersion { get; set; }

    /// <summary>The explicit node mapping (source node id → target node id); nodes not in it keep their id.</summary>
    public Dictionary<string, string> Mapping { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Where the batch job is.</summary>
    public MigrationStatus Status { get; set; }

    /// <summary>How many instances were selected.</summary>
    public int Total { get; set; }

    /// <summary>How many moved to <see cref="ToVersion"/>.</summary>
    public int Migrated { get; set; }

    /// <summary>How many stayed on <see cref="FromVersion"/>, each with its reason.</summary>
    public int Failed { get; set; }

    /// <summary>Who started it (user id).</summary>
    public required string CreatedBy { get; set; }

    /// <summary>When it was started (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the batch job finished (UTC), or <see langword="null"/>.</summary>
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>The Hangfire job that runs it, or <see langword="null"/> before it is enqueued.</summary>
    public string? JobId { get; set; }
}

/// <summary>Where a <see cref="MigrationRecord"/>'s batch job is.</summary>
public enum MigrationStatus
{
    /// <summary>Enqueued, not started.</summary>
    Pending,

    /// <summary>Migrating instances.</summary>
    Running,

    /// <summary>Every instance migrated or failed.</summary>
    Done,
}
