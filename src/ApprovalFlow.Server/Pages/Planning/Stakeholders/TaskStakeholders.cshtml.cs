using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Definitions;
using ApprovalFlow.Server.Features.Planning;
using ApprovalFlow.Server.Features.Planning.Cycles;
using ApprovalFlow.Server.Features.Planning.Data;
using ApprovalFlow.Server.Features.Planning.Stakeholders;
using ApprovalFlow.Server.Features.Tasks;
using ApprovalFlow.Server.Pages.Tasks;
using ApprovalFlow.Server.Runtime;
using ApprovalFlow.Server.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ApprovalFlow.Server.Pages.Planning.Stakeholders;

/// <summary>
/// The page of an <c>IdentifyStakeholders</c> task, <c>/tasks/{id}/stakeholders</c>: the theme's register by the six
/// stakeholder groups, which groups still lack a stakeholder (<see cref="StakeholdersTaskPage"/>'s rule), a form to add
/// one for the theme, and completing the task (the API's handler) once every group has one.
/// </summary>
public sealed class TaskStakeholdersModel(
    ApprovalFlowDbContext db, ICurrentUser user, PlanCycles cycles, StakeholderRegister register, PlanningAccess access, StakeholdersTaskPage taskPage,
    InstanceRunner runner, TaskForms forms, TaskPages pages, IStringLocalizer<StakeholderTexts> texts) : PageModel
{
    /// <summary>The task.</summary>
    public UserTaskRecord TaskRecord { get; private set; } = null!;

    /// <summary>The task's cycle.</summary>
    public PlanCycleRecord Cycle { get; private set; } = null!;

    /// <summary>The task's theme id.</summary>
    public string Theme { get; private set; } = string.Empty;

    /// <summary>The theme's name in the user's language.</summary>
    public string ThemeName { get; private set; } = string.Empty;

    /// <summary>The theme's stakeholders.</summary>
    public IReadOnlyList<StakeholderResponse> Stakeholders { get; private set; } = [];

    /// <summary>The groups without a stakeholder of the theme yet.</summary>
    public IReadOnlyList<string> MissingGroups { get; private set; } = [];

    /// <summary>The add form.</summary>
    [BindProperty]
    public StakeholderForm Form { get; set; } = new();

    /// <summary>Errors of the form by field, in the user's language.</summary>
    public Dictionary<string, string> Errors { get; private set; } = new(StringComparer.Ordinal);

    /// <summary>Whether the user may add stakeholders of the theme.</summary>
    public bool CanEdit { get; private set; }

    /// <summary>Whether the user holds the open task and may complete it.</summary>
    public bool CanComplete { get; private set; }

    /// <summary>Whether completing was just refused (the missing groups are shown).</summary>
    public bool CompleteRefused { get; private set; }

    /// <summary>What just happened (a key of <see cref="StakeholderTexts"/>), or <see langword="null"/>.</summary>
    public string? Notice { get; private set; }

    /// <summary>Shows the page.</summary>
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        Notice = TempData[nameof(Notice)] as string;
        return await LoadAsync(id, cancellationToken) ?? Page();
    }

    /// <summary>Adds a stakeholder of the task's theme.</summary>
    public async Task<IActionResult> OnPostAddAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } failed)
        {
            return failed;
        }

        Form.Themes = [Theme];
        var request = Form.ToRequest();
        if (StakeholderRegister.Check(Cycle, request) is { Count: > 0 } problems)
        {
            Errors = StakeholderForm.Errors(problems, texts);
            return Page();
        }

        if (!CanEdit)
        {
            Notice = "NoticeNotAllowed";
            return Page();
        }

        await register.AddAsync(Cycle, request, access.UserId, cancellationToken);
        TempData[nameof(Notice)] = "NoticeAdded";
        return RedirectToPage(new { id });
    }

    /// <summary>Completes the task through the API's handler; refused while a group has no stakeholder.</summary>
    public async Task<IActionResult> OnPostCompleteAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } failed)
        {
            return failed;
        }

        switch ((await TasksApi.CompleteAsync(id, new CompleteTaskRequest(null), db, runner, forms, pages, user, cancellationToken)).Result)
        {
            case Ok<TaskResponse>:
                TempData["Notice"] = "NoticeCompleted";
                return Redirect("/");
            case ValidationProblem:
                CompleteRefused = true;
                return Page();
            default:
                TempData[nameof(Notice)] = "NoticeTaskChanged";
                return RedirectToPage(new { id });
        }
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var (found, refusal) = await VisibleTasks.FindAsync(this, id, db, user, cancellationToken);
        if (found is null)
        {
            return refusal;
        }

        TaskRecord = found;
        if (StakeholdersTaskPage.ThemeOf(TaskRecord) is not { } theme || await cycles.ForTaskAsync(TaskRecord, cancellationToken) is not { } cycle)
        {
            return NotFound();
        }

        (Theme, Cycle) = (theme, cycle);
        var named = cycle.Themes.Find(t => t.Id == theme);
        ThemeName = named is null ? theme : UserLanguage.Current == UserLanguage.Persian ? named.Name : named.EnglishName;
        Stakeholders = await register.ListAsync(cycle, null, theme, cancellationToken);
        MissingGroups = await taskPage.MissingGroupsAsync(TaskRecord, cancellationToken);
        CanEdit = await access.CanEditRegisterAsync([theme], all: true, cancellationToken);
        CanComplete = TaskRecord.Status == UserTaskStatus.Open && TaskRecord.Assignee == user.Id;
        return null;
    }
}
