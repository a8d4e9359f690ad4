using ApprovalFlow.Bpmn.Model;
using ApprovalFlow.Bpmn.Parsing;
using static ApprovalFlow.Bpmn.Tests.BpmnXml;

namespace ApprovalFlow.Bpmn.Tests.Validation;

public class NonExecutableProcessTests
{
    [Fact]
    public void Parse_DocumentationPool_IsValidAndMarkedNotExecutable()
    {
        var document = Valid(Fixture("non-executable", "documentation-pool.bpmn"));

        Assert.False(document.Process("citizen").IsExecutable);
        Assert.True(document.Process("office").IsExecutable);
        Assert.Equal("Citizen's side", document.Process("citizen").Name);
    }

    [Fact]
    public void Parse_DocumentationPool_StillChecksTheExecutableProcess()
    {
        var xml = Fixture("non-executable", "documentation-pool.bpmn").Replace(" camunda:candidateGroups=\"office\"", string.Empty, StringComparison.Ordinal);

        var error = SingleError(xml, DiagnosticCodes.MissingAssignment);

        Assert.Equal("Office_Answer", error.ElementId);
    }

    [Fact]
    public void Parse_NonExecutableWithBrokenStructure_ReportsOnlyStructure()
    {
        var xml = Fixture("non-executable", "broken-structure.bpmn");

        var errors = Parse(xml).Errors;

        Assert.Equal([DiagnosticCodes.DuplicateId, DiagnosticCodes.InvalidFlow], errors.Select(e => e.Code));
        Assert.Equal(LineOf(xml, "id=\"S1\""), errors[1].Line);
        Assert.Contains("'Sketch_Missing'", errors[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SameProcessMarkedExecutable_IsCheckedForExecution()
    {
        var xml = Fixture("non-executable", "documentation-pool.bpmn").Replace("isExecutable=\"false\"", "isExecutable=\"true\"", StringComparison.Ordinal);

        var codes = Parse(xml).Errors.Select(e => e.Code).ToHashSet();

        Assert.Contains(DiagnosticCodes.UnsupportedElement, codes);
        Assert.Contains(DiagnosticCodes.MissingTopic, codes);
        Assert.Contains(DiagnosticCodes.MissingAssignment, codes);
        Assert.Contains(DiagnosticCodes.InvalidExpression, codes);
    }

    [Fact]
    public void Parse_NoIsExecutableAttribute_IsExecutable()
    {
        var xml = Around("""<bpmn:task id="X" />""").Replace(" isExecutable=\"true\"", string.Empty, StringComparison.Ordinal);

        Assert.True(Valid(xml).Processes[0].IsExecutable);
    }
}
