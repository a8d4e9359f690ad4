namespace ApprovalFlow.Bpmn.Parsing;

/// <summary>Limits applied by <see cref="BpmnParser"/>.</summary>
public sealed record BpmnParserOptions
{
    /// <summary>Default <see cref="MaxInputBytes"/>: 5 MiB.</summary>
    public const long DefaultMaxInputBytes = 5L * 1024 * 1024;

    /// <summary>Largest accepted input in bytes (UTF-8 for string input); default 5 MiB. Must be positive.</summary>
    public long MaxInputBytes { get; init; } = DefaultMaxInputBytes;
}
