namespace ApprovalFlow.Bpmn.Model;

/// <summary>
/// <c>conditionalEventDefinition</c> (BPMN 2.0.2 §10.5.5, Table 10.95): the event occurs when its
/// condition holds. As in Camunda 7, the condition is evaluated when the event's scope is entered (a
/// catch event is reached, an activity with a conditional boundary event starts) and again whenever a
/// variable visible to the waiting event is created or updated, filtered by
/// <see cref="VariableName"/> and <see cref="VariableEvents"/>.
/// </summary>
/// <param name="Condition">The <c>condition</c> (a <c>tFormalExpression</c>): a <c>${...}</c> expression giving a boolean.</param>
/// <param name="VariableName">
/// <c>camunda:variableName</c>: only changes of this variable make the condition be evaluated again;
/// <see langword="null"/> (the default) for a change of any variable.
/// </param>
/// <param name="VariableEvents">
/// <c>camunda:variableEvents</c>: the kinds of change that make the condition be evaluated again;
/// <see cref="ConditionalVariableEvents.Any"/> when not given.
/// </param>
public sealed record ConditionalEventDefinition(Expression Condition, string? VariableName, ConditionalVariableEvents VariableEvents) : EventDefinition;

/// <summary>The kinds of variable change a <see cref="ConditionalEventDefinition"/> listens to (<c>camunda:variableEvents</c>).</summary>
[Flags]
public enum ConditionalVariableEvents
{
    /// <summary>No kind (never stored: an empty attribute is refused).</summary>
    None = 0,

    /// <summary><c>create</c>: a variable that did not exist in its scope is set.</summary>
    Create = 1,

    /// <summary><c>update</c>: a variable that existed in its scope is set again (to any value, the same one too).</summary>
    Update = 2,

    /// <summary><c>delete</c>: a variable is removed (accepted for Camunda compatibility; the engine removes no variables today).</summary>
    Delete = 4,

    /// <summary>Every kind: the default when <c>camunda:variableEvents</c> is not given.</summary>
    Any = Create | Update | Delete,
}
