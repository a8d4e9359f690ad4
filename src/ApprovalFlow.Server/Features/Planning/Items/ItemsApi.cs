using ApprovalFlow.Server.Api;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Planning.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ApprovalFlow.Server.Features.Planning.Items;

/// <summary>Plan items of a cycle and working groups' agreement: <c>/api/cycles/{businessKey}/items</c> and <c>/api/cycles/{businessKey}/agreements</c>.</summary>
public static class ItemsApi
{
    /// <summary>Maps the items and agreements of a cycle (the cycle's participants read; members of the item's working group write; <see cref="PlanningAccess"/>).</summary>
    /// <param name="endpoints">The app's endpoints.</param>
    /// <returns><paramref name="endpoints"/>, for chaining.</returns>
    public static IEndpointRouteBuilder MapPlanItemsApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var items = endpoints.MapGroup("/api/cycles/{businessKey}/items").WithTags("Plan items").RequireAuthorization(Policies.SignedIn).RequireCycleParticipant()
            .WithProblemResponses(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
        items.MapGet("/", ListAsync).WithName("ListPlanItems")
            .WithSummary("The cycle's plan items by kind then age; filters theme, kind (problem|strategy|executivePolicy|project), level, workingGroup, status; paged (page, pageSize up to 200).");
        items.MapGet("/{id:guid}", GetAsync).WithName("GetPlanItem").WithSummary("One plan item with its origins and links.");
        items.MapPost("/", CreateAsync).WithName("CreatePlanItem")
            .WithSummary("Creates a plan item of a working group (its members only): kind, title, description, theme, workingGroup, origins (sessions, sources), from (upstream items: "
                + "a strategy from problems, an executive policy from strategies, a project from executive policies), project fields; theme, level and unit default to the working group's.");
        items.MapPut("/{id:guid}", UpdateAsync).WithName("UpdatePlanItem")
            .WithSummary("Changes a plan item (origins and upstream links replaced; kind and working group stay); an agreed item becomes a draft again.");
        items.MapDelete("/{id:guid}", DeleteAsync).WithName("DeletePlanItem")
            .WithSummary("Deletes a draft or reopened item of a working group (its members only) with its links and origins, keeping a record of who deleted which title when; 409 for an agreed, merged, approved or consolidated item.")
            .WithProblemResponses(StatusCodes.Status409Conflict);
        items.MapPost("/{id:guid}/agreement", AgreeAsync).WithName("AgreePlanItem")
            .WithSummary("Records the working group's agreement on an item: mode consensus, or vote with votesFor > votesAgainst (and votesAbstain); the item becomes agreed.");

        var agreements = endpoints.MapGroup("/api/cycles/{businessKey}/agreements").WithTags("Plan items").RequireAuthorization(Policies.SignedIn).RequireCycleParticipant()
            .WithProblemResponses(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
        agreements.MapGet("/", ListAgreementsAsync).WithName("ListWorkingGroupAgreements").WithSummary("Working groups' decisions on their findings, newest first; workingGroup= keeps one's.");
        agreements.MapPost("/", RecordAgreementAsync).WithName("RecordWorkingGroupAgreement")
            .WithSummary("Records a working group's decision on its findings (approve or revise, with a comment), optionally for its AgreeFindings task (taskId) "
                + "and agreeing every item not yet agreed by consensus (agreeAllByConsensus); the task gives the process this decision and comment.");
        return endpoints;
    }

    internal static async Task<Results<Ok<PlanItemPage>, ValidationProblem, ProblemHttpResult>> ListAsync(
        string businessKey, PlanItems items, CancellationToken cancellationToken,
        string? theme = null, string? kind = null, string? level = null, string? workingGroup = null, string? status = null, int page = 1, int pageSize = 50) =>
        PlanResults.Ok(await items.ListAsync(businessKey, new PlanItemFilter(theme, kind, level, workingGroup, status, page, pageSize), cancellationToken));

    internal static async Task<Results<Ok<PlanItemResponse>, ValidationProblem, ProblemHttpResult>> GetAsync(
        string businessKey, Guid id, PlanItems items, CancellationToken cancellationToken) =>
        PlanResults.Ok(await items.GetAsync(businessKey, id, cancellationToken));

    internal static async Task<Results<Created<PlanItemResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        string businessKey, PlanItemRequest request, PlanItems items, CancellationToken cancellationToken) =>
        PlanResults.Created(await items.CreateAsync(businessKey, request, cancellationToken), i => $"/api/cycles/{Uri.EscapeDataString(businessKey)}/items/{i.Id}");

    internal static async Task<Results<Ok<PlanItemResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        string businessKey, Guid id, PlanItemRequest request, PlanItems items, CancellationToken cancellationToken) =>
        PlanResults.Ok(await items.UpdateAsync(businessKey, id, request, cancellationToken));

    internal static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DeleteAsync(
        string businessKey, Guid id, PlanItems items, CancellationToken cancellationToken) =>
        PlanResults.NoContent(await items.DeleteAsync(businessKey, id, cancellationToken));

    internal static async Task<Results<Ok<PlanItemResponse>, ValidationProblem, ProblemHttpResult>> AgreeAsync(
        string businessKey, Guid id, ItemAgreementRequest request, PlanItems items, CancellationToken cancellationToken) =>
        PlanResults.Ok(await items.AgreeAsync(businessKey, id, request, cancellationToken));

    internal static async Task<Results<Ok<IReadOnlyList<WorkingGroupAgreementResponse>>, ValidationProblem, ProblemHttpResult>> ListAgreementsAsync(
        string businessKey, WorkingGroupAgreements agreements, CancellationToken cancellationToken, string? workingGroup = null) =>
        PlanResults.Ok(await agreements.ListAsync(businessKey, workingGroup, cancellationToken));

    internal static async Task<Results<Created<WorkingGroupAgreementResponse>, ValidationProblem, ProblemHttpResult>> RecordAgreementAsync(
        string businessKey, WorkingGroupAgreementRequest request, WorkingGroupAgreements agreements, CancellationToken cancellationToken) =>
        PlanResults.Created(await agreements.RecordAsync(businessKey, request, cancellationToken), a => $"/api/cycles/{Uri.EscapeDataString(businessKey)}/agreements/{a.Id}");
}
