using System.Xml.Linq;
using ApprovalFlow.Bpmn.Validation;

namespace ApprovalFlow.Bpmn.Parsing;

/// <summary>
/// Reads BPMN 2.0.2 XML with the Camunda 7 extensions into an immutable <see cref="Model.BpmnDocument"/>
/// and validates it; elements outside the supported subset are rejected (see docs/bpmn-coverage.md).
/// Thread-safe; DTDs and external entities are refused.
/// </summary>
public sealed class BpmnParser(BpmnParserOptions? options = null)
{
    /// <summary>The limits in force.</summary>
    /// <exception cref="ArgumentOutOfRangeException">On construction: <see cref="BpmnParserOptions.MaxInputBytes"/> is not positive.</exception>
    public BpmnParserOptions Options { get; } = Checked(options ?? new BpmnParserOptions());

    /// <summary>Parses and validates a BPMN file. Reads at most <see cref="BpmnParserOptions.MaxInputBytes"/> + 1 bytes; does not close the stream.</summary>
    /// <param name="xml">The file's bytes; the encoding is taken from the XML declaration or byte order mark.</param>
    /// <returns>The document, or every error found, ordered by line then column.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="xml"/> is <see langword="null"/>.</exception>
    /// <exception cref="IOException">Reading the stream failed.</exception>
    public BpmnParseResult Parse(Stream xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        var diagnostics = new DiagnosticList();
        return Build(SafeXmlLoader.Load(xml, Options.MaxInputBytes, diagnostics), diagnostics);
    }

    /// <summary>Parses and validates BPMN XML text. The limit applies to its UTF-8 length.</summary>
    /// <param name="xml">The XML text.</param>
    /// <returns>The document, or every error found, ordered by line then column.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="xml"/> is <see langword="null"/>.</exception>
    public BpmnParseResult Parse(string xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        var diagnostics = new DiagnosticList();
        return Build(SafeXmlLoader.Load(xml, Options.MaxInputBytes, diagnostics), diagnostics);
    }

    private static BpmnParseResult Build(XDocument? xml, DiagnosticList diagnostics)
    {
        var model = xml is null ? null : DocumentReader.Read(xml, new ReadContext(diagnostics));
        if (model is not null)
        {
            BpmnValidator.Validate(model, diagnostics);
        }

        var errors = diagnostics.Items.OrderBy(d => d.Line).ThenBy(d => d.Column).ToList();
        return new BpmnParseResult(errors.Count == 0 ? model?.Document : null, errors);
    }

    private static BpmnParserOptions Checked(BpmnParserOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxInputBytes, nameof(options));
        return options;
    }
}
