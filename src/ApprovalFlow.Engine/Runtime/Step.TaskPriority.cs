using System.Globalization;
using ApprovalFlow.Bpmn.Model;
using ApprovalFlow.Engine.State;

namespace ApprovalFlow.Engine.Runtime;

/// <summary>External task priority (Camunda 7 <c>camunda:taskPriority</c>).</summary>
internal sealed partial class Step
{
    /// <summary>
    /// The priority of a new job of <paramref name="node"/>: its <c>camunda:taskPriority</c>, else the process's,
    /// else 0, as Camunda 7 resolves it; an expression is evaluated in the task's scope and must give an integer.
    /// </summary>
    private bool TryTaskPriority(Execution execution, ServiceTask node, out long priority, out string error)
    {
        priority = 0;
        var expression = node.TaskPriority ?? Process.Definition.TaskPriority;
        if (!TryString(execution, expression, out var text, out error) || text is null)
        {
            return error.Length == 0;
        }

        if (long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out priority))
        {
            return true;
        }

        error = $"camunda:taskPriority '{expression!.Text}' gave '{text}', not an integer.";
        return false;
    }
}
