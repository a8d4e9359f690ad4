namespace ApprovalFlow.Server.Web;

/// <summary>Words for a task's priority (BPMN/Camunda integer, 50 by default): above 50 high, below 50 low.</summary>
public static class PriorityText
{
    /// <summary>The resource key (in <c>SharedTexts</c>) of <paramref name="priority"/>: <c>PriorityHigh</c>, <c>PriorityNormal</c> or <c>PriorityLow</c>.</summary>
    public static string Key(int priority) => priority switch
    {
        > 50 => "PriorityHigh",
        < 50 => "PriorityLow",
        _ => "PriorityNormal",
    };
}
