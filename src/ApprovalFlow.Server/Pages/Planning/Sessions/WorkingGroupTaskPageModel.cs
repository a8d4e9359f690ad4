using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Definitions;
using ApprovalFlow.Server.Features.Planning;
using ApprovalFlow.Server.Features.Planning.Sessions;
using ApprovalFlow.Server.Features.Tasks;
using ApprovalFlow.Server.Pages.Tasks;
using ApprovalFlow.Server.Runtime;
using ApprovalFlow.Server.Web;
using Microsoft.Extensions.Localization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Pages.Planning.Sessions;

/// <summary>The services every working-group task page uses, in one parameter.</summary>
/// <param name="Db">The database.</param>
/// <param name="User">The signed-in user.</param>
/// <param name="Tasks">Finds a task's cycle and working group.</param>
/// <param name="Access">Who may edit a working group's content.</param>
/// <param name="Runner">Runs the engine (completing the task).</param>
/// <param name="Forms">Task forms (for the API's complete handler).</param>
/// <param name="Pages">Task pages (for the API's complete handler).</param>
/// <param name="TaskTexts">The task page's texts (the Jalali date picker's).</param>
public sealed record WorkingGroupPageServices(
    ApprovalFlowDbContext Db, ICurrentUser User, WorkingGroupTasks Tasks, PlanningAccess Access, InstanceRunner Runner, TaskForms Forms, TaskPages Pages,
    IStringLocalizer<TaskTexts> TaskTexts);

/// <summary>
/// What the working groups' task pages share: the task (visible to the user, else 403/404 as on the task page), its
/// cycle and working group, whether the user may edit (a member of the working group) and complete (holds the open
/// task), the field errors of the last write in the user's language, and completing through the API's handler.
/// </summary>
/// <param name="services">The services.</param>
public abstract class WorkingGroupTaskPageModel(WorkingGroupPageServices services) : PageModel
{
    /// <summary>The services.</summary>
    protected WorkingGroupPageServices Services { get; } = services;

    /// <summary>The task.</summary>
    public UserTaskRecord Task { get; private set; } = null!;

    /// <summary>The task's cycle and working group.</summary>
    public WorkingGroupTask Context { get; private set; } = null!;

    /// <summary>Whether the user may record the working group's content.</summary>
    public bool CanEdit { get; private set; }

    /// <summary>Whether the user may complete the task (it is open and theirs).</summary>
    public bool CanComplete { get; private set; }

    /// <summary>Refused fields of the last write, by request path (e.g. <c>agenda</c>), with their codes.</summary>
    public IReadOnlyDictionary<string, FieldError> Errors { get; protected set; } = new Dictionary<string, FieldError>();

    /// <summary>What the task still needs (shown after a refused completion, and as the checklist).</summary>
    public IReadOnlyList<PageGap> Gaps { get; protected set; } = [];

    /// <summary>Whether the user just tried to complete and was refused.</summary>
    public bool CompletionRefused { get; protected set; }

    /// <summary>A notice resource key (e.g. <c>Saved</c>), or <see langword="null"/>.</summary>
    [TempData(Key = "WorkingGroupNotice")]
    public string? Notice { get; set; }

    /// <summary>The Jalali date picker's texts (script-safe JSON) on Persian pages, as task forms have them; <see langword="null"/> on English pages, which keep the plain ISO field.</summary>
    public string? CalendarJson => UserLanguage.Current != UserLanguage.Persian ? null : FormSchemas.ScriptJson(TaskModel.JalaliCalendarTexts(Services.TaskTexts));

    /// <summary>The error of <paramref name="key"/>, or <see langword="null"/>.</summary>
    /// <param name="key">A request path.</param>
    public FieldError? ErrorOf(string key) => Errors.GetValueOrDefault(key);

    /// <summary>Loads the task; a result to return when it is not there or not visible, else <see langword="null"/>.</summary>
    /// <param name="id">The task id.</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    protected async Task<IActionResult?> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var (found, refusal) = await VisibleTasks.FindAsync(this, id, Services.Db, Services.User, cancellationToken);
        if (found is null)
        {
            return refusal;
        }

        Task = found;
        if (await Services.Tasks.FindAsync(Task, cancellationToken) is not { } context)
        {
            return NotFound();
        }

        Context = context;
        CanEdit = Task.Status == UserTaskStatus.Open && await Services.Access.CanEditWorkingGroupAsync(context.Group, cancellationToken);
        CanComplete = Task.Status == UserTaskStatus.Open && Task.Assignee == Services.User.Id;
        return null;
    }

    /// <summary>Loads the task for a write: a result to return when it is not there, not visible or the user may not edit it (403), else <see langword="null"/>.</summary>
    /// <param name="id">The task id.</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    protected async Task<IActionResult?> LoadForEditAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ?? (CanEdit ? null : Forbid());

    /// <summary>Completes the task through the API's handler: to the inbox with a notice, or the page again with what is missing.</summary>
    /// <param name="id">The task id.</param>
    /// <param name="gaps">Computes what is still missing.</param>
    /// <param name="show">Shows the page again.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    protected async Task<IActionResult> CompleteAsync(Guid id, Func<UserTaskRecord, CancellationToken, Task<IReadOnlyList<PageGap>>> gaps, Func<Task<IActionResult>> show, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(gaps);
        ArgumentNullException.ThrowIfNull(show);
        var result = (await TasksApi.CompleteAsync(id, new CompleteTaskRequest(null), Services.Db, Services.Runner, Services.Forms, Services.Pages, Services.User, cancellationToken)).Result;
        if (result is Ok<TaskResponse>)
        {
            TempData["Notice"] = "NoticeCompleted";
            return Redirect("/");
        }

        CompletionRefused = true;
        Gaps = await gaps(Task, cancellationToken);
        return await show();
    }
}
