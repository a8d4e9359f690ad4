using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace ApprovalFlow.Bpmn.Parsing;

/// <summary>
/// Loads XML with line information and without DTD processing or external resolution, after
/// checking the input size. Failures become diagnostics, never exceptions.
/// </summary>
internal static class SafeXmlLoader
{
    /// <summary>The deepest element nesting accepted (the root is depth 0): room for about 90 nested subprocesses.</summary>
    public const int MaxDepth = 100;

    /// <summary>Reads at most <paramref name="maxBytes"/> + 1 bytes of <paramref name="input"/> and loads them.</summary>
    public static XDocument? Load(Stream input, long maxBytes, DiagnosticList diagnostics)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = input.Read(chunk, 0, (int)Math.Min(chunk.Length, maxBytes + 1 - buffer.Length))) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes)
            {
                TooLarge(maxBytes, diagnostics);
                return null;
            }
        }

        buffer.Position = 0;
        using (var scan = XmlReader.Create(buffer, Settings()))
        {
            if (!WithinDepth(scan, diagnostics))
            {
                return null;
            }
        }

        buffer.Position = 0;
        using var reader = XmlReader.Create(buffer, Settings());
        return Load(reader, diagnostics);
    }

    /// <summary>Loads <paramref name="xml"/> when its UTF-8 length is at most <paramref name="maxBytes"/>.</summary>
    public static XDocument? Load(string xml, long maxBytes, DiagnosticList diagnostics)
    {
        if (Encoding.UTF8.GetByteCount(xml) > maxBytes)
        {
            TooLarge(maxBytes, diagnostics);
            return null;
        }

        using (var scan = XmlReader.Create(new StringReader(xml), Settings()))
        {
            if (!WithinDepth(scan, diagnostics))
            {
                return null;
            }
        }

        using var text = new StringReader(xml);
        using var reader = XmlReader.Create(text, Settings());
        return Load(reader, diagnostics);
    }

    private static XDocument? Load(XmlReader reader, DiagnosticList diagnostics)
    {
        try
        {
            return XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException ex) when (IsDtdRefusal(ex))
        {
            diagnostics.Add(null, new(ex.LineNumber, ex.LinePosition), DiagnosticCodes.UnsafeXml,
                "The file declares a DTD (<!DOCTYPE>); DTDs and entities are refused to prevent entity expansion and external entity attacks.");
        }
        catch (XmlException ex)
        {
            diagnostics.Add(null, new(ex.LineNumber, ex.LinePosition), DiagnosticCodes.MalformedXml, $"The file is not well-formed XML: {ex.Message}");
        }

        return null;
    }

    /// <summary>
    /// Refuses elements nested deeper than <see cref="MaxDepth"/> before the readers, which follow
    /// subprocesses recursively, see them. Malformed XML passes here and is reported by the load.
    /// </summary>
    private static bool WithinDepth(XmlReader reader, DiagnosticList diagnostics)
    {
        try
        {
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && reader.Depth >= MaxDepth)
                {
                    var info = (IXmlLineInfo)reader;
                    diagnostics.Add(null, new(info.LineNumber, info.LinePosition - 1), DiagnosticCodes.NestedTooDeeply,
                        $"Elements are nested more than {MaxDepth} deep here ({reader.LocalName}); draw fewer nested subprocesses.");
                    return false;
                }
            }
        }
        catch (XmlException)
        {
            // Reported with its position by the load that follows.
        }

        return true;
    }

    // XmlReader reports a prohibited DTD only through an XmlException whose message names the DTD.
    private static bool IsDtdRefusal(XmlException ex) => ex.Message.Contains("DTD", StringComparison.Ordinal);

    private static XmlReaderSettings Settings() => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        CloseInput = false,
    };

    private static void TooLarge(long maxBytes, DiagnosticList diagnostics) =>
        diagnostics.Add(null, default, DiagnosticCodes.InputTooLarge, $"The file is larger than the limit of {maxBytes} bytes.");
}
