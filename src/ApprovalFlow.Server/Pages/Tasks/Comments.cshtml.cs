using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Tasks;
using Htmx;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Pages.Tasks;

/// <summary>
/// Adds a comment from the task page (<c>POST /tasks/{id}/comments</c>, antiforgery-checked) through the
/// same <see cref="TaskComments"/> as the API. An htmx request gets the comments partial back (the new
/// comment appended, or the message beside the field with the typed text kept) and the task's history
/// out of band; a plain form post is redirected to the task page, a refusal carried in TempData. A task
/// the user may not see is a 403 page, an unknown one a 404 page.
/// </summary>
public sealed class CommentsModel(TaskComments comments, TaskTimeline timeline, ApprovalFlowDbContext db, ICurrentUser user) : PageModel
{
    /// <summary>The comments partial.</summary>
    public const string PartialPath = "/Pages/Tasks/_Comments.cshtml";

    /// <summary>TempData key of a refusal (a <see cref="CommentRefusal"/> name) after a plain form post.</summary>
    public const string ErrorKey = "CommentError";

    /// <summary>TempData key of the refused text after a plain form post.</summary>
    public const string DraftKey = "CommentDraft";

    /// <summary>There is nothing to show here: goes to the task's comments.</summary>
    public IActionResult OnGet(Guid id) => Redirect($"/tasks/{id}#comments");

    /// <summary>Adds the comment <paramref name="text"/> to task <paramref name="id"/>.</summary>
    public async Task<IActionResult> OnPostAsync(Guid id, string? text, CancellationToken cancellationToken)
    {
        var result = await comments.AddAsync(id, text, cancellationToken);
        if (result is CommentResult.TaskNotFound)
        {
            return await db.Tasks.AnyAsync(t => t.Id == id, cancellationToken) ? Forbid() : NotFound();
        }

        var refusal = (result as CommentResult.Refused)?.Reason;
        if (!Request.IsHtmx())
        {
            if (refusal is { } reason)
            {
                TempData[ErrorKey] = reason.ToString();
                TempData[DraftKey] = text?.Length <= TaskComments.MaxLength ? text : null;
            }

            return Redirect($"/tasks/{id}#comments");
        }

        var list = await comments.ListAsync(id, cancellationToken) ?? [];
        var task = await TaskComments.VisibleTaskAsync(db, user, id, cancellationToken);
        return Partial("/Pages/Tasks/_CommentsResponse.cshtml", (
            new TaskCommentsView(id, list, refusal, refusal is null ? null : text, refusal is null),
            new TaskHistoryView(task is null ? [] : await timeline.ReadAsync(task, cancellationToken), OutOfBand: true)));
    }
}
