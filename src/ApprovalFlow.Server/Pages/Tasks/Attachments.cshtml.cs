using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Tasks;
using Htmx;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace ApprovalFlow.Server.Pages.Tasks;

/// <summary>
/// Attachments from the task page, through the same <see cref="TaskAttachments"/> as the API: downloads
/// (<c>GET /tasks/{id}/attachments/{attachmentId}</c>, with the API's headers) and uploads
/// (<c>POST /tasks/{id}/attachments</c>, multipart, antiforgery-checked, a body of at most
/// <see cref="AttachmentOptions.MaxRequestBytes"/>). An htmx upload gets the attachments partial back (the
/// new file listed, or the message beside the file field) and the task's history out of band; a plain
/// form post is redirected to the task page with what happened in TempData. A task the user may not see
/// is a 403 page, an unknown task or file a 404 page.
/// </summary>
[AttachmentUpload]
public sealed class AttachmentsModel(TaskAttachments attachments, TaskTimeline timeline, ApprovalFlowDbContext db, ICurrentUser user, IOptions<AttachmentOptions> options)
    : PageModel
{
    /// <summary>The attachments partial.</summary>
    public const string PartialPath = "/Pages/Tasks/_Attachments.cshtml";

    /// <summary>TempData key of a refusal (an <see cref="AttachmentRefusal"/> name) after a plain form post.</summary>
    public const string ErrorKey = "AttachmentError";

    /// <summary>TempData key of the name of the file refused or attached after a plain form post.</summary>
    public const string FileKey = "AttachmentFile";

    /// <summary>Sends attachment <paramref name="attachmentId"/>; without one, goes to the task's attachments.</summary>
    public async Task<IActionResult> OnGetAsync(Guid id, Guid? attachmentId, CancellationToken cancellationToken)
    {
        if (attachmentId is not { } fileId)
        {
            return Redirect($"/tasks/{id}#attachments");
        }

        if (await attachments.FindAsync(id, fileId, cancellationToken) is not { } file)
        {
            return await db.Tasks.AnyAsync(t => t.Id == id, cancellationToken) && await TaskComments.VisibleTaskAsync(db, user, id, cancellationToken) is null
                ? Forbid()
                : NotFound();
        }

        AttachmentFiles.SetDownloadHeaders(Response);
        var result = File(file.Content, file.ContentType, file.FileName);
        result.LastModified = file.UploadedAt;
        result.EntityTag = new EntityTagHeaderValue($"\"{file.Sha256}\"");
        return result;
    }

    /// <summary>Attaches <paramref name="file"/> to task <paramref name="id"/>.</summary>
    public async Task<IActionResult> OnPostAsync(Guid id, IFormFile? file, CancellationToken cancellationToken)
    {
        var result = await attachments.AddAsync(id, file, cancellationToken);
        if (result is AttachmentResult.TaskNotFound)
        {
            return await db.Tasks.AnyAsync(t => t.Id == id, cancellationToken) ? Forbid() : NotFound();
        }

        var refusal = (result as AttachmentResult.Refused)?.Reason;
        var name = file is null ? null : AttachmentNames.Clean(file.FileName);
        if (!Request.IsHtmx())
        {
            TempData[ErrorKey] = refusal?.ToString();
            TempData[FileKey] = name;
            return Redirect($"/tasks/{id}#attachments");
        }

        var list = await attachments.ListAsync(id, cancellationToken) ?? [];
        var task = await TaskComments.VisibleTaskAsync(db, user, id, cancellationToken);
        return Partial("/Pages/Tasks/_AttachmentsResponse.cshtml", (
            new TaskAttachmentsView(id, list, options.Value, refusal, name),
            new TaskHistoryView(task is null ? [] : await timeline.ReadAsync(task, cancellationToken), OutOfBand: true)));
    }
}
