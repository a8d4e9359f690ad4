using ApprovalFlow.Bpmn.Model;

namespace ApprovalFlow.Bpmn.Parsing;

/// <summary>
/// The outcome of <see cref="BpmnParser.Parse(System.IO.Stream)"/>: a document when the file is valid,
/// otherwise every error found.
/// </summary>
/// <param name="Document">The model; <see langword="null"/> when <paramref name="Errors"/> is not empty.</param>
/// <param name="Errors">All errors, ordered by line then column; empty when valid.</param>
public sealed record BpmnParseResult(BpmnDocument? Document, IReadOnlyList<BpmnDiagnostic> Errors)
{
    /// <summary><see langword="true"/> when there are no errors and <see cref="Document"/> is set.</summary>
    public bool IsValid => Document is not null && Errors.Count == 0;
}
