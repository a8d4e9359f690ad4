using System.Globalization;
using ApprovalFlow.Bpmn.Model;
using ApprovalFlow.Bpmn.Parsing;

namespace ApprovalFlow.Bpmn.Validation;

/// <summary>
/// <c>camunda:taskPriority</c> written as fixed text must be an integer (64-bit), as Camunda 7 refuses at deploy
/// ("is not a valid number"); on the process, its expression syntax is checked here too (the tasks' by
/// <see cref="ExpressionRules"/>).
/// </summary>
internal static class TaskPriorityRules
{
    /// <summary>Reports <see cref="DiagnosticCodes.InvalidExpression"/> for a literal priority that is no integer.</summary>
    public static void Check(ProcessGraph graph, DiagnosticList diagnostics)
    {
        foreach (var task in graph.Process.Nodes.Values.OfType<ServiceTask>())
        {
            if (task.TaskPriority is { IsLiteral: true, Text: var text } && !IsInteger(text))
            {
                diagnostics.Add(task, DiagnosticCodes.InvalidExpression, $"camunda:taskPriority '{text}' of {task.ElementType} '{task.Id}' is not an integer (or a ${{...}} expression giving one).");
            }
        }

        switch (graph.Process.TaskPriority)
        {
            case { IsLiteral: true, Text: var text } when !IsInteger(text):
                diagnostics.Add(graph.Process.Id, graph.Process.Position, DiagnosticCodes.InvalidExpression,
                    $"camunda:taskPriority '{text}' of process '{graph.Process.Id}' is not an integer (or a ${{...}} expression giving one).");
                break;
            case { Script: { } script } when JavaScriptSyntax.ExpressionError(script) is { } error:
                diagnostics.Add(graph.Process.Id, graph.Process.Position, DiagnosticCodes.InvalidExpression,
                    $"camunda:taskPriority of process '{graph.Process.Id}' is not a valid expression: {error}");
                break;
        }
    }

    /// <summary>Whether <paramref name="text"/> is a 64-bit integer, as Camunda 7 reads a priority.</summary>
    public static bool IsInteger(string text) => long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);
}
