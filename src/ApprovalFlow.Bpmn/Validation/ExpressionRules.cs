using ApprovalFlow.Bpmn.Model;
using ApprovalFlow.Bpmn.Parsing;
using ApprovalFlow.Bpmn.Timers;

namespace ApprovalFlow.Bpmn.Validation;

/// <summary>
/// Syntax of every expression, script and literal timer: JavaScript through Acornima (the parser of
/// Jint, which evaluates them), ISO 8601 through <see cref="TimerScheduleParser"/>.
/// </summary>
internal static class ExpressionRules
{
    /// <summary>Reports <see cref="DiagnosticCodes.InvalidExpression"/> and <see cref="DiagnosticCodes.InvalidTimer"/> violations.</summary>
    public static void Check(ProcessGraph graph, DiagnosticList diagnostics)
    {
        foreach (var flow in graph.Process.Flows.Values)
        {
            CheckCondition(flow, "conditionExpression", flow.Condition, diagnostics);
        }

        foreach (var node in graph.Process.Nodes.Values)
        {
            foreach (var (what, expression) in ExpressionsOf(node))
            {
                CheckExpression(node, what, expression, diagnostics);
            }

            if (node is Activity { MultiInstance.CompletionCondition: { } completion })
            {
                CheckCondition(node, "completionCondition", completion, diagnostics);
            }

            if (ConditionalOf(node) is { } conditional)
            {
                CheckCondition(node, "condition", conditional.Condition, diagnostics);
            }

            switch (node)
            {
                case IntermediateCatchEvent { Definition: TimerEventDefinition timer }:
                    CheckTimer(node, timer, diagnostics);
                    break;
                case BoundaryEvent { Definition: TimerEventDefinition timer }:
                    CheckTimer(node, timer, diagnostics);
                    break;
                case StartEvent { Trigger: TimerEventDefinition timer }:
                    CheckTimer(node, timer, diagnostics);
                    break;
                case ScriptTask { Script.Length: > 0 } script when JavaScriptSyntax.ScriptError(script.Script) is { } error:
                    diagnostics.Add(node, DiagnosticCodes.InvalidExpression, $"The script of scriptTask '{node.Id}' is not valid JavaScript: {error}");
                    break;
                case UserTask when node.Properties.TryGetValue("reminders", out var reminders) && !reminders.Contains("${", StringComparison.Ordinal)
                    && !ReminderPolicy.TryParse(reminders, out _, out var reminderError):
                    diagnostics.Add(node, DiagnosticCodes.InvalidTimer, $"The reminders property '{reminders}' of userTask '{node.Id}' is not a reminder policy: {reminderError}");
                    break;
                case ServiceTask { RetryTimeCycle: { } cycle } when !IsRetryCycle(cycle):
                    diagnostics.Add(node, DiagnosticCodes.InvalidTimer,
                        $"camunda:failedJobRetryTimeCycle '{cycle}' of {node.ElementType} '{node.Id}' is neither R<n>/<duration> (n attempts, no start date) nor a comma-separated list of durations.");
                    break;
            }
        }
    }

    private static IEnumerable<(string What, Expression? Expression)> ExpressionsOf(FlowNode node)
    {
        if (node is Activity { MultiInstance: { } mi })
        {
            yield return ("loopCardinality", mi.LoopCardinality);
            yield return ("camunda:collection", mi.Collection);
        }

        if (node is UserTask task)
        {
            yield return ("camunda:assignee", task.Assignee);
            yield return ("camunda:candidateUsers", task.CandidateUsers);
            yield return ("camunda:candidateGroups", task.CandidateGroups);
            yield return ("camunda:dueDate", task.DueDate);
            yield return ("camunda:followUpDate", task.FollowUpDate);
            yield return ("camunda:priority", task.Priority);
            foreach (var owner in task.PotentialOwnerUsers.Concat(task.PotentialOwnerGroups))
            {
                yield return ("potentialOwner", owner);
            }
        }

        if (node is ServiceTask service)
        {
            yield return ("camunda:taskPriority", service.TaskPriority);
        }

        if (SignalOf(node) is { } signal)
        {
            yield return ("signal name", signal.SignalName);
            foreach (var mapping in signal.In)
            {
                yield return ("sourceExpression", mapping.SourceExpression);
            }
        }

        if (node is CallActivity call)
        {
            yield return ("calledElement", call.CalledElement);
            yield return ("camunda:in businessKey", call.BusinessKey);
            foreach (var mapping in call.In.Concat(call.Out))
            {
                yield return ("sourceExpression", mapping.SourceExpression);
            }
        }
    }

    private static SignalEventDefinition? SignalOf(FlowNode node) => node switch
    {
        StartEvent start => start.Signal ?? start.Trigger as SignalEventDefinition,
        EndEvent end => end.Throws as SignalEventDefinition,
        IntermediateThrowEvent throwEvent => throwEvent.Definition as SignalEventDefinition,
        IntermediateCatchEvent catchEvent => catchEvent.Definition as SignalEventDefinition,
        BoundaryEvent boundary => boundary.Definition as SignalEventDefinition,
        _ => null,
    };

    private static ConditionalEventDefinition? ConditionalOf(FlowNode node) => node switch
    {
        IntermediateCatchEvent catchEvent => catchEvent.Definition as ConditionalEventDefinition,
        BoundaryEvent boundary => boundary.Definition as ConditionalEventDefinition,
        StartEvent start => start.Trigger as ConditionalEventDefinition,
        _ => null,
    };

    private static void CheckExpression(FlowElement owner, string what, Expression? expression, DiagnosticList diagnostics)
    {
        if (expression?.Script is { } script && JavaScriptSyntax.ExpressionError(script) is { } error)
        {
            diagnostics.Add(owner, DiagnosticCodes.InvalidExpression, $"The {what} '{expression.Excerpt}' of {Describe(owner)} is not a valid JavaScript expression: {error}");
        }
    }

    /// <summary>A condition is an expression, or the literal <c>true</c>/<c>false</c> (read as that boolean by <see cref="Expression.ParseCondition"/>).</summary>
    private static void CheckCondition(FlowElement owner, string what, Expression? condition, DiagnosticList diagnostics)
    {
        if (condition is { IsLiteral: true })
        {
            diagnostics.Add(owner, DiagnosticCodes.InvalidExpression,
                $"The {what} '{condition.Excerpt}' of {Describe(owner)} is not an expression: write it as ${{...}}, e.g. ${{{condition.Excerpt}}} (only true and false may be written without ${{}}).");
            return;
        }

        CheckExpression(owner, what, condition, diagnostics);
    }

    private static string Describe(FlowElement owner) => owner is SequenceFlow flow ? flow.Describe() : $"{((FlowNode)owner).ElementType} '{owner.Id}'";

    private static void CheckTimer(FlowNode node, TimerEventDefinition timer, DiagnosticList diagnostics)
    {
        if (!timer.Value.IsLiteral)
        {
            CheckExpression(node, "timer", timer.Value, diagnostics);
        }
        else if (!TimerScheduleParser.TryParse(timer.Kind, timer.Value.Text, out _, out var error))
        {
            diagnostics.Add(node, DiagnosticCodes.InvalidTimer, $"The timer of {node.ElementType} '{node.Id}' is invalid: {error}");
        }
    }

    private static bool IsRetryCycle(string cycle) => RetrySchedule.TryParse(cycle, out _);
}
