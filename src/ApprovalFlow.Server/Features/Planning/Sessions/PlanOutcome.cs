namespace ApprovalFlow.Server.Features.Planning.Sessions;

/// <summary>One refused field of a planning write: a stable code (the pages translate it) and the English message the API returns.</summary>
/// <param name="Code">What is wrong, e.g. <c>required</c>, <c>unknown-source</c>, <c>link-kind</c>.</param>
/// <param name="Message">English message for the API's problem details.</param>
public sealed record FieldError(string Code, string Message);

/// <summary>The outcome of a planning read or write: done, not found, not allowed, or refused fields.</summary>
/// <typeparam name="T">What a successful call gives.</typeparam>
public abstract record PlanOutcome<T>
{
    private PlanOutcome()
    {
    }

    /// <summary>It worked.</summary>
    /// <param name="Value">The result.</param>
    public sealed record Done(T Value) : PlanOutcome<T>;

    /// <summary>The cycle, working group, session or item does not exist.</summary>
    /// <param name="Detail">What was not found, for the problem details.</param>
    public sealed record NotFound(string Detail) : PlanOutcome<T>;

    /// <summary>The caller is not a member of the working group.</summary>
    /// <param name="Detail">Who may, for the problem details.</param>
    public sealed record Forbidden(string Detail) : PlanOutcome<T>;

    /// <summary>Fields refused, keyed by their path in the request (e.g. <c>attendees[1].stakeholderGroup</c>).</summary>
    /// <param name="Errors">The refused fields.</param>
    public sealed record Invalid(IReadOnlyDictionary<string, FieldError> Errors) : PlanOutcome<T>;

    /// <summary>The request conflicts with the data (e.g. deleting a session items name as their origin).</summary>
    /// <param name="Detail">Why, for the problem details.</param>
    public sealed record Conflict(string Detail) : PlanOutcome<T>;
}
