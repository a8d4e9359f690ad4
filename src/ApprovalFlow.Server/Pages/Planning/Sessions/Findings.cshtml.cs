using System.Globalization;
using ApprovalFlow.Engine.Calendar;
using ApprovalFlow.Server.Features.Planning.Items;
using ApprovalFlow.Server.Features.Planning.Sessions;
using Microsoft.AspNetCore.Mvc;

namespace ApprovalFlow.Server.Pages.Planning.Sessions;

/// <summary>
/// <c>/tasks/{id}/findings</c>, the page of a working group's DraftFindings task (<see cref="FindingsTaskPage"/>): its
/// problems, strategies, executive policies and projects with their links and origins, a form to add or change one,
/// deleting a draft or reopened one (after a confirmation on the page, no script needed), and completing the task once
/// the chain is whole.
/// </summary>
/// <param name="services">The shared services.</param>
/// <param name="items">The items.</param>
/// <param name="sessions">The sessions (origins to choose from).</param>
/// <param name="page">The task page's rules.</param>
public sealed class FindingsModel(WorkingGroupPageServices services, PlanItems items, PlanSessions sessions, FindingsTaskPage page) : WorkingGroupTaskPageModel(services)
{
    /// <summary>The working group's current items by kind.</summary>
    public IReadOnlyList<PlanItemResponse> Drafted { get; private set; } = [];

    /// <summary>The working group's sessions.</summary>
    public IReadOnlyList<SessionResponse> Sessions { get; private set; } = [];

    /// <summary>The item being changed, or <see langword="null"/> for a new one.</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? Edit { get; set; }

    /// <summary>The item whose deletion is being confirmed (<c>?deleting=</c>), or <see langword="null"/>.</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? Deleting { get; set; }

    /// <summary>The kind of a new item (API name); preselected by <c>?kind=</c>.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    /// <summary>The form's title.</summary>
    [BindProperty]
    public string? Title { get; set; }

    /// <summary>The form's description.</summary>
    [BindProperty]
    public string? Description { get; set; }

    /// <summary>The upstream items chosen.</summary>
    [BindProperty]
    public List<Guid> From { get; set; } = [];

    /// <summary>The sessions chosen as origins.</summary>
    [BindProperty]
    public List<Guid> SessionIds { get; set; } = [];

    /// <summary>The information sources chosen as origins.</summary>
    [BindProperty]
    public List<string> Sources { get; set; } = [];

    /// <summary>Project: responsible unit.</summary>
    [BindProperty]
    public string? ResponsibleUnit { get; set; }

    /// <summary>Project: first year as typed (any digits).</summary>
    [BindProperty]
    public string? StartYear { get; set; }

    /// <summary>Project: last year as typed.</summary>
    [BindProperty]
    public string? EndYear { get; set; }

    /// <summary>Project: rough cost in rials as typed.</summary>
    [BindProperty]
    public string? CostRials { get; set; }

    /// <summary>The title of item <paramref name="id"/>, or the id when it is not among the group's items.</summary>
    /// <param name="id">An item id.</param>
    public string TitleOf(Guid id) => Drafted.FirstOrDefault(i => i.Id == id)?.Title ?? id.ToString();

    /// <summary>Shows the page (with <see cref="Edit"/>'s item in the form).</summary>
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        await ReadAsync(cancellationToken);
        if (Drafted.FirstOrDefault(i => i.Id == Edit) is { } item)
        {
            Kind = item.Kind;
            Title = item.Title;
            Description = item.Description;
            From = [.. item.From];
            SessionIds = [.. item.Sessions];
            Sources = [.. item.Sources];
            ResponsibleUnit = item.ResponsibleUnit;
            StartYear = item.StartYear?.ToString(CultureInfo.InvariantCulture);
            EndYear = item.EndYear?.ToString(CultureInfo.InvariantCulture);
            CostRials = item.CostRials?.ToString(CultureInfo.InvariantCulture);
        }

        Kind ??= "problem";
        return Page();
    }

    /// <summary>Adds an item, or changes <see cref="Edit"/>'s.</summary>
    public async Task<IActionResult> OnPostSaveAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadForEditAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        var errors = new Dictionary<string, FieldError>(StringComparer.Ordinal);
        var project = Kind == "project";
        var start = Number(StartYear, "startYear", errors);
        var end = Number(EndYear, "endYear", errors);
        var cost = Number(CostRials, "costRials", errors);
        var request = new PlanItemRequest(
            Kind, Title, Description, null, null, null, Context.Group.Id, SessionIds, Sources, From,
            project ? ResponsibleUnit : null, project ? (int?)start : null, project ? (int?)end : null, project ? cost : null);
        var outcome = errors.Count > 0
            ? new PlanOutcome<PlanItemResponse>.Invalid(errors)
            : Edit is { } itemId
                ? await items.UpdateAsync(Context.Cycle.BusinessKey, itemId, request, cancellationToken)
                : await items.CreateAsync(Context.Cycle.BusinessKey, request, cancellationToken);
        switch (outcome)
        {
            case PlanOutcome<PlanItemResponse>.Done:
                Notice = "Saved";
                return RedirectToPage(new { id, edit = (Guid?)null, kind = (string?)null });
            case PlanOutcome<PlanItemResponse>.Invalid invalid:
                Errors = invalid.Errors;
                await ReadAsync(cancellationToken);
                return Page();
            default:
                return Forbid();
        }
    }

    /// <summary>Deletes item <paramref name="itemId"/> (confirmed on the page first), or says why it stays.</summary>
    public async Task<IActionResult> OnPostDeleteAsync(Guid id, Guid itemId, CancellationToken cancellationToken)
    {
        if (await LoadForEditAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        Notice = await items.DeleteAsync(Context.Cycle.BusinessKey, itemId, cancellationToken) switch
        {
            PlanOutcome<Guid>.Done => "ItemDeleted",
            PlanOutcome<Guid>.Conflict => "ItemDeleteRefused",
            _ => "NotAllowed",
        };
        return RedirectToPage(new { id, edit = (Guid?)null, deleting = (Guid?)null, kind = (string?)null });
    }

    /// <summary>Completes the task, or shows what is still missing.</summary>
    public async Task<IActionResult> OnPostCompleteAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        Kind ??= "problem";
        return await CompleteAsync(id, page.GapsAsync, async () =>
        {
            await ReadAsync(cancellationToken);
            return Page();
        }, cancellationToken);
    }

    private static long? Number(string? text, string key, Dictionary<string, FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var latin = PersianDigits.ToLatin(text.Trim()).Replace(",", string.Empty, StringComparison.Ordinal).Replace("٬", string.Empty, StringComparison.Ordinal);
        if (long.TryParse(latin, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && (key == "costRials" || value is > 0 and < 10_000))
        {
            return value;
        }

        errors[key] = new FieldError("not-a-number", $"'{text}' is not a whole number.");
        return null;
    }

    private async Task ReadAsync(CancellationToken cancellationToken)
    {
        Drafted = await items.OfGroupAsync(Context.Cycle.Id, Context.Group.Id, cancellationToken);
        Sessions = await sessions.OfGroupAsync(Context.Cycle.Id, Context.Group.Id, cancellationToken);
        if (!CompletionRefused)
        {
            Gaps = await page.GapsAsync(Task, cancellationToken);
        }
    }
}
