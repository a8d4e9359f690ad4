using ApprovalFlow.Bpmn.Model;
using ApprovalFlow.Bpmn.Parsing;
using static ApprovalFlow.Bpmn.Tests.BpmnXml;

namespace ApprovalFlow.Bpmn.Tests.Parsing;

/// <summary>
/// <c>potentialOwner</c> and <c>humanPerformer</c> (BPMN 2.0.2 §10.3.3) read as Camunda 7's
/// <c>BpmnParse</c> does (its <c>UserTaskAssignmentTest</c>/<c>TaskAssignmentExtensionsTest</c> fixtures):
/// <c>user(x)</c> is a candidate user, <c>group(y)</c> and plain text candidate groups, the human performer the assignee.
/// </summary>
public class ResourceAssignmentParsingTests
{
    private static string Owner(string expression) =>
        $"<bpmn:potentialOwner><bpmn:resourceAssignmentExpression><bpmn:formalExpression>{expression}</bpmn:formalExpression></bpmn:resourceAssignmentExpression></bpmn:potentialOwner>";

    private static string Performer(string expression) =>
        $"<bpmn:humanPerformer><bpmn:resourceAssignmentExpression><bpmn:formalExpression>{expression}</bpmn:formalExpression></bpmn:resourceAssignmentExpression></bpmn:humanPerformer>";

    [Fact]
    public void Parse_PotentialOwnerList_SplitsUsersAndGroups_PlainEntriesAreGroups()
    {
        var task = Node<UserTask>(Around($$"""<bpmn:userTask id="X">{{Owner("user(kermit), group(management), accountancy, user(${initiator})")}}</bpmn:userTask>"""));

        Assert.Equal(["kermit", "${initiator}"], task.PotentialOwnerUsers.Select(e => e.Text));
        Assert.Equal("initiator", task.PotentialOwnerUsers[1].Script);
        Assert.Equal(["management", "accountancy"], task.PotentialOwnerGroups.Select(e => e.Text));
        Assert.Null(task.Assignee);
    }

    [Fact]
    public void Parse_HumanPerformer_IsTheAssignee_AndTheCamundaAttributeWins()
    {
        Assert.Equal("kermit", Node<UserTask>(Around($"""<bpmn:userTask id="X">{Performer("kermit")}</bpmn:userTask>""")).Assignee!.Text);
        Assert.Equal("gonzo", Node<UserTask>(Around($"""<bpmn:userTask id="X">{Performer("user(gonzo)")}</bpmn:userTask>""")).Assignee!.Text);
        Assert.Equal("fozzie", Node<UserTask>(Around($"""<bpmn:userTask id="X" camunda:assignee="fozzie">{Performer("kermit")}</bpmn:userTask>""")).Assignee!.Text);
    }

    [Fact]
    public void Parse_PotentialOwnerAlone_SatisfiesTheAssignmentRule()
    {
        Valid(Around($"""<bpmn:userTask id="X">{Owner("management")}</bpmn:userTask>"""));
    }

    [Fact]
    public void Parse_CommaInsideAnExpression_DoesNotSplit()
    {
        var task = Node<UserTask>(Around($$$"""<bpmn:userTask id="X">{{{Owner("group(${pick(a, b)}), user(x)")}}}</bpmn:userTask>"""));

        Assert.Equal(["${pick(a, b)}"], task.PotentialOwnerGroups.Select(e => e.Text));
        Assert.Equal(["x"], task.PotentialOwnerUsers.Select(e => e.Text));
    }

    [Fact]
    public void Parse_TwoHumanPerformers_AreRefused()
    {
        var xml = Around($"""<bpmn:userTask id="X" camunda:candidateGroups="g">{Performer("a")}{Performer("b")}</bpmn:userTask>""");

        Assert.Equal("X", SingleError(xml, DiagnosticCodes.InvalidResourceAssignment).ElementId);
    }

    [Fact]
    public void Parse_PotentialOwnerWithoutFormalExpression_IsRefused()
    {
        var xml = Around("""<bpmn:userTask id="X" camunda:assignee="a"><bpmn:potentialOwner><bpmn:resourceRef>r</bpmn:resourceRef></bpmn:potentialOwner></bpmn:userTask>""");

        Assert.Contains("formalExpression", SingleError(xml, DiagnosticCodes.InvalidResourceAssignment).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_HumanPerformerNamingAGroup_IsRefused()
    {
        var xml = Around($"""<bpmn:userTask id="X" camunda:candidateGroups="g">{Performer("group(management)")}</bpmn:userTask>""");

        Assert.Contains("one user", SingleError(xml, DiagnosticCodes.InvalidResourceAssignment).Message, StringComparison.Ordinal);
    }
}
