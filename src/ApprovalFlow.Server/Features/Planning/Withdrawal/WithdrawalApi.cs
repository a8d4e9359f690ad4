using System.Diagnostics;
using ApprovalFlow.Server.Api;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Planning.Cycles;
using ApprovalFlow.Server.Features.Planning.Data;
using ApprovalFlow.Server.Features.Planning.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ApprovalFlow.Server.Features.Planning.Withdrawal;

/// <summary>The body of <c>POST /api/cycles/{businessKey}/withdraw</c>.</summary>
/// <param name="Reason">Why the cycle is withdrawn: required, at most 4,000 characters; shown to every participant.</param>
public sealed record WithdrawCycleRequest(string? Reason);

/// <summary>Withdrawing a plan cycle: <c>POST /api/cycles/{businessKey}/withdraw</c> (<see cref="CycleWithdrawal"/>).</summary>
public static class WithdrawalApi
{
    /// <summary>Maps <c>POST /api/cycles/{businessKey}/withdraw</c> (signed in; the planning office and admins, <see cref="PlanningAccess.CanWithdrawCycleAsync"/>).</summary>
    /// <param name="endpoints">The route builder.</param>
    /// <returns><paramref name="endpoints"/>, for chaining.</returns>
    public static IEndpointRouteBuilder MapCycleWithdrawalApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGroup("/api/cycles/{businessKey}").WithTags("Plan cycles").RequireAuthorization(Policies.SignedIn)
            .WithProblemResponses(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict)
            .MapPost("/withdraw", WithdrawAsync).WithName("WithdrawCycle")
            .WithSummary("Withdraws the plan cycle with a reason (planning office and admins): its process's withdrawal event subprocess closes every open task of the cycle and of its working groups, and the cycle's status becomes withdrawn. 400 without a reason; 409 when it was withdrawn already, is approved or its process has ended.");
        return endpoints;
    }

    internal static async Task<Results<Ok<CycleResponse>, ValidationProblem, ProblemHttpResult>> WithdrawAsync(
        string businessKey, WithdrawCycleRequest request, CycleWithdrawal withdrawal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await withdrawal.WithdrawAsync(businessKey, request.Reason, cancellationToken) switch
        {
            PlanOutcome<PlanCycleRecord>.Done done => TypedResults.Ok(CycleResponse.From(done.Value)),
            PlanOutcome<PlanCycleRecord>.Invalid invalid => TypedResults.ValidationProblem(
                invalid.Errors.ToDictionary(e => e.Key, e => new[] { e.Value.Message }, StringComparer.Ordinal),
                $"The cycle was not withdrawn: {string.Join(" ", invalid.Errors.Select(e => $"{e.Key}: {e.Value.Message}"))}",
                title: "Invalid withdrawal"),
            PlanOutcome<PlanCycleRecord>.Forbidden forbidden => TypedResults.Problem(forbidden.Detail, statusCode: StatusCodes.Status403Forbidden, title: "Not allowed to withdraw"),
            PlanOutcome<PlanCycleRecord>.NotFound notFound => TypedResults.Problem(notFound.Detail, statusCode: StatusCodes.Status404NotFound, title: "Plan cycle not found"),
            PlanOutcome<PlanCycleRecord>.Conflict conflict => TypedResults.Problem(conflict.Detail, statusCode: StatusCodes.Status409Conflict, title: "Cycle cannot be withdrawn"),
            var other => throw new UnreachableException($"A withdrawal gave {other}."),
        };
    }
}
