using ApprovalFlow.Server.Api;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Planning.Cycles;
using ApprovalFlow.Server.Features.Planning.Data;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ApprovalFlow.Server.Features.Planning.Consolidation;

/// <summary>
/// The consolidation API of a plan cycle: duplicate suggestions with merge, split and dismiss, and the
/// prioritisation (criteria, weights, AHP comparison, scores, ranking). The cycle's participants read; only
/// planning-office members change (403 otherwise; <see cref="PlanningAccess"/>).
/// </summary>
public static class ConsolidationApi
{
    /// <summary>Maps <c>/api/cycles/{businessKey}/duplicates</c> and <c>/api/cycles/{businessKey}/priorities</c>.</summary>
    /// <param name="endpoints">The app.</param>
    /// <returns><paramref name="endpoints"/>, for chaining.</returns>
    public static IEndpointRouteBuilder MapConsolidationApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var api = endpoints.MapGroup("/api/cycles/{businessKey}").WithTags("Consolidation").RequireAuthorization(Policies.SignedIn).RequireCycleParticipant();
        api.MapGet("/duplicates", DuplicatesAsync).WithName("ListDuplicateSuggestions")
            .WithSummary("Pairs of live items of one kind whose normalised Persian text is similar (pg_trgm, threshold 0.3–1, default 0.6), without dismissed pairs; filters theme, kind, level (either item); paged.");
        api.MapPost("/duplicates/merge", MergeAsync).WithName("MergeItems")
            .WithSummary("Merges two or more items of one kind into a new consolidated item that keeps all their sessions, sources and links; the originals become 'merged'.");
        api.MapPost("/duplicates/split", SplitAsync).WithName("SplitItem")
            .WithSummary("Undoes a merge: removes the consolidated item and gives its originals back their status.");
        api.MapPost("/duplicates/dismiss", DismissAsync).WithName("DismissDuplicateSuggestion")
            .WithSummary("Records that two items are not duplicates; the pair is not suggested again.");
        api.MapGet("/priorities", GetPrioritiesAsync).WithName("GetPriorities")
            .WithSummary("Criteria and weights (defaults on first use), the AHP comparison with its consistency, the scores and the ranked lists per theme and kind.");
        api.MapPut("/priorities", PutPrioritiesAsync).WithName("PutPriorities")
            .WithSummary("Sets criteria, weights (directly or by AHP; refused when CR > 0.1) and scores (1–5).");
        return endpoints;
    }

    internal static async Task<Results<Ok<DuplicatePairPage>, ProblemHttpResult>> DuplicatesAsync(
        string businessKey, PlanCycles cycles, DuplicateSuggestions suggestions, CancellationToken cancellationToken,
        string? theme = null, string? kind = null, string? level = null, double? threshold = null, int page = 1, int pageSize = 20)
    {
        if (await cycles.FindAsync(businessKey, cancellationToken) is not { } cycle)
        {
            return CycleNotFound(businessKey);
        }

        var parsedKind = ConsolidationItems.ParseKind(kind);
        if (kind is not null && parsedKind is null)
        {
            return BadRequest($"'{kind}' is no item kind (problem, strategy, executivePolicy, project).");
        }

        if (threshold is < DuplicateSuggestions.MinThreshold or > 1)
        {
            return BadRequest($"The threshold {threshold} is outside {DuplicateSuggestions.MinThreshold} to 1.");
        }

        (page, pageSize) = Paging.Clamp(page, pageSize);
        var filter = new DuplicateSuggestions.Filter(theme, parsedKind, level, threshold ?? DuplicateSuggestions.DefaultThreshold);
        return TypedResults.Ok(await suggestions.PageAsync(cycle.Id, filter, page, pageSize, cancellationToken));
    }

    internal static async Task<Results<Created<ConsolidationItem>, ProblemHttpResult>> MergeAsync(
        string businessKey, MergeItemsRequest request, PlanCycles cycles, PlanningAccess access, ItemMerger merger, CancellationToken cancellationToken)
    {
        if (await EditableAsync(businessKey, cycles, access, cancellationToken) is not { } cycle)
        {
            return await RefusalAsync(businessKey, cycles, cancellationToken);
        }

        var outcome = await merger.MergeAsync(cycle, request, cancellationToken);
        return outcome.Value is { } item ? TypedResults.Created($"/api/cycles/{businessKey}/items/{item.Id}", item) : Refused(outcome.Refusal!, outcome.Conflict);
    }

    internal static async Task<Results<Ok<IReadOnlyList<ConsolidationItem>>, ProblemHttpResult>> SplitAsync(
        string businessKey, SplitItemRequest request, PlanCycles cycles, PlanningAccess access, ItemMerger merger, CancellationToken cancellationToken)
    {
        if (await EditableAsync(businessKey, cycles, access, cancellationToken) is not { } cycle)
        {
            return await RefusalAsync(businessKey, cycles, cancellationToken);
        }

        var outcome = await merger.SplitAsync(cycle, request.ConsolidatedItemId, cancellationToken);
        return outcome.Value is { } originals ? TypedResults.Ok(originals) : Refused(outcome.Refusal!, outcome.Conflict);
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DismissAsync(
        string businessKey, DismissPairRequest request, PlanCycles cycles, PlanningAccess access, ItemMerger merger, CancellationToken cancellationToken)
    {
        if (await EditableAsync(businessKey, cycles, access, cancellationToken) is not { } cycle)
        {
            return await RefusalAsync(businessKey, cycles, cancellationToken);
        }

        var outcome = await merger.DismissAsync(cycle, request, cancellationToken);
        return outcome.Refusal is null ? TypedResults.NoContent() : Refused(outcome.Refusal, outcome.Conflict);
    }

    internal static async Task<Results<Ok<PrioritiesResponse>, ProblemHttpResult>> GetPrioritiesAsync(
        string businessKey, PlanCycles cycles, Priorities priorities, CancellationToken cancellationToken)
    {
        if (await cycles.FindAsync(businessKey, cancellationToken) is not { } cycle)
        {
            return CycleNotFound(businessKey);
        }

        return TypedResults.Ok(await priorities.GetAsync(cycle, cancellationToken));
    }

    internal static async Task<Results<Ok<PrioritiesResponse>, ProblemHttpResult>> PutPrioritiesAsync(
        string businessKey, PutPrioritiesRequest request, PlanCycles cycles, PlanningAccess access, Priorities priorities, CancellationToken cancellationToken)
    {
        if (await EditableAsync(businessKey, cycles, access, cancellationToken) is not { } cycle)
        {
            return await RefusalAsync(businessKey, cycles, cancellationToken);
        }

        var outcome = await priorities.PutAsync(cycle, request, cancellationToken);
        if (outcome.Value is { } value)
        {
            return TypedResults.Ok(value);
        }

        if (outcome.RefusedComparison is { } ahp)
        {
            return TypedResults.Problem(outcome.Refusal, statusCode: StatusCodes.Status400BadRequest, title: "AHP comparison too inconsistent",
                extensions: new Dictionary<string, object?>
                {
                    ["consistencyRatio"] = Math.Round(ahp.ConsistencyRatio, 6),
                    ["consistencyIndex"] = Math.Round(ahp.ConsistencyIndex, 6),
                    ["randomIndex"] = ahp.RandomIndex,
                    ["maxConsistencyRatio"] = Ahp.MaxConsistencyRatio,
                });
        }

        return BadRequest(outcome.Refusal!);
    }

    private static async Task<PlanCycleRecord?> EditableAsync(string businessKey, PlanCycles cycles, PlanningAccess access, CancellationToken cancellationToken) =>
        await cycles.FindAsync(businessKey, cancellationToken) is { } cycle && await access.CanEditConsolidationAsync(cancellationToken) ? cycle : null;

    /// <summary>404 when the cycle does not exist; otherwise 403 saying who may change it.</summary>
    private static async Task<ProblemHttpResult> RefusalAsync(string businessKey, PlanCycles cycles, CancellationToken cancellationToken) =>
        await cycles.FindAsync(businessKey, cancellationToken) is null
            ? CycleNotFound(businessKey)
            : TypedResults.Problem(
                $"Only members of the planning office (group '{PlanningAccess.PlanningOfficeGroup}') change the consolidation of cycle '{businessKey}'.",
                statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");

    private static ProblemHttpResult CycleNotFound(string businessKey) =>
        TypedResults.Problem($"There is no plan cycle '{businessKey}'.", statusCode: StatusCodes.Status404NotFound, title: "Plan cycle not found");

    private static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid consolidation request");

    private static ProblemHttpResult Refused(string detail, bool conflict) =>
        conflict ? TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Changed meanwhile") : BadRequest(detail);
}
