using Microsoft.AspNetCore.Http.HttpResults;

namespace ApprovalFlow.Server.Features.Planning.Sessions;

/// <summary>Maps <see cref="PlanOutcome{T}"/> to the API's responses: RFC 9457 problem details (404, 403, 409) or validation problems (400 with <c>errors</c> by field path).</summary>
internal static class PlanResults
{
    /// <summary>200 with the value, or the problem.</summary>
    public static Results<Ok<T>, ValidationProblem, ProblemHttpResult> Ok<T>(PlanOutcome<T> outcome) => outcome switch
    {
        PlanOutcome<T>.Done done => TypedResults.Ok(done.Value),
        PlanOutcome<T>.Invalid invalid => Invalid(invalid),
        _ => Problem(outcome),
    };

    /// <summary>201 at <paramref name="location"/> with the value, or the problem.</summary>
    public static Results<Created<T>, ValidationProblem, ProblemHttpResult> Created<T>(PlanOutcome<T> outcome, Func<T, string> location) => outcome switch
    {
        PlanOutcome<T>.Done done => TypedResults.Created(location(done.Value), done.Value),
        PlanOutcome<T>.Invalid invalid => Invalid(invalid),
        _ => Problem(outcome),
    };

    /// <summary>204, or the problem.</summary>
    public static Results<NoContent, ValidationProblem, ProblemHttpResult> NoContent<T>(PlanOutcome<T> outcome) => outcome switch
    {
        PlanOutcome<T>.Done => TypedResults.NoContent(),
        PlanOutcome<T>.Invalid invalid => Invalid(invalid),
        _ => Problem(outcome),
    };

    /// <summary>The problem of a not-found, forbidden or conflict outcome.</summary>
    public static ProblemHttpResult Problem<T>(PlanOutcome<T> outcome) => outcome switch
    {
        PlanOutcome<T>.NotFound notFound => TypedResults.Problem(notFound.Detail, statusCode: StatusCodes.Status404NotFound, title: "Not found"),
        PlanOutcome<T>.Forbidden forbidden => TypedResults.Problem(forbidden.Detail, statusCode: StatusCodes.Status403Forbidden, title: "Not a member of the working group"),
        PlanOutcome<T>.Conflict conflict => TypedResults.Problem(conflict.Detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict"),
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Not a problem outcome."),
    };

    private static ValidationProblem Invalid<T>(PlanOutcome<T>.Invalid invalid) =>
        TypedResults.ValidationProblem(
            invalid.Errors.ToDictionary(e => e.Key, e => new[] { e.Value.Message }, StringComparer.Ordinal),
            $"The request was refused: {string.Join(" ", invalid.Errors.Select(e => $"{e.Key}: {e.Value.Message}"))}",
            title: "Invalid plan data");
}
