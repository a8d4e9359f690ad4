using ApprovalFlow.Bpmn.Parsing;
using static ApprovalFlow.Bpmn.Tests.BpmnXml;

namespace ApprovalFlow.Bpmn.Tests.Parsing;

public class SafeXmlTests
{
    [Fact]
    public void Parse_ExternalEntityPayload_ReportsUnsafeXmlWithoutResolvingIt()
    {
        var error = SingleError(Fixture("rejected", "xxe.bpmn"), DiagnosticCodes.UnsafeXml);

        Assert.Null(error.ElementId);
        Assert.DoesNotContain("root:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EntityExpansionBomb_ReportsUnsafeXml()
    {
        const string bomb = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
            <lolz>&lol2;</lolz>
            """;

        SingleError(bomb, DiagnosticCodes.UnsafeXml);
    }

    [Fact]
    public void Parse_SixMebibyteString_ReportsInputTooLarge()
    {
        var xml = Around("""<bpmn:task id="X" />""").Replace("<bpmn:task id=\"X\" />", $"<bpmn:task id=\"X\"><bpmn:documentation>{new string('a', 6 * 1024 * 1024)}</bpmn:documentation></bpmn:task>", StringComparison.Ordinal);

        SingleError(xml, DiagnosticCodes.InputTooLarge);
    }

    [Fact]
    public void Parse_SixMebibyteStream_ReadsOnlyUpToTheLimit()
    {
        using var stream = new CountingStream(6 * 1024 * 1024);

        var result = new BpmnParser().Parse(stream);

        Assert.Equal(DiagnosticCodes.InputTooLarge, Assert.Single(result.Errors).Code);
        Assert.Equal(BpmnParserOptions.DefaultMaxInputBytes + 1, stream.Position);
    }

    [Fact]
    public void Parse_SmallerLimit_AppliesIt()
    {
        var parser = new BpmnParser(new BpmnParserOptions { MaxInputBytes = 100 });

        Assert.Equal(DiagnosticCodes.InputTooLarge, Assert.Single(parser.Parse(Around("""<bpmn:task id="X" />""")).Errors).Code);
    }

    [Fact]
    public void Parse_MalformedXml_ReportsLineAndColumn()
    {
        var error = SingleError("<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\">\n  <bpmn:process id=\"P\">\n</bpmn:definitions>", DiagnosticCodes.MalformedXml);

        Assert.Equal(3, error.Line);
        Assert.True(error.Column > 0);
    }

    /// <summary>A stream of <c>a</c> bytes that records how far it was read.</summary>
    private sealed class CountingStream(long length) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get; set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - Position);
            Array.Fill(buffer, (byte)'a', offset, n);
            Position += n;
            return n;
        }

        public override void Flush() => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
