namespace ApprovalFlow.Server.Data;

/// <summary>
/// A user's unsaved work on a definition in the designer: one draft per definition key and user, replaced by
/// each save and deleted when it is deployed or discarded.
/// </summary>
public sealed class DefinitionDraftRecord
{
    /// <summary>The definition key (BPMN process id) the draft belongs to; the key may not be deployed yet (a new definition).</summary>
    public required string Key { get; set; }

    /// <summary>The user id of the draft's owner.</summary>
    public required string UserId { get; set; }

    /// <summary>The whole BPMN file as last saved; at most 5 MiB in UTF-8.</summary>
    public required string BpmnXml { get; set; }

    /// <summary>When it was last saved (UTC).</summary>
    public DateTimeOffset SavedAt { get; set; }

    /// <summary>The deployed version the draft was started from, or <see langword="null"/> for a new definition.</summary>
    public int? BaseVersion { get; set; }
}
