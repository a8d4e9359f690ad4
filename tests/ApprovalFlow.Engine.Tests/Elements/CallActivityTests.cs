using ApprovalFlow.Engine.Intents;
using ApprovalFlow.Engine.State;
using ApprovalFlow.Engine.Tests.Support;

namespace ApprovalFlow.Engine.Tests.Elements;

public class CallActivityTests
{
    private readonly EngineWorld _world = new("calls/call-activity.bpmn");

    [Fact]
    public void MapsVariablesInAndOut()
    {
        var parent = _world.Start("parent", new { theme = "urban-economy", cycle = "mtp-1405", groups = new[] { "g1", "g2" } });

        var start = Assert.Single(_world.Intents.OfType<StartChildInstanceIntent>());
        Assert.Equal("working-group", start.DefinitionKey);
        Assert.Equal("mtp-1405", start.BusinessKey);
        Assert.Equal(["label", "wgTheme"], start.Variables.Keys.Order());
        Assert.Equal("mtp-1405-wg", start.Variables["label"].GetString());
        var child = new Instance(_world, Assert.Single(_world.ChildrenOf(parent.Id)).InstanceId);
        Assert.Equal(["urban-economy-secretary"], child.Tasks()[0].CandidateGroups);

        child.Complete("draftFindings", new { findings = "three problems", scratch = 1 });

        Assert.Equal(InstanceStatus.Completed, child.Status);
        Assert.Equal("three problems", parent.Variable("wgFindings").GetString());
        Assert.False(parent.State.Variables.ContainsKey("scratch"));
    }

    [Fact]
    public void MultiInstanceCallWithAllVariables_StartsOneChildPerItemAndResumesWhenAllComplete()
    {
        var parent = _world.Start("parent", new { theme = "t", cycle = "c", groups = new[] { "g1", "g2" } });
        new Instance(_world, _world.ChildrenOf(parent.Id).Single().InstanceId).Complete("draftFindings", new { findings = "x" });

        var children = _world.ChildrenOf(parent.Id).Where(c => c.Status == InstanceStatus.Active).ToList();
        Assert.Equal(["g1-secretary", "g2-secretary"], children.Select(c => c.Tasks[0].CandidateGroups[0]));
        new Instance(_world, children[0].InstanceId).Complete("draftFindings", new { last = "g1" });
        Assert.Empty(parent.Tasks());
        new Instance(_world, children[1].InstanceId).Complete("draftFindings", new { last = "g2" });

        Assert.Equal(["after"], parent.OpenTaskNodes);
        Assert.Equal("g2", parent.Variable("last").GetString());
    }

    [Fact]
    public void CancellingParent_CancelsChild()
    {
        var parent = _world.Start("parent", new { theme = "t", cycle = "c", groups = new[] { "g1" } });

        parent.Execute(new Commands.CancelInstance());

        Assert.Equal(InstanceStatus.Cancelled, Assert.Single(_world.ChildrenOf(parent.Id)).Status);
    }
}

public class IncidentTests
{
    [Fact]
    public void FailingCondition_RaisesIncident_RetryWithVariableResumes()
    {
        var world = new EngineWorld("events/incidents.bpmn");
        var instance = world.Start("incidents");

        var incident = Assert.Single(instance.State.Incidents);
        Assert.Equal("route", incident.NodeId);
        Assert.Contains("amount is not defined", incident.Message, StringComparison.Ordinal);
        Assert.Contains(world.Intents, i => i is RaiseIncidentIntent r && r.Incident.Id == incident.Id);

        instance.Execute(new Commands.RetryIncident(incident.Id, EngineWorld.ToVariables(new { amount = 500 })));

        Assert.Equal(["bigTask"], instance.OpenTaskNodes);
        Assert.Empty(instance.State.Incidents);
    }

    [Fact]
    public void EndlessCondition_RaisesIncident()
    {
        var world = new EngineWorld("events/incidents.bpmn");

        var instance = world.Start("endless");

        // Time or statements, whichever the machine reaches first: either stops the condition.
        var incident = Assert.Single(instance.State.Incidents);
        Assert.Equal("spin", incident.NodeId);
        Assert.Matches("Timeout|StatementLimit", incident.Message);
    }
}
