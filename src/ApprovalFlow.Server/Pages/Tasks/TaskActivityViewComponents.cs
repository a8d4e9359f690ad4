using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Tasks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace ApprovalFlow.Server.Pages.Tasks;

/// <summary>
/// The task page's comments (<c>_Comments.cshtml</c>): the list and the form; after a plain form post that
/// was refused, the message and the typed text come from TempData (<see cref="CommentsModel"/>).
/// </summary>
public sealed class TaskCommentsViewComponent(TaskComments comments) : ViewComponent
{
    /// <summary>Renders the comments of <paramref name="taskId"/>; nothing when the user may not see it.</summary>
    public async Task<IViewComponentResult> InvokeAsync(Guid taskId)
    {
        if (await comments.ListAsync(taskId, HttpContext.RequestAborted) is not { } list)
        {
            return Content(string.Empty);
        }

        var error = Enum.TryParse<CommentRefusal>(TempData[CommentsModel.ErrorKey] as string, out var refusal) ? refusal : (CommentRefusal?)null;
        return View(CommentsModel.PartialPath, new TaskCommentsView(taskId, list, error, TempData[CommentsModel.DraftKey] as string));
    }
}

/// <summary>
/// The task page's attachments (<c>_Attachments.cshtml</c>): the list and the upload form; after a plain
/// form post, what happened comes from TempData (<see cref="AttachmentsModel"/>).
/// </summary>
public sealed class TaskAttachmentsViewComponent(TaskAttachments attachments, IOptions<AttachmentOptions> options) : ViewComponent
{
    /// <summary>Renders the attachments of <paramref name="taskId"/>; nothing when the user may not see it.</summary>
    public async Task<IViewComponentResult> InvokeAsync(Guid taskId)
    {
        if (await attachments.ListAsync(taskId, HttpContext.RequestAborted) is not { } list)
        {
            return Content(string.Empty);
        }

        var error = Enum.TryParse<AttachmentRefusal>(TempData[AttachmentsModel.ErrorKey] as string, out var refusal) ? refusal : (AttachmentRefusal?)null;
        return View(AttachmentsModel.PartialPath, new TaskAttachmentsView(taskId, list, options.Value, error, TempData[AttachmentsModel.FileKey] as string));
    }
}

/// <summary>The task page's own history of the task (<c>_TaskHistory.cshtml</c>).</summary>
public sealed class TaskHistoryViewComponent(ApprovalFlowDbContext db, ICurrentUser user, TaskTimeline timeline) : ViewComponent
{
    /// <summary>The partial's path.</summary>
    public const string PartialPath = "/Pages/Tasks/_TaskHistory.cshtml";

    /// <summary>Renders the history of <paramref name="taskId"/>; nothing when the user may not see it.</summary>
    public async Task<IViewComponentResult> InvokeAsync(Guid taskId)
    {
        var cancellationToken = HttpContext.RequestAborted;
        return await TaskComments.VisibleTaskAsync(db, user, taskId, cancellationToken) is { } task
            ? View(PartialPath, new TaskHistoryView(await timeline.ReadAsync(task, cancellationToken)))
            : Content(string.Empty);
    }
}
