namespace ApprovalFlow.Bpmn.Parsing;

/// <summary>
/// Reads BPMN 2.0 XML into an immutable <see cref="Model.BpmnDocument"/> and validates it.
/// Thread-safe; DTDs and external entities are refused.
/// </summary>
public sealed class BpmnParser(BpmnParserOptions? options = null)
{
    /// <summary>The limits in force.</summary>
    public BpmnParserOptions Options { get; } = options ?? new BpmnParserOptions();

    /// <summary>Parses and validates a BPMN file.</summary>
    /// <param name="xml">The file's bytes.</param>
    /// <returns>The document, or every error found.</returns>
    public BpmnParseResult Parse(Stream xml) => throw new NotImplementedException();

    /// <summary>Parses and validates BPMN XML text.</summary>
    /// <param name="xml">The XML text.</param>
    /// <returns>The document, or every error found.</returns>
    public BpmnParseResult Parse(string xml) => throw new NotImplementedException();
}
