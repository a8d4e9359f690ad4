namespace ApprovalFlow.Bpmn.Model;

/// <summary>
/// A 1-based line and column in the BPMN XML file where an element starts
/// (<see cref="System.Xml.IXmlLineInfo"/>). <c>(0, 0)</c> means unknown.
/// </summary>
/// <param name="Line">1-based line number.</param>
/// <param name="Column">1-based column number.</param>
public readonly record struct SourcePosition(int Line, int Column)
{
    /// <inheritdoc />
    public override string ToString() => $"{Line}:{Column}";
}
