using System.Text.Json;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Definitions;
using ApprovalFlow.Server.Features.Tasks;
using ApprovalFlow.Server.Runtime;
using ApprovalFlow.Server.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ApprovalFlow.Server.Pages.Tasks;

/// <summary>
/// The task page <c>/tasks/{id}</c>: what the task is (process, plan cycle, subject, due date,
/// candidates by name), claim, give back, hand over to another candidate with a note, and complete with
/// the form version it was created with (form-js island; date fields with the Jalali picker on Persian pages). Every action goes through
/// the same handler as the API (<c>GET/POST /api/tasks/{id}...</c>), so access rules and the form check
/// are the API's; a 400 answer's <c>detail</c> and <c>errors</c> map are shown beside the form and the
/// typed values are kept. A task the user may not see is a 403 page, an unknown id a 404 page; a task
/// someone else just claimed, handed over or completed shows that instead of an error.
/// </summary>
public sealed class TaskModel(
    ApprovalFlowDbContext db, ICurrentUser user, InstanceRunner runner, TaskForms forms, TaskPages pages, TaskSummaries summaries, IStringLocalizer<TaskTexts> texts, TimeProvider time,
    Features.Audit.AuditTrail audit)
    : PageModel
{
    /// <summary>form-js's own English texts ({0}: a number or text) and the resource keys of their translations.</summary>
    private static readonly (string English, string Key)[] FormJsTexts =
    [
        ("Select", "FormJsSelect"),
        ("Search", "FormJsSearch"),
        ("No results", "FormJsNoResults"),
        ("Add new", "FormJsAddNew"),
        ("Collapse", "FormJsCollapse"),
        ("Expand all ({0})", "FormJsExpandAll"),
        ("Remove list item {0}", "FormJsRemoveItem"),
        ("Field is required.", "FormJsRequired"),
        ("Field must have minimum length of {0}.", "FormJsMinLength"),
        ("Field must have maximum length of {0}.", "FormJsMaxLength"),
        ("Field must have minimum value of {0}.", "FormJsMinValue"),
        ("Field must have maximum value of {0}.", "FormJsMaxValue"),
        ("Field must be a valid email.", "FormJsEmail"),
    ];

    /// <summary>The task as people read it.</summary>
    public TaskSummary Summary { get; private set; } = null!;

    /// <summary>Names of the candidate groups.</summary>
    public IReadOnlyList<string> CandidateGroupNames { get; private set; } = [];

    /// <summary>The form-js schema of the task's form version (script-safe JSON), or <see langword="null"/> when the task has no form.</summary>
    public string? SchemaJson { get; private set; }

    /// <summary>The page the task opens instead of a form (<c>camunda:formKey="page:..."</c>, <see cref="ITaskPage"/>), or <see langword="null"/>.</summary>
    public string? PagePath { get; private set; }

    /// <summary>The data the form starts with (script-safe JSON): the task's variables, overlaid by what the user just submitted.</summary>
    public string DataJson { get; private set; } = "{}";

    /// <summary>The server's field errors keyed by field path (script-safe JSON).</summary>
    public string ErrorsJson { get; private set; } = "{}";

    /// <summary>form-js's own texts in the user's language (script-safe JSON: English template to translation).</summary>
    public string FormTextsJson => FormSchemas.ScriptJson(FormJsTranslations(texts));

    /// <summary>form-js's own English texts to their translation in the request's language (also the form editor's preview).</summary>
    internal static Dictionary<string, string> FormJsTranslations(IStringLocalizer<TaskTexts> texts) =>
        FormJsTexts.ToDictionary(t => t.English, t => texts[t.Key].Value, StringComparer.Ordinal);

    /// <summary>
    /// The Jalali date picker's texts (script-safe JSON) on Persian pages, which then show date fields with
    /// it (client <c>jalali-date-field.js</c>); <see langword="null"/> on English pages, which keep form-js's Gregorian field.
    /// </summary>
    public string? CalendarJson => UserLanguage.Current != UserLanguage.Persian ? null : FormSchemas.ScriptJson(JalaliCalendarTexts(texts));

    /// <summary>The Jalali date picker's texts in the request's language (also the form editor's, <c>/forms/{key}</c>).</summary>
    internal static Dictionary<string, object> JalaliCalendarTexts(IStringLocalizer<TaskTexts> texts) => new(StringComparer.Ordinal)
    {
        ["months"] = texts["JdpMonths"].Value.Split('|'),
        ["weekdays"] = texts["JdpWeekdays"].Value.Split('|'),
        ["weekdaysShort"] = texts["JdpWeekdaysShort"].Value.Split('|'),
        ["today"] = texts["JdpToday"].Value,
        ["pickToday"] = texts["JdpPickToday"].Value,
        ["close"] = texts["JdpClose"].Value,
        ["previousMonth"] = texts["JdpPreviousMonth"].Value,
        ["nextMonth"] = texts["JdpNextMonth"].Value,
        ["openCalendar"] = texts["JdpOpenCalendar"].Value,
        ["placeholder"] = texts["JdpPlaceholder"].Value,
        ["hint"] = texts["JdpHint"].Value,
        ["invalid"] = texts["JdpInvalid"].Value,
    };

    /// <summary>The server's field errors keyed by field path.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> FieldErrors { get; private set; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>The server's explanation of a refused completion, or <see langword="null"/>.</summary>
    public string? ErrorDetail { get; private set; }

    /// <summary>What just happened, as a resource key of <see cref="TaskTexts"/>, or <see langword="null"/>.</summary>
    public string? Notice { get; private set; }

    /// <summary>Whether the user may claim the task now.</summary>
    public bool CanClaim { get; private set; }

    /// <summary>Whether the user may give the task back.</summary>
    public bool CanUnclaim { get; private set; }

    /// <summary>The people who may work the task (candidate users and members of candidate groups), by display name.</summary>
    public IReadOnlyList<TaskCandidate> Candidates { get; private set; } = [];

    /// <summary>Whether the user may hand the task over (it is open and theirs, or the user is an admin and someone holds it).</summary>
    public bool CanHandOver { get; private set; }

    /// <summary>Whether the user may complete the task (it is open and theirs).</summary>
    public bool CanComplete { get; private set; }

    /// <summary>Shows the task.</summary>
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        Notice = TempData[nameof(Notice)] as string;
        return await ShowAsync(id, null, cancellationToken);
    }

    /// <summary>Claims the task (the API's claim), then shows it.</summary>
    public async Task<IActionResult> OnPostClaimAsync(Guid id, CancellationToken cancellationToken) =>
        await AfterAsync(id, (await TasksApi.ClaimAsync(id, db, user, time, cancellationToken)).Result, "NoticeClaimed", cancellationToken);

    /// <summary>Gives the task back to its candidates (the API's unclaim), then shows it.</summary>
    public async Task<IActionResult> OnPostUnclaimAsync(Guid id, CancellationToken cancellationToken) =>
        await AfterAsync(id, (await TasksApi.UnclaimAsync(id, db, user, time, cancellationToken)).Result, "NoticeUnclaimed", cancellationToken);

    /// <summary>Hands the task over to <paramref name="userId"/> with <paramref name="note"/> (the API's handover), then shows it.</summary>
    public async Task<IActionResult> OnPostHandOverAsync(Guid id, string? userId, string? note, CancellationToken cancellationToken) =>
        await AfterAsync(id, (await TaskHandover.HandOverAsync(id, new HandOverTaskRequest(userId, note), db, user, time, audit, cancellationToken)).Result, "NoticeHandedOver", cancellationToken);

    /// <summary>
    /// Completes the task with the form's data (<paramref name="variables"/>: a JSON object) through the
    /// API's handler; refused data shows the page again with the server's errors and the typed values.
    /// </summary>
    public async Task<IActionResult> OnPostCompleteAsync(Guid id, string? variables, CancellationToken cancellationToken)
    {
        Dictionary<string, JsonElement>? values;
        try
        {
            values = string.IsNullOrWhiteSpace(variables) ? [] : JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(variables);
        }
        catch (JsonException)
        {
            values = null;
        }

        if (values is null)
        {
            Notice = "NoticeUnreadable";
            return await ShowAsync(id, null, cancellationToken);
        }

        var result = (await TasksApi.CompleteAsync(id, new CompleteTaskRequest(values), db, runner, forms, pages, user, cancellationToken)).Result;
        switch (result)
        {
            case Ok<TaskResponse>:
                TempData["Notice"] = "NoticeCompleted";
                return Redirect("/");
            case ProblemHttpResult { StatusCode: StatusCodes.Status400BadRequest or StatusCodes.Status422UnprocessableEntity } problem:
                ErrorDetail = problem.ProblemDetails.Detail;
                FieldErrors = ReadErrors(problem.ProblemDetails.Extensions.TryGetValue("errors", out var errors) ? errors : null);
                ErrorsJson = FormSchemas.ScriptJson(FieldErrors);
                return await ShowAsync(id, values, cancellationToken);
            default:
                return await AfterAsync(id, result, null, cancellationToken);
        }
    }

    /// <summary>
    /// Shows the task again with what happened: <paramref name="success"/>, or, when someone else claimed,
    /// handed over or completed it meanwhile (a 409, or a 403 because the user no longer holds it), that it changed.
    /// </summary>
    private async Task<RedirectToPageResult> AfterAsync(Guid id, IResult result, string? success, CancellationToken cancellationToken)
    {
        TempData[nameof(Notice)] = result switch
        {
            Ok<TaskResponse> => success,
            ProblemHttpResult { StatusCode: StatusCodes.Status409Conflict } => "NoticeChanged",
            ProblemHttpResult { StatusCode: StatusCodes.Status403Forbidden } when await HeldByOtherAsync(id, cancellationToken) => "NoticeChanged",
            ProblemHttpResult { StatusCode: StatusCodes.Status403Forbidden } => "NoticeNotAllowed",
            ProblemHttpResult { StatusCode: StatusCodes.Status400BadRequest } => "NoticeHandOverRefused",
            _ => null,
        };
        return RedirectToPage(new { id });
    }

    /// <summary>Whether the task is closed or held by someone other than the user.</summary>
    private Task<bool> HeldByOtherAsync(Guid id, CancellationToken cancellationToken)
    {
        var me = user.Id;
        return db.Tasks.AnyAsync(t => t.Id == id && (t.Status != UserTaskStatus.Open || (t.Assignee != null && t.Assignee != me)), cancellationToken);
    }

    private async Task<IActionResult> ShowAsync(Guid id, Dictionary<string, JsonElement>? submitted, CancellationToken cancellationToken)
    {
        if ((await TasksApi.GetAsync(id, db, user, cancellationToken)).Result is not Ok<TaskResponse> { Value: { } task })
        {
            return await db.Tasks.AnyAsync(t => t.Id == id, cancellationToken) ? Forbid() : NotFound();
        }

        Summary = (await summaries.DescribeAsync([task], cancellationToken))[0];
        CandidateGroupNames = await db.Groups.AsNoTracking().Where(g => task.CandidateGroups.Contains(g.Id)).OrderBy(g => g.Name).Select(g => g.Name).ToListAsync(cancellationToken);
        var record = await db.Tasks.AsNoTracking().SingleAsync(t => t.Id == id, cancellationToken);
        var open = task.Status == "open";
        var access = await TaskAccess.ForAsync(user, cancellationToken);
        CanClaim = open && task.Assignee is null && access.IsCandidate(record);
        CanUnclaim = open && task.Assignee is not null && (task.Assignee == user.Id || access.IsAdmin);
        CanComplete = open && task.Assignee == user.Id;
        CanHandOver = open && task.Assignee is not null && (task.Assignee == user.Id || access.IsAdmin);
        Candidates = await TaskCandidates.ListAsync(db, record, cancellationToken);
        SchemaJson = await forms.SchemaJsonAsync(record.FormKey, record.FormVersion, cancellationToken);
        PagePath = pages.Find(record.FormKey)?.PathFor(record);
        var data = await FormDataAsync(record, cancellationToken);
        foreach (var (name, value) in submitted ?? [])
        {
            data[name] = value;
        }

        DataJson = FormSchemas.ScriptJson(data);
        return Page();
    }

    /// <summary>The variables the form reads: the instance's, overlaid by the local ones of the task's execution and its parents (nearest wins).</summary>
    private async Task<Dictionary<string, JsonElement>> FormDataAsync(UserTaskRecord row, CancellationToken cancellationToken)
    {
        var state = await db.Instances.AsNoTracking().Where(i => i.Id == row.InstanceId).Select(i => i.State).SingleAsync(cancellationToken);
        var data = new Dictionary<string, JsonElement>(state.Variables, StringComparer.Ordinal);
        var executionId = state.Tasks.Find(t => t.Id == row.EngineTaskId)?.ExecutionId;
        var chain = new List<Dictionary<string, JsonElement>>();
        for (var execution = state.Executions.Find(e => e.Id == executionId); execution is not null; execution = state.Executions.Find(e => e.Id == execution.ParentId))
        {
            if (execution.Variables is { } local)
            {
                chain.Add(local);
            }
        }

        foreach (var local in Enumerable.Reverse(chain))
        {
            foreach (var (name, value) in local)
            {
                data[name] = value;
            }
        }

        return data;
    }

    private static Dictionary<string, IReadOnlyList<string>> ReadErrors(object? errors)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        switch (errors)
        {
            case IDictionary<string, string[]> map:
                foreach (var (path, messages) in map)
                {
                    result[path] = messages;
                }

                break;
            case JsonElement { ValueKind: JsonValueKind.Object } json:
                foreach (var property in json.EnumerateObject())
                {
                    result[property.Name] = property.Value.ValueKind == JsonValueKind.Array
                        ? [.. property.Value.EnumerateArray().Select(m => m.ToString())]
                        : [property.Value.ToString()];
                }

                break;
            case not null:
                var element = JsonSerializer.SerializeToElement(errors);
                return element.ValueKind == JsonValueKind.Object ? ReadErrors(element) : result;
        }

        return result;
    }
}
