namespace ApprovalFlow.Server.Data;

/// <summary>One deployed version of a BPMN process definition.</summary>
public sealed class ProcessDefinitionRecord
{
    /// <summary>Row id.</summary>
    public Guid Id { get; set; }

    /// <summary>The BPMN process id (definition key).</summary>
    public required string Key { get; set; }

    /// <summary>Version, from 1, per key.</summary>
    public int Version { get; set; }

    /// <summary>The process name, or <see langword="null"/>.</summary>
    public string? Name { get; set; }

    /// <summary>
    /// <see langword="false"/> for a process with <c>isExecutable="false"</c> (drawn for documentation):
    /// stored so it can be viewed, never started. Default <see langword="true"/>.
    /// </summary>
    public bool IsExecutable { get; set; } = true;

    /// <summary>The whole BPMN file as deployed.</summary>
    public required string BpmnXml { get; set; }

    /// <summary>Lower-case hex SHA-256 of the UTF-8 XML: the same content deploys once.</summary>
    public required string Sha256 { get; set; }

    /// <summary>When it was deployed (UTC).</summary>
    public DateTimeOffset DeployedAt { get; set; }

    /// <summary>Who deployed it: a user id, or <c>system</c> for start-up deployment.</summary>
    public required string DeployedBy { get; set; }

    /// <summary>The user id of the designer draft this version was deployed from, or <see langword="null"/> when it was not deployed from a draft.</summary>
    public string? DraftUserId { get; set; }

    /// <summary>When that draft was last saved (UTC), or <see langword="null"/> when the version was not deployed from a draft.</summary>
    public DateTimeOffset? DraftSavedAt { get; set; }
}
