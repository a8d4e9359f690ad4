namespace ApprovalFlow.Bpmn.Model;

/// <summary>
/// A parsed and valid BPMN 2.0 file (<c>bpmn:definitions</c>): its processes (executable ones and
/// those drawn for documentation, see <see cref="ProcessDefinition.IsExecutable"/>), messages, errors, signals and escalations. Collaborations, pools, lanes and diagram interchange are accepted and not kept.
/// </summary>
public sealed record BpmnDocument
{
    /// <summary>The file's processes, in document order.</summary>
    public required IReadOnlyList<ProcessDefinition> Processes { get; init; }

    /// <summary><c>bpmn:message</c> names by message id.</summary>
    public IReadOnlyDictionary<string, string> Messages { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary><c>bpmn:error</c> codes by error id (the code is <see langword="null"/> when not given).</summary>
    public IReadOnlyDictionary<string, string?> Errors { get; init; } = new Dictionary<string, string?>(StringComparer.Ordinal);

    /// <summary><c>bpmn:signal</c> names by signal id (a name may be a <c>${...}</c> expression).</summary>
    public IReadOnlyDictionary<string, string> Signals { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary><c>bpmn:escalation</c> codes by escalation id (the code is <see langword="null"/> when not given).</summary>
    public IReadOnlyDictionary<string, string?> Escalations { get; init; } = new Dictionary<string, string?>(StringComparer.Ordinal);

    /// <summary>The process with id <paramref name="processId"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such process in this file.</exception>
    public ProcessDefinition Process(string processId) =>
        Processes.FirstOrDefault(p => p.Id == processId) ?? throw new KeyNotFoundException($"Process '{processId}' is not in this file.");
}
