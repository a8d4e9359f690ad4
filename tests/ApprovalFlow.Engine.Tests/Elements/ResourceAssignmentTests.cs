using ApprovalFlow.Engine.Tests.Support;

namespace ApprovalFlow.Engine.Tests.Elements;

/// <summary>
/// <c>potentialOwner</c> and <c>humanPerformer</c> (BPMN 2.0.2 §10.3.3) at run time, as Camunda 7's
/// <c>UserTaskAssignmentTest</c> asserts (candidate users and groups of the task, the human performer as
/// assignee), with expressions evaluated and the Camunda attributes' candidates kept.
/// </summary>
public class ResourceAssignmentTests
{
    private readonly EngineWorld _world = new("tasks/potential-owner.bpmn");

    [Fact]
    public void PotentialOwners_BecomeCandidateUsersAndGroups_AfterTheCamundaAttributes()
    {
        var instance = _world.Start("owners", new { region = "north", initiator = "gonzo" });

        var task = Assert.Single(instance.Tasks("review"));
        Assert.Equal(["fozzie", "kermit", "gonzo"], task.CandidateUsers);
        Assert.Equal(["sales", "management", "wg-north-chair"], task.CandidateGroups);
        Assert.Null(task.Assignee);
    }

    [Fact]
    public void HumanPerformer_IsTheAssignee()
    {
        var instance = _world.Start("owners", new { region = "north", initiator = "gonzo" });

        instance.Complete("review");

        var task = Assert.Single(instance.Tasks("perform"));
        Assert.Equal("gonzo", task.Assignee);
        Assert.Empty(task.CandidateGroups);
    }
}
