using ApprovalFlow.Bpmn.Model;
using ApprovalFlow.Bpmn.Parsing;
using static ApprovalFlow.Bpmn.Tests.BpmnXml;

namespace ApprovalFlow.Bpmn.Tests.Parsing;

public class QNameReferenceTests
{
    [Fact]
    public void Parse_PrefixedReferences_ResolveToTheIdsOfThisFile()
    {
        var process = Valid(Fixture("qnames", "prefixed-references.bpmn")).Process("qnames");

        Assert.Equal("newInvoiceMessage", ((ReceiveTask)process.Node("waitForInvoice")).MessageName);
        Assert.Equal("newInvoice", ((ReceiveTask)process.Node("waitForInvoice")).MessageRef);
        Assert.Equal("newInvoiceMessage", ((MessageEventDefinition)((IntermediateCatchEvent)process.Node("waitAgain")).Definition).MessageName);
        var boundary = (BoundaryEvent)process.Node("catchError");
        Assert.Equal("callChild", boundary.AttachedToRef);
        Assert.Equal(new ErrorEventDefinition("myError", "invoiceRejected"), boundary.Definition);
        Assert.Equal(["catchError"], ((Activity)process.Node("callChild")).BoundaryEventIds);
        Assert.Equal("child", ((CallActivity)process.Node("callChild")).CalledElement.Text);
    }

    [Fact]
    public void Parse_PrefixOfAnotherNamespace_DoesNotResolve()
    {
        var xml = Fixture("qnames", "prefixed-references.bpmn")
            .Replace("""<receiveTask id="waitForInvoice" messageRef="tns:newInvoice" />""",
                """<receiveTask id="waitForInvoice" xmlns:other="http://example.com/other" messageRef="other:newInvoice" />""", StringComparison.Ordinal);

        var error = SingleError(xml, DiagnosticCodes.UnknownMessage);

        Assert.Equal("waitForInvoice", error.ElementId);
        Assert.Contains("'other:newInvoice'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_CalledElementExpressionWithColon_IsKeptAsWritten()
    {
        var call = Node<CallActivity>(Around("""<bpmn:callActivity id="X" calledElement="${urgent ? 'a' : 'b'}" />"""));

        Assert.Equal("urgent ? 'a' : 'b'", call.CalledElement.Script);
    }
}
