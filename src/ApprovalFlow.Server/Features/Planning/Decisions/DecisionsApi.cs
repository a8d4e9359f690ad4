using ApprovalFlow.Server.Api;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Planning.Cycles;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ApprovalFlow.Server.Features.Planning.Decisions;

/// <summary>
/// The stage decisions API (<c>/api/cycles/{businessKey}/decisions</c>): list, and record a body's decision
/// (<see cref="StageDecisions.RecordAsync"/>). The cycle's participants read; a body's secretariat records its
/// decisions. Errors are RFC 9457 problem details, bad fields a 400 with <c>errors</c> by JSON field.
/// </summary>
public static class DecisionsApi
{
    /// <summary>Maps <c>GET</c> and <c>POST /api/cycles/{businessKey}/decisions</c>.</summary>
    /// <param name="endpoints">The application's endpoints.</param>
    /// <returns><paramref name="endpoints"/>, for chaining.</returns>
    public static IEndpointRouteBuilder MapDecisionsApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var api = endpoints.MapGroup("/api/cycles/{businessKey}/decisions").WithTags("Stage decisions").RequireAuthorization(Policies.SignedIn).RequireCycleParticipant().WithProblemResponses(StatusCodes.Status409Conflict);
        api.MapGet("", ListAsync).WithName("ListDecisions").WithSummary("The bodies' decisions on the cycle's plan, oldest first, with comments per item and what they sent back.");
        api.MapPost("", RecordAsync).WithName("RecordDecision")
            .WithSummary("Records a body's decision (body, decision approve|revise, resolutionNumber and resolutionDate (ISO; required for the city council), comment, items with comment and reopen, workingGroups, taskId). "
                + "A revise names at least one item or working group and reopens exactly those items and the named working groups' items. The body's secretariat.");
        return endpoints;
    }

    internal static async Task<Results<Ok<List<DecisionResponse>>, ProblemHttpResult>> ListAsync(string businessKey, PlanCycles cycles, StageDecisions decisions, CancellationToken cancellationToken) =>
        await cycles.FindAsync(businessKey, cancellationToken) is { } cycle
            ? TypedResults.Ok(await decisions.ListAsync(cycle, cancellationToken))
            : CyclesApi.NotFound(businessKey);

    internal static async Task<Results<Created<DecisionResponse>, ValidationProblem, ProblemHttpResult>> RecordAsync(
        string businessKey, RecordDecisionRequest request, PlanCycles cycles, StageDecisions decisions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await cycles.FindAsync(businessKey, cancellationToken) is not { } cycle)
        {
            return CyclesApi.NotFound(businessKey);
        }

        var (decision, problems) = await decisions.RecordAsync(cycle, request, cancellationToken);
        if (decision is not null)
        {
            return TypedResults.Created($"/api/cycles/{Uri.EscapeDataString(businessKey)}/decisions", decision);
        }

        if (problems.Find(p => p.Status != StatusCodes.Status400BadRequest) is { } refused)
        {
            return TypedResults.Problem(refused.Message, statusCode: refused.Status, title: refused.Status == StatusCodes.Status403Forbidden ? "Not allowed" : "Decision refused");
        }

        return TypedResults.ValidationProblem(
            problems.GroupBy(p => p.Field, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray(), StringComparer.Ordinal),
            $"The decision is not valid: {string.Join("; ", problems.Select(p => $"{p.Field}: {p.Message}"))}",
            title: "Invalid decision");
    }
}
