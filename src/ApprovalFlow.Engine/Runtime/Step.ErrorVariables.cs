using System.Text.Json;
using ApprovalFlow.Bpmn.Model;
using ApprovalFlow.Engine.State;

namespace ApprovalFlow.Engine.Runtime;

/// <summary>
/// <c>camunda:errorCodeVariable</c> and <c>camunda:errorMessageVariable</c> of a catching error event (Camunda 7
/// <c>ErrorEventDefinition</c>; <c>BoundaryErrorEventTest</c> and <c>ErrorEventSubProcessTest</c> "set error variables"):
/// when an error boundary event or an error event subprocess start catches a BPMN error, the code and the message go
/// into the catching scope's variables, before anything after the catch runs.
/// </summary>
internal sealed partial class Step
{
    /// <summary>Sets the variables <paramref name="catcher"/> names in the scope of <paramref name="scope"/> (as any variable: the nearest scope with the name, else the process scope).</summary>
    /// <param name="scope">The catching scope: the event subprocess's scope, or the scope the boundary event's token runs in.</param>
    /// <param name="catcher">The catching event's definition.</param>
    /// <param name="errorCode">The caught error's code.</param>
    /// <param name="errorMessage">Its message, or <see langword="null"/> (the variable is then set to <c>null</c>, as Camunda 7 does).</param>
    private void SetErrorVariables(Execution? scope, ErrorEventDefinition catcher, string errorCode, string? errorMessage)
    {
        if (catcher is { CodeVariable: null, MessageVariable: null })
        {
            return;
        }

        var variables = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (catcher.CodeVariable is { } codeVariable)
        {
            variables[codeVariable] = JsonSerializer.SerializeToElement(errorCode);
        }

        if (catcher.MessageVariable is { } messageVariable)
        {
            variables[messageVariable] = JsonSerializer.SerializeToElement(errorMessage);
        }

        SetVariables(scope, variables);
    }
}
