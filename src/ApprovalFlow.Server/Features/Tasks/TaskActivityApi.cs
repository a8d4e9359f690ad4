using ApprovalFlow.Server.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ApprovalFlow.Server.Features.Tasks;

/// <summary>Comments and attachments of a task: <c>/api/tasks/{id}/comments</c> and <c>/api/tasks/{id}/attachments</c>.</summary>
public static class TaskActivityApi
{
    /// <summary>Maps the comments and attachments under <paramref name="tasks"/>, the <c>/api/tasks</c> group.</summary>
    public static RouteGroupBuilder MapTaskActivityApi(this RouteGroupBuilder tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        tasks.MapGet("/{id:guid}/comments", ListCommentsAsync).WithName("ListTaskComments")
            .WithSummary("The task's comments, oldest first (everyone who can see the task).");
        tasks.MapPost("/{id:guid}/comments", AddCommentAsync).WithName("AddTaskComment")
            .WithSummary($"Adds a plain-text comment (not blank, at most {TaskComments.MaxLength} characters, kept as typed); recorded in the task's history.");
        tasks.MapGet("/{id:guid}/attachments", ListAttachmentsAsync).WithName("ListTaskAttachments")
            .WithSummary("The task's attachments (metadata), oldest first.");
        tasks.MapPost("/{id:guid}/attachments", AddAttachmentAsync).WithName("AddTaskAttachment")
            .WithSummary("Uploads a file (multipart/form-data, field 'file'): a type of Attachments:AllowedTypes whose content matches its extension, at most Attachments:MaxBytes; 413 when too large, 415 when of another type.")
            .Accepts<IFormFile>("multipart/form-data")
            .WithProblemResponses(StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType);
        tasks.MapGet("/{id:guid}/attachments/{attachmentId:guid}", DownloadAttachmentAsync).WithName("DownloadTaskAttachment")
            .WithSummary("Downloads an attachment: its media type, Content-Disposition attachment with the file name (RFC 6266, RFC 5987), X-Content-Type-Options nosniff.");
        return tasks;
    }

    internal static async Task<Results<Ok<IReadOnlyList<TaskCommentResponse>>, ProblemHttpResult>> ListCommentsAsync(Guid id, TaskComments comments, CancellationToken cancellationToken) =>
        await comments.ListAsync(id, cancellationToken) is { } list ? TypedResults.Ok(list) : NotFound(id);

    internal static async Task<Results<Created<TaskCommentResponse>, ProblemHttpResult>> AddCommentAsync(
        Guid id, AddTaskCommentRequest request, TaskComments comments, CancellationToken cancellationToken) =>
        await comments.AddAsync(id, request.Text, cancellationToken) switch
        {
            CommentResult.Added added => TypedResults.Created($"/api/tasks/{id}/comments", added.Comment),
            CommentResult.Refused refused => TypedResults.Problem(refused.Detail, statusCode: StatusCodes.Status400BadRequest, title: "Comment refused"),
            _ => NotFound(id),
        };

    internal static async Task<Results<Ok<IReadOnlyList<TaskAttachmentResponse>>, ProblemHttpResult>> ListAttachmentsAsync(Guid id, TaskAttachments attachments, CancellationToken cancellationToken) =>
        await attachments.ListAsync(id, cancellationToken) is { } list ? TypedResults.Ok(list) : NotFound(id);

    [AttachmentUpload]
    internal static async Task<Results<Created<TaskAttachmentResponse>, ProblemHttpResult>> AddAttachmentAsync(
        Guid id, HttpRequest request, TaskAttachments attachments, CancellationToken cancellationToken)
    {
        var (file, problem) = await AttachmentFiles.ReadUploadAsync(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        return await attachments.AddAsync(id, file, cancellationToken) switch
        {
            AttachmentResult.Added added => TypedResults.Created($"/api/tasks/{id}/attachments/{added.Attachment.Id}", added.Attachment),
            AttachmentResult.Refused refused => AttachmentFiles.Refused(refused.Reason, refused.Detail),
            _ => NotFound(id),
        };
    }

    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult>> DownloadAttachmentAsync(
        Guid id, Guid attachmentId, TaskAttachments attachments, HttpResponse response, CancellationToken cancellationToken)
    {
        if (await attachments.FindAsync(id, attachmentId, cancellationToken) is not { } file)
        {
            return TypedResults.Problem(
                $"Attachment '{attachmentId}' of task '{id}' does not exist or is not visible to you.", statusCode: StatusCodes.Status404NotFound, title: "Attachment not found");
        }

        return AttachmentFiles.Download(response, file);
    }

    private static ProblemHttpResult NotFound(Guid id) =>
        TypedResults.Problem($"Task '{id}' does not exist or is not visible to you.", statusCode: StatusCodes.Status404NotFound, title: "Task not found");
}
