namespace ApprovalFlow.Bpmn.Parsing;

/// <summary>
/// One reason a BPMN file is rejected: the element, where it is, and what is wrong.
/// </summary>
/// <param name="ElementId">Id of the offending element, or <see langword="null"/> when it has none (e.g. malformed XML).</param>
/// <param name="Line">1-based line in the file; 0 when unknown.</param>
/// <param name="Column">1-based column in the file; 0 when unknown.</param>
/// <param name="Code">A stable machine-readable code, e.g. <c>unsupported-element</c>, <c>unreachable-node</c>.</param>
/// <param name="Message">What is wrong, for people, naming the element.</param>
public sealed record BpmnDiagnostic(string? ElementId, int Line, int Column, string Code, string Message);
