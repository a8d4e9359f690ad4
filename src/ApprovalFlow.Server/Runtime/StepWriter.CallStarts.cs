using ApprovalFlow.Engine;
using ApprovalFlow.Engine.Commands;
using ApprovalFlow.Engine.Intents;

namespace ApprovalFlow.Server.Runtime;

/// <summary>Call activities whose called definition cannot be started at a none start event.</summary>
internal sealed partial class StepWriter
{
    /// <summary>
    /// A call activity starts the called process at its none start event (BPMN 2.0.2 §10.3.6; Camunda 7 likewise): a
    /// <c>calledElement</c> expression naming a deployed definition without one (started by signals or messages only)
    /// gets a <see cref="Engine.State.IncidentKind.CalledProcessNotStartable"/> incident on the call activity in the same
    /// step, instead of the child start. Literal names are refused at deploy (<see cref="Features.Definitions.CalledStartChecks"/>);
    /// a missing or non-executable definition is left to <see cref="CalledDefinitionMissingException"/>.
    /// </summary>
    private async Task<StepResult.Applied> RefuseUnstartableChildrenAsync(DeployedDefinition definition, StepResult.Applied step, CancellationToken cancellationToken)
    {
        foreach (var start in step.Intents.OfType<StartChildInstanceIntent>().ToList())
        {
            DeployedDefinition? child;
            try
            {
                child = await catalog.FindAsync(start.DefinitionKey, start.Binding == Bpmn.Model.CalledElementBinding.Version ? start.Version : null, cancellationToken);
            }
            catch (DefinitionNotExecutableException)
            {
                continue;
            }

            var process = child?.Process.Definition;
            if (process is null || process.StartEventId.Length > 0)
            {
                continue;
            }

            var message = $"Call activity '{start.NodeId}' of '{definition.Key}' calls '{child!.Key}' version {child.Version}, which has no none start event "
                + $"(it starts by its signal or message start events {string.Join(", ", process.SignalStartEventIds.Concat(process.MessageStartEventIds))}); "
                + "a call activity starts the called process at its none start event. Deploy a version with one, or fix calledElement, then retry.";
            if (engine.Execute(definition.Process, step.State, new RefuseChildStart(start.ExecutionId, message)) is StepResult.Applied refused)
            {
                step = new StepResult.Applied(refused.State, [.. step.Intents.Where(i => !ReferenceEquals(i, start)), .. refused.Intents], [.. step.History, .. refused.History]);
            }
        }

        return step;
    }
}
