using System.Globalization;
using ApprovalFlow.Engine.Calendar;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Definitions;
using ApprovalFlow.Server.Features.Planning;
using ApprovalFlow.Server.Features.Planning.Cycles;
using ApprovalFlow.Server.Features.Planning.Data;
using ApprovalFlow.Server.Features.Planning.Decisions;
using ApprovalFlow.Server.Features.Tasks;
using ApprovalFlow.Server.Pages.Tasks;
using ApprovalFlow.Server.Runtime;
using ApprovalFlow.Server.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NodaTime;

namespace ApprovalFlow.Server.Pages.Planning.Decisions;

/// <summary>
/// The page of a body's approval task, <c>/tasks/{id}/decision</c>: the body's secretariat records the decision
/// (approve or send back, resolution number and date in the user's calendar, comment, comments per item, the items
/// and working groups sent back) through <see cref="StageDecisions"/> and completes the task at once through the
/// API's handler, which gives the gateway <c>decision</c> and <c>comment</c> (<see cref="DecisionTaskPage"/>).
/// Errors show next to the field in the user's language and the values are kept.
/// </summary>
public sealed class DecisionModel(
    ApprovalFlowDbContext db, ICurrentUser user, PlanCycles cycles, StageDecisions decisions, InstanceRunner runner, TaskForms forms, TaskPages pages,
    IStringLocalizer<DecisionTexts> texts, IStringLocalizer<TaskTexts> taskTexts) : PageModel
{
    /// <summary>The task.</summary>
    public UserTaskRecord TaskRecord { get; private set; } = null!;

    /// <summary>The task's cycle.</summary>
    public PlanCycleRecord Cycle { get; private set; } = null!;

    /// <summary>The body deciding.</summary>
    public string Body { get; private set; } = string.Empty;

    /// <summary>The cycle's items (not merged or withdrawn), by theme and kind.</summary>
    public IReadOnlyList<PlanItemRecord> Items { get; private set; } = [];

    /// <summary>The directory's working groups (id, name).</summary>
    public IReadOnlyList<(string Id, string Name)> WorkingGroups { get; private set; } = [];

    /// <summary>The decision already recorded for the task, or <see langword="null"/>.</summary>
    public DecisionResponse? Recorded { get; private set; }

    /// <summary>Whether the user holds the open task.</summary>
    public bool CanDecide { get; private set; }

    /// <summary><c>approve</c> or <c>revise</c>.</summary>
    [BindProperty]
    public string? Decision { get; set; }

    /// <summary>Resolution number.</summary>
    [BindProperty]
    public string? ResolutionNumber { get; set; }

    /// <summary>
    /// Resolution date: ISO <c>yyyy-MM-dd</c> from the Jalali date picker, or as typed without it (Solar Hijri <c>yyyy/MM/dd</c>
    /// in Persian or Latin digits, or ISO); text that is no date is kept and refused beside the field.
    /// </summary>
    [BindProperty]
    public string? ResolutionDate { get; set; }

    /// <summary>Comment on the plan.</summary>
    [BindProperty]
    public string? Comment { get; set; }

    /// <summary>The items sent back.</summary>
    [BindProperty]
    public List<Guid> Reopen { get; set; } = [];

    /// <summary>Comments per item.</summary>
    [BindProperty]
    public Dictionary<Guid, string?> ItemComments { get; set; } = [];

    /// <summary>The working groups sent back.</summary>
    [BindProperty]
    public List<string> SendBack { get; set; } = [];

    /// <summary>Errors by field (<c>decision</c>, <c>resolutionNumber</c>, <c>resolutionDate</c>, <c>comment</c>, <c>items</c>, <c>workingGroups</c>), in the user's language.</summary>
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    /// <summary>The Jalali date picker's texts (script-safe JSON) on Persian pages, as task forms have them; <see langword="null"/> on English pages, which keep the plain ISO field.</summary>
    public string? CalendarJson => UserLanguage.Current != UserLanguage.Persian ? null : FormSchemas.ScriptJson(TaskModel.JalaliCalendarTexts(taskTexts));

    /// <summary>What just happened (a key of <see cref="DecisionTexts"/>), or <see langword="null"/>.</summary>
    public string? Notice { get; private set; }

    /// <summary>Shows the page.</summary>
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        Notice = TempData[nameof(Notice)] as string;
        return await LoadAsync(id, cancellationToken) ?? Page();
    }

    /// <summary>Records the decision and completes the task.</summary>
    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } failed)
        {
            return failed;
        }

        DateOnly? date = null;
        if (!string.IsNullOrWhiteSpace(ResolutionDate))
        {
            if (SolarHijriDate.TryParse(ResolutionDate, out var jalali))
            {
                date = jalali.ToLocalDate().ToDateOnly();
            }
            else if (DateOnly.TryParseExact(ResolutionDate.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var iso))
            {
                date = iso;
            }
            else
            {
                Errors["resolutionDate"] = texts["Error_DateInvalid"];
                return Page();
            }
        }

        var items = Items.Where(i => Reopen.Contains(i.Id) || !string.IsNullOrWhiteSpace(ItemComments.GetValueOrDefault(i.Id)))
            .Select(i => new DecisionItemRequest(i.Id, ItemComments.GetValueOrDefault(i.Id), Reopen.Contains(i.Id))).ToList();
        var request = new RecordDecisionRequest(Body, Decision, ResolutionNumber, date, Comment, items, SendBack, TaskRecord.Id);
        var (recorded, problems) = await decisions.RecordAsync(Cycle, request, cancellationToken);
        if (recorded is null)
        {
            if (problems.Find(p => p.Status != StatusCodes.Status400BadRequest) is { } refused)
            {
                TempData[nameof(Notice)] = "Error_" + refused.Code;
                return RedirectToPage(new { id });
            }

            foreach (var problem in problems)
            {
                Errors.TryAdd(problem.Field.Split('[')[0], texts["Error_" + problem.Code]);
            }

            return Page();
        }

        return await CompleteAsync(id, cancellationToken);
    }

    /// <summary>Completes the task whose decision is recorded.</summary>
    public async Task<IActionResult> OnPostCompleteAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ?? await CompleteAsync(id, cancellationToken);

    private async Task<IActionResult> CompleteAsync(Guid id, CancellationToken cancellationToken)
    {
        if ((await TasksApi.CompleteAsync(id, new CompleteTaskRequest(null), db, runner, forms, pages, user, cancellationToken)).Result is Ok<TaskResponse>)
        {
            TempData["Notice"] = "NoticeCompleted";
            return Redirect("/");
        }

        TempData[nameof(Notice)] = "NoticeNotCompleted";
        return RedirectToPage(new { id });
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var (found, refusal) = await VisibleTasks.FindAsync(this, id, db, user, cancellationToken);
        if (found is null)
        {
            return refusal;
        }

        TaskRecord = found;
        if (StageDecisions.BodyOf(TaskRecord) is not { } body || await cycles.ForTaskAsync(TaskRecord, cancellationToken) is not { } cycle)
        {
            return NotFound();
        }

        (Body, Cycle) = (body, cycle);
        var items = await db.PlanItems.AsNoTracking().Where(i => i.CycleId == cycle.Id && i.Status != PlanItemStatus.Merged && i.Status != PlanItemStatus.Withdrawn).ToListAsync(cancellationToken);
        var themes = cycle.Themes.ConvertAll(t => t.Id);
        Items = [.. items.OrderBy(i => themes.IndexOf(i.Theme)).ThenBy(i => i.Kind).ThenBy(i => i.Title, StringComparer.Ordinal)];
        WorkingGroups = [.. (await db.Groups.AsNoTracking().Where(g => g.Kind == PlanningGroupKinds.WorkingGroup).OrderBy(g => g.Id).Select(g => new { g.Id, g.Name }).ToListAsync(cancellationToken)).Select(g => (g.Id, g.Name))];
        Recorded = await decisions.ForTaskAsync(id, cancellationToken);
        CanDecide = TaskRecord.Status == UserTaskStatus.Open && TaskRecord.Assignee == user.Id;
        return null;
    }

    /// <summary>The name of an item's theme in the user's language.</summary>
    /// <param name="theme">A theme id of the cycle.</param>
    public string ThemeName(string theme) =>
        Cycle.Themes.Find(t => t.Id == theme) is { } named ? (UserLanguage.Current == UserLanguage.Persian ? named.Name : named.EnglishName) : theme;
}
