using System.Globalization;
using ApprovalFlow.Engine.Calendar;
using ApprovalFlow.Server.Features.Planning.Sessions;
using ApprovalFlow.Server.Web;
using Microsoft.AspNetCore.Mvc;
using NodaTime;

namespace ApprovalFlow.Server.Pages.Planning.Sessions;

/// <summary>
/// <c>/tasks/{id}/sessions</c>, the page of a working group's RecordSessions task (<see cref="SessionsTaskPage"/>): its
/// sessions, a form to record or change one (Jalali date, place or online, agenda, minutes, information sources,
/// attendees with their stakeholder group), and completing the task once every session has minutes and a source.
/// </summary>
/// <param name="services">The shared services.</param>
/// <param name="sessions">The sessions.</param>
/// <param name="page">The task page's rules.</param>
public sealed class SessionsModel(WorkingGroupPageServices services, PlanSessions sessions, SessionsTaskPage page) : WorkingGroupTaskPageModel(services)
{
    /// <summary>Blank attendee rows the form offers beside the recorded ones.</summary>
    public const int BlankAttendees = 3;

    /// <summary>The working group's sessions, by date.</summary>
    public IReadOnlyList<SessionResponse> Recorded { get; private set; } = [];

    /// <summary>The session being changed, or <see langword="null"/> for a new one.</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? Edit { get; set; }

    /// <summary>The form's date as typed: Jalali <c>yyyy/MM/dd</c> (Persian or Latin digits) or ISO <c>yyyy-MM-dd</c>.</summary>
    [BindProperty]
    public string? Date { get; set; }

    /// <summary>The form's place.</summary>
    [BindProperty]
    public string? Place { get; set; }

    /// <summary>Whether the form says online.</summary>
    [BindProperty]
    public bool Online { get; set; }

    /// <summary>The form's agenda.</summary>
    [BindProperty]
    public string? Agenda { get; set; }

    /// <summary>The form's minutes.</summary>
    [BindProperty]
    public string? Minutes { get; set; }

    /// <summary>The form's information source codes.</summary>
    [BindProperty]
    public List<string> Sources { get; set; } = [];

    /// <summary>The form's attendee names, row by row.</summary>
    [BindProperty]
    public List<string?> AttendeeNames { get; set; } = [];

    /// <summary>The form's attendee stakeholder groups, row by row.</summary>
    [BindProperty]
    public List<string?> AttendeeGroups { get; set; } = [];

    /// <summary>Shows the page (with <see cref="Edit"/>'s session in the form).</summary>
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        await ReadAsync(cancellationToken);
        if (Recorded.FirstOrDefault(s => s.Id == Edit) is { } session)
        {
            Date = FormatDate(session.Date);
            Place = session.Place;
            Online = session.Online;
            Agenda = session.Agenda;
            Minutes = session.Minutes;
            Sources = [.. session.Sources];
            AttendeeNames = [.. session.Attendees.Select(a => (string?)a.Name)];
            AttendeeGroups = [.. session.Attendees.Select(a => (string?)a.StakeholderGroup)];
        }

        return Page();
    }

    /// <summary>Records a new session, or changes <see cref="Edit"/>'s.</summary>
    public async Task<IActionResult> OnPostSaveAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadForEditAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        var date = ParseDate(Date);
        var attendees = AttendeeNames.Select((name, i) => (Name: name, Group: AttendeeGroups.ElementAtOrDefault(i)))
            .Where(a => !string.IsNullOrWhiteSpace(a.Name) || !string.IsNullOrWhiteSpace(a.Group))
            .Select(a => new SessionAttendeeRequest(null, a.Name, a.Group)).ToList();
        var request = new SessionRequest(Context.Group.Id, date, Place, Online, Agenda, Minutes, Sources, attendees);
        var outcome = Edit is { } sessionId
            ? await sessions.UpdateAsync(Context.Cycle.BusinessKey, sessionId, request, cancellationToken)
            : await sessions.CreateAsync(Context.Cycle.BusinessKey, request, cancellationToken);
        switch (outcome)
        {
            case PlanOutcome<SessionResponse>.Done:
                Notice = "Saved";
                return RedirectToPage(new { id, edit = (Guid?)null });
            case PlanOutcome<SessionResponse>.Invalid invalid:
                var errors = new Dictionary<string, FieldError>(invalid.Errors, StringComparer.Ordinal);
                if (!string.IsNullOrWhiteSpace(Date) && date is null)
                {
                    errors["date"] = new FieldError("date-invalid", "Not a date.");
                }

                Errors = errors;
                await ReadAsync(cancellationToken);
                return Page();
            default:
                return Forbid();
        }
    }

    /// <summary>Deletes session <paramref name="sessionId"/>.</summary>
    public async Task<IActionResult> OnPostDeleteAsync(Guid id, Guid sessionId, CancellationToken cancellationToken)
    {
        if (await LoadForEditAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        Notice = await sessions.DeleteAsync(Context.Cycle.BusinessKey, sessionId, cancellationToken) switch
        {
            PlanOutcome<Guid>.Done => "Deleted",
            PlanOutcome<Guid>.Conflict => "DeleteRefusedOrigin",
            _ => "NotAllowed",
        };
        return RedirectToPage(new { id, edit = (Guid?)null });
    }

    /// <summary>Completes the task, or shows what is still missing.</summary>
    public async Task<IActionResult> OnPostCompleteAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        return await CompleteAsync(id, page.GapsAsync, async () =>
        {
            await ReadAsync(cancellationToken);
            return Page();
        }, cancellationToken);
    }

    /// <summary>How a session's date shows: Jalali with Persian digits in Persian, ISO in English.</summary>
    /// <param name="date">The date.</param>
    public static string FormatDate(DateOnly date) =>
        UserLanguage.Current == UserLanguage.Persian
            ? SolarHijriDate.FromLocalDate(LocalDate.FromDateOnly(date)).ToPersianString()
            : date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Reads a typed date: Jalali <c>yyyy/MM/dd</c> in any digits, or ISO <c>yyyy-MM-dd</c>; <see langword="null"/> when it is neither.</summary>
    /// <param name="text">The text.</param>
    public static DateOnly? ParseDate(string? text)
    {
        if (SolarHijriDate.TryParse(text, out var jalali))
        {
            return jalali.ToLocalDate().ToDateOnly();
        }

        return DateOnly.TryParseExact(PersianDigits.ToLatin(text?.Trim() ?? string.Empty), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var iso) ? iso : null;
    }

    private async Task ReadAsync(CancellationToken cancellationToken)
    {
        Recorded = await sessions.OfGroupAsync(Context.Cycle.Id, Context.Group.Id, cancellationToken);
        if (!CompletionRefused)
        {
            Gaps = await page.GapsAsync(Task, cancellationToken);
        }
    }
}
