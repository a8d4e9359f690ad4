using ApprovalFlow.Bpmn.Model;
using ApprovalFlow.Bpmn.Parsing;
using ApprovalFlow.Bpmn.Timers;

namespace ApprovalFlow.Bpmn.Validation;

/// <summary>
/// Timer start events (BPMN 2.0.2 §10.5.2): a literal <c>timeDate</c>, <c>timeDuration</c> or
/// <c>timeCycle</c> (ISO 8601, or Quartz cron for cycles, <see cref="TimerStartScheduleParser"/>) must
/// parse; an expression must be valid JavaScript (it is evaluated when the version becomes the latest,
/// with no variables, and the host refuses the deployment when it fails).
/// </summary>
internal static class TimerStartRules
{
    /// <summary>Reports <see cref="DiagnosticCodes.InvalidTimer"/> and <see cref="DiagnosticCodes.InvalidExpression"/> violations.</summary>
    public static void Check(ProcessGraph graph, DiagnosticList diagnostics)
    {
        foreach (var start in graph.Process.Nodes.Values.OfType<StartEvent>())
        {
            if (start.Timer is not { } timer)
            {
                continue;
            }

            if (timer.Value.Script is { } script)
            {
                if (JavaScriptSyntax.ExpressionError(script) is { } error)
                {
                    diagnostics.Add(start, DiagnosticCodes.InvalidExpression, $"The timer '{timer.Value.Excerpt}' of startEvent '{start.Id}' is not a valid JavaScript expression: {error}");
                }
            }
            else if (!TimerStartScheduleParser.TryParse(timer.Kind, timer.Value.Text, out _, out var error))
            {
                diagnostics.Add(start, DiagnosticCodes.InvalidTimer, $"The timer of startEvent '{start.Id}' is invalid: {error}");
            }
        }
    }
}
