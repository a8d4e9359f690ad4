using System.Diagnostics;
using ApprovalFlow.Server.Api;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Planning.Data;
using ApprovalFlow.Server.Features.Planning.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ApprovalFlow.Server.Features.Planning.Progress;

/// <summary>The progress dashboard's figures: <c>GET /api/cycles/{businessKey}/progress</c>.</summary>
public static class ProgressApi
{
    /// <summary>Maps <c>GET /api/cycles/{businessKey}/progress</c> (signed in; everyone in the cycle reads, <see cref="PlanProgress.MayReadAsync"/>).</summary>
    /// <param name="endpoints">The route builder.</param>
    /// <returns><paramref name="endpoints"/>, for chaining.</returns>
    public static IEndpointRouteBuilder MapPlanProgressApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGroup("/api/cycles/{businessKey}").WithTags("Plan progress").RequireAuthorization(Policies.SignedIn)
            .WithProblemResponses(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict)
            .MapGet("/progress", GetAsync).WithName("GetCycleProgress")
            .WithSummary("Where the cycle stands: each working group's state (notStarted, inSessions, drafting, agreed, late: its open task past its due date), by theme and level; the standing items (neither merged nor withdrawn) by theme and kind; the stages with open tasks and their bodies.");
        return endpoints;
    }

    internal static async Task<Results<Ok<CycleProgressResponse>, ProblemHttpResult>> GetAsync(string businessKey, PlanProgress progress, CancellationToken cancellationToken) =>
        await progress.FindReadableAsync(businessKey, cancellationToken) switch
        {
            PlanOutcome<PlanCycleRecord>.Done done => await ReadAsync(progress, done.Value, cancellationToken),
            PlanOutcome<PlanCycleRecord>.Forbidden forbidden => TypedResults.Problem(forbidden.Detail, statusCode: StatusCodes.Status403Forbidden, title: "Not in the cycle"),
            PlanOutcome<PlanCycleRecord>.NotFound notFound => TypedResults.Problem(notFound.Detail, statusCode: StatusCodes.Status404NotFound, title: "Plan cycle not found"),
            var other => throw new UnreachableException($"A cycle lookup gave {other}."),
        };

    /// <summary>The progress, or a 409 problem naming what is missing when the cycle has no working groups yet and the planning directory cannot give them.</summary>
    private static async Task<Results<Ok<CycleProgressResponse>, ProblemHttpResult>> ReadAsync(PlanProgress progress, PlanCycleRecord cycle, CancellationToken cancellationToken)
    {
        try
        {
            return TypedResults.Ok(await progress.ReadAsync(cycle, cancellationToken));
        }
        catch (PlanningDirectoryIncompleteException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status409Conflict, title: "Planning directory incomplete");
        }
    }
}
