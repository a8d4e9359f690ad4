using System.Text.Json;

namespace ApprovalFlow.Engine.State;

/// <summary>An open user task (BPMN 2.0.2 §10.3.3) of an instance, with its evaluated assignment and dates.</summary>
public sealed record OpenUserTask
{
    /// <summary>Instance-local task id, e.g. <c>t4</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The execution waiting on the task.</summary>
    public required string ExecutionId { get; init; }

    /// <summary>The user task's node id.</summary>
    public required string NodeId { get; init; }

    /// <summary>The node's name, or <see langword="null"/>.</summary>
    public string? Name { get; init; }

    /// <summary>The assigned user id, or <see langword="null"/>.</summary>
    public string? Assignee { get; init; }

    /// <summary>Candidate user ids.</summary>
    public IReadOnlyList<string> CandidateUsers { get; init; } = [];

    /// <summary>Candidate group ids.</summary>
    public IReadOnlyList<string> CandidateGroups { get; init; } = [];

    /// <summary>Due instant (UTC), or <see langword="null"/>.</summary>
    public DateTimeOffset? DueAt { get; init; }

    /// <summary>Follow-up instant (UTC), or <see langword="null"/>.</summary>
    public DateTimeOffset? FollowUpAt { get; init; }

    /// <summary>Priority; 50 when the definition sets none.</summary>
    public int Priority { get; init; } = 50;

    /// <summary>The form key, or <see langword="null"/>.</summary>
    public string? FormKey { get; init; }

    /// <summary>The node's <c>camunda:properties</c>.</summary>
    public IReadOnlyDictionary<string, string> Properties { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The element variable of the nearest enclosing multi-instance item (e.g. the working group), or <see langword="null"/>.</summary>
    public JsonElement? Item { get; init; }

    /// <summary>When it was created (UTC).</summary>
    public DateTimeOffset CreatedAt { get; init; }
}
