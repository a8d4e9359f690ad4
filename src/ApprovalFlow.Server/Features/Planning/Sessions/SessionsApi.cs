using ApprovalFlow.Server.Api;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Tasks;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ApprovalFlow.Server.Features.Planning.Sessions;

/// <summary>Working-group sessions of a plan cycle: <c>/api/cycles/{businessKey}/sessions</c>.</summary>
public static class SessionsApi
{
    /// <summary>Maps <c>/api/cycles/{businessKey}/sessions</c> (the cycle's participants read; members of the session's working group write; <see cref="PlanningAccess"/>).</summary>
    /// <param name="endpoints">The app's endpoints.</param>
    /// <returns><paramref name="endpoints"/>, for chaining.</returns>
    public static IEndpointRouteBuilder MapSessionsApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var api = endpoints.MapGroup("/api/cycles/{businessKey}/sessions").WithTags("Plan sessions").RequireAuthorization(Policies.SignedIn).RequireCycleParticipant()
            .WithProblemResponses(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
        api.MapGet("/", ListAsync).WithName("ListPlanSessions").WithSummary("The cycle's working-group sessions by date; workingGroup= keeps one working group's.");
        api.MapGet("/{id:guid}", GetAsync).WithName("GetPlanSession").WithSummary("One session with its attendees and attachments.");
        api.MapPost("/", CreateAsync).WithName("CreatePlanSession")
            .WithSummary("Records a session of a working group (its members only): ISO date, place or online, agenda, minutes, information source codes, attendees (stakeholder id or name and stakeholder group).");
        api.MapPut("/{id:guid}", UpdateAsync).WithName("UpdatePlanSession").WithSummary("Changes a session (attendees replaced); its working group stays.");
        api.MapDelete("/{id:guid}", DeleteAsync).WithName("DeletePlanSession").WithSummary("Deletes a session; 409 while plan items name it as their origin.")
            .WithProblemResponses(StatusCodes.Status409Conflict);
        api.MapPost("/{id:guid}/attachments", AddAttachmentAsync).WithName("AddPlanSessionAttachment")
            .WithSummary("Attaches a file to a session (multipart/form-data, field 'file'), with the limits of task attachments; 413 when too large, 415 when of another type.")
            .Accepts<IFormFile>("multipart/form-data")
            .WithProblemResponses(StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType);
        api.MapGet("/{id:guid}/attachments/{attachmentId:guid}", DownloadAttachmentAsync).WithName("DownloadPlanSessionAttachment")
            .WithSummary("Downloads a session's attachment.");
        return endpoints;
    }

    internal static async Task<Results<Ok<IReadOnlyList<SessionResponse>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        string businessKey, PlanSessions sessions, CancellationToken cancellationToken, string? workingGroup = null) =>
        PlanResults.Ok(await sessions.ListAsync(businessKey, workingGroup, cancellationToken));

    internal static async Task<Results<Ok<SessionResponse>, ValidationProblem, ProblemHttpResult>> GetAsync(
        string businessKey, Guid id, PlanSessions sessions, CancellationToken cancellationToken) =>
        PlanResults.Ok(await sessions.GetAsync(businessKey, id, cancellationToken));

    internal static async Task<Results<Created<SessionResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        string businessKey, SessionRequest request, PlanSessions sessions, CancellationToken cancellationToken) =>
        PlanResults.Created(await sessions.CreateAsync(businessKey, request, cancellationToken), s => $"/api/cycles/{Uri.EscapeDataString(businessKey)}/sessions/{s.Id}");

    internal static async Task<Results<Ok<SessionResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        string businessKey, Guid id, SessionRequest request, PlanSessions sessions, CancellationToken cancellationToken) =>
        PlanResults.Ok(await sessions.UpdateAsync(businessKey, id, request, cancellationToken));

    internal static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DeleteAsync(
        string businessKey, Guid id, PlanSessions sessions, CancellationToken cancellationToken) =>
        PlanResults.NoContent(await sessions.DeleteAsync(businessKey, id, cancellationToken));

    [AttachmentUpload]
    internal static async Task<Results<Created<SessionAttachmentResponse>, ProblemHttpResult>> AddAttachmentAsync(
        string businessKey, Guid id, HttpRequest request, SessionAttachments attachments, CancellationToken cancellationToken)
    {
        var (file, problem) = await AttachmentFiles.ReadUploadAsync(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        return await attachments.AddAsync(businessKey, id, file, cancellationToken) switch
        {
            SessionAttachmentResult.Added added => TypedResults.Created($"/api/cycles/{Uri.EscapeDataString(businessKey)}/sessions/{id}/attachments/{added.Attachment.Id}", added.Attachment),
            SessionAttachmentResult.Refused refused => AttachmentFiles.Refused(refused.Reason, refused.Detail),
            SessionAttachmentResult.NotAllowed notAllowed => PlanResults.Problem(notAllowed.Outcome),
            _ => throw new InvalidOperationException("Unknown attachment result."),
        };
    }

    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult>> DownloadAttachmentAsync(
        string businessKey, Guid id, Guid attachmentId, SessionAttachments attachments, HttpResponse response, CancellationToken cancellationToken)
    {
        if (await attachments.FindAsync(businessKey, id, attachmentId, cancellationToken) is not { } file)
        {
            return TypedResults.Problem($"Session '{id}' of cycle '{businessKey}' has no attachment '{attachmentId}'.", statusCode: StatusCodes.Status404NotFound, title: "Attachment not found");
        }

        return AttachmentFiles.Download(response, file);
    }
}
