using ApprovalFlow.Bpmn.Model;
using ApprovalFlow.Engine.Commands;
using ApprovalFlow.Engine.History;
using ApprovalFlow.Engine.Runtime;
using ApprovalFlow.Engine.State;
using ApprovalFlow.Engine.Tests.Support;

namespace ApprovalFlow.Engine.Tests.Elements;

/// <summary>
/// Message start events (BPMN 2.0.2 §10.5.2), as Camunda 7's <c>MessageStartEventTest</c> asserts: a message
/// starts an instance at the start event waiting for it, with the message's variables and business key, and
/// runs that start event's path; a process with a none start event and message starts started without a
/// message takes the none start event.
/// </summary>
public class MessageStartEventTests
{
    private const string Fixture = "messages/message-start.bpmn";
    private readonly EngineWorld _world = new(Fixture);

    [Fact]
    public void MessageStart_StartsAtItsStartEvent_AndRunsItsPath_WithTheVariablesAndBusinessKey()
    {
        var instance = StartByMessage("permit-request", new { reviewer = "bob", parcel = 1204 }, "PERMIT-7");

        Assert.Equal("permits", instance.State.DefinitionKey);
        Assert.Equal(["review"], instance.OpenTaskNodes);
        Assert.Equal("bob", instance.Tasks("review")[0].Assignee);
        Assert.Equal(1204, instance.Variable("parcel").GetInt32());
        Assert.Equal("PERMIT-7", instance.State.BusinessKey);
        var started = Assert.Single(_world.History, h => h.Type == HistoryEventType.InstanceStarted);
        Assert.Equal("requestStart", started.Data!["startEventId"].GetString());
        Assert.Equal(["requestStart", "review"], instance.Entered());
    }

    [Fact]
    public void SecondMessageStartOfTheSameProcess_RunsItsOwnPath()
    {
        var instance = StartByMessage("permit-renewal");

        Assert.Equal(["renew"], instance.OpenTaskNodes);
        Assert.DoesNotContain("review", instance.Entered());
        Assert.Equal(InstanceStatus.Active, instance.Status);
        instance.Complete("renew");
        Assert.Equal(InstanceStatus.Completed, instance.Status);
    }

    [Fact]
    public void ProcessWithANoneAndMessageStarts_StartedNormally_TakesTheNoneStart()
    {
        var instance = _world.Start("permits");

        Assert.Equal(["manual"], instance.OpenTaskNodes);
        Assert.Equal(["noneStart", "manual"], instance.Entered());
        Assert.Null(Assert.Single(_world.History, h => h.Type == HistoryEventType.InstanceStarted).Data);
    }

    [Fact]
    public void ProcessWithOnlyAMessageStart_CannotBeStartedWithoutIt_AndAnUnknownStartEventIsRefused()
    {
        var document = new Bpmn.Parsing.BpmnParser().Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", Fixture))).Document!;
        var byMessage = new ExecutableProcess(document.Process("by-message"));

        var none = Assert.Throws<ArgumentException>(() => _world.Engine.Start(byMessage, new StartInstance("x")));
        var other = Assert.Throws<ArgumentException>(() => _world.Engine.Start(byMessage, new StartInstance("y", StartEventId: "triage")));

        Assert.Contains("signal, message or timer start events only", none.Message, StringComparison.Ordinal);
        Assert.Contains("'triage' is not a signal, message or timer start event", other.Message, StringComparison.Ordinal);
    }

    /// <summary>Starts the process whose message start event waits for <paramref name="messageName"/>, as the host does when no instance waits for it.</summary>
    private Instance StartByMessage(string messageName, object? variables = null, string? businessKey = null)
    {
        var document = new Bpmn.Parsing.BpmnParser().Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", Fixture))).Document!;
        var (process, startId) = document.Processes
            .SelectMany(p => p.MessageStartEventIds.Select(id => (Process: p, StartId: id)))
            .Single(s => ((StartEvent)s.Process.Node(s.StartId)).Message!.MessageName == messageName);
        return new Instance(_world, _world.StartInstance(process.Id, EngineWorld.ToVariables(variables), businessKey, null, null, startId));
    }
}
