using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Planning;
using ApprovalFlow.Server.Features.Planning.Data;
using ApprovalFlow.Server.Features.Planning.Export;
using ApprovalFlow.Server.Features.Planning.Progress;
using ApprovalFlow.Server.Features.Planning.Sessions;
using ApprovalFlow.Server.Features.Planning.Withdrawal;
using ApprovalFlow.Server.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ApprovalFlow.Server.Pages.Planning.Progress;

/// <summary>
/// A cycle's home page, <c>/cycles/{businessKey}</c>: the progress dashboard of the planning office (the figures of
/// <c>GET /api/cycles/{businessKey}/progress</c>): the stage of the cycle, the working groups by theme, level and state,
/// the standing items by theme and kind, each as a chart (the <c>progress</c> island, Chart.js) with a table of the same
/// figures, and links to the cycle's pages. An unknown cycle is a 404 page, a cycle the user does not take part in a 403 page.
/// The planning office (and admins) withdraw a running cycle here in two steps, the reason first and then a confirmation
/// (<see cref="CycleWithdrawal"/>); a withdrawn cycle shows when, by whom and why. Plain form posts (htmx boosts them).
/// </summary>
/// <param name="progress">Reads the figures.</param>
/// <param name="db">The database (the root instance's start).</param>
/// <param name="access">Who may withdraw (<see cref="PlanningAccess.CanWithdrawCycleAsync"/>).</param>
/// <param name="withdrawal">Withdraws the cycle.</param>
/// <param name="texts">The page's texts.</param>
/// <param name="wording">Kind and level names.</param>
public sealed class CycleModel(
    PlanProgress progress, ApprovalFlowDbContext db, PlanningAccess access, CycleWithdrawal withdrawal, IStringLocalizer<ProgressTexts> texts, PlanWording wording) : PageModel
{
    /// <summary>The states in the order of the charts and tables.</summary>
    public static IReadOnlyList<WorkingGroupState> States { get; } = Enum.GetValues<WorkingGroupState>();

    /// <summary>The item kinds in the plan's order.</summary>
    public static IReadOnlyList<PlanItemKind> Kinds { get; } = Enum.GetValues<PlanItemKind>();

    /// <summary>The cycle.</summary>
    public PlanCycleRecord Cycle { get; private set; } = null!;

    /// <summary>The figures.</summary>
    public CycleProgressResponse Progress { get; private set; } = null!;

    /// <summary>When the root instance started, else when the cycle was created.</summary>
    public DateTimeOffset StartedAt { get; private set; }

    /// <summary>Whether the user may withdraw the cycle now: the planning office or an admin, and the cycle's process runs.</summary>
    public bool CanWithdraw { get; private set; }

    /// <summary>Whether the page asks to confirm the withdrawal of <see cref="Reason"/> (the second step).</summary>
    public bool ConfirmingWithdrawal { get; private set; }

    /// <summary>Why the cycle is withdrawn, as typed (kept across both steps and on errors).</summary>
    [BindProperty]
    public string? Reason { get; set; }

    /// <summary>Errors by field (<c>reason</c>), in the user's language.</summary>
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    /// <summary>A refusal of the withdrawal (e.g. withdrawn meanwhile by someone else), in the user's language, or <see langword="null"/>.</summary>
    public string? Refusal { get; private set; }

    /// <summary>Who withdrew the cycle, for the banner: the name kept with the withdrawal, else the user id.</summary>
    public string WithdrawnByName => Cycle.WithdrawnByName ?? Cycle.WithdrawnBy ?? string.Empty;

    /// <summary>Shows the dashboard.</summary>
    /// <param name="businessKey">The cycle's business key.</param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    /// <returns>The page, 404 or 403.</returns>
    public async Task<IActionResult> OnGetAsync(string businessKey, CancellationToken cancellationToken) =>
        await LoadAsync(businessKey, cancellationToken) ?? Page();

    /// <summary>The first step of a withdrawal: checks the reason and asks to confirm.</summary>
    /// <param name="businessKey">The cycle's business key.</param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    /// <returns>The page with the confirmation, or with the reason's error.</returns>
    public async Task<IActionResult> OnPostWithdrawAsync(string businessKey, CancellationToken cancellationToken)
    {
        if (await LoadAsync(businessKey, cancellationToken) is { } failed)
        {
            return failed;
        }

        if (!CanWithdraw)
        {
            return Cycle.Status == PlanCycleStatus.Withdrawn ? RedirectToPage(new { businessKey }) : Forbid();
        }

        if (CycleWithdrawal.CheckReason(Reason) is { } refused)
        {
            Errors["reason"] = texts["WithdrawError_" + refused.Code];
            return Page();
        }

        ConfirmingWithdrawal = true;
        return Page();
    }

    /// <summary>The second step: withdraws the cycle and shows it withdrawn.</summary>
    /// <param name="businessKey">The cycle's business key.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>A redirect to the withdrawn cycle, or the page with the error or refusal.</returns>
    public async Task<IActionResult> OnPostConfirmWithdrawalAsync(string businessKey, CancellationToken cancellationToken)
    {
        if (await LoadAsync(businessKey, cancellationToken) is { } failed)
        {
            return failed;
        }

        switch (await withdrawal.WithdrawAsync(Cycle.BusinessKey, Reason, cancellationToken))
        {
            case PlanOutcome<PlanCycleRecord>.Done:
                return RedirectToPage(new { businessKey });
            case PlanOutcome<PlanCycleRecord>.Invalid invalid:
                foreach (var (field, error) in invalid.Errors)
                {
                    Errors[field] = texts["WithdrawError_" + error.Code];
                }

                return Page();
            case PlanOutcome<PlanCycleRecord>.Forbidden:
                return Forbid();
            default:
                await LoadAsync(businessKey, cancellationToken);
                Refusal = texts["WithdrawRefused"];
                return Page();
        }
    }

    private async Task<IActionResult?> LoadAsync(string businessKey, CancellationToken cancellationToken)
    {
        switch (await progress.FindReadableAsync(businessKey, cancellationToken))
        {
            case PlanOutcome<PlanCycleRecord>.Done done:
                Cycle = done.Value;
                break;
            case PlanOutcome<PlanCycleRecord>.Forbidden:
                return Forbid();
            default:
                return NotFound();
        }

        try
        {
            Progress = await progress.ReadAsync(Cycle, cancellationToken);
        }
        catch (PlanningDirectoryIncompleteException)
        {
            // The operator has to seed the directory (the API's 409 says what is missing): the conflict page.
            return StatusCode(StatusCodes.Status409Conflict);
        }

        StartedAt = Cycle.RootInstanceId is { } root
            ? await db.Instances.Where(i => i.Id == root).Select(i => (DateTimeOffset?)i.StartedAt).SingleOrDefaultAsync(cancellationToken) ?? Cycle.CreatedAt
            : Cycle.CreatedAt;
        CanWithdraw = Cycle.Status is not (PlanCycleStatus.Withdrawn or PlanCycleStatus.Approved) && Progress.Process == "active"
            && await access.CanWithdrawCycleAsync(cancellationToken);
        return null;
    }

    /// <summary>The open tasks of the cycle and its working groups, which a withdrawal closes.</summary>
    public int OpenTasks => Progress.Stages.Sum(s => s.OpenTasks);

    /// <summary>The theme's name in the user's language (its id when the cycle does not have it).</summary>
    /// <param name="theme">A theme id.</param>
    public string ThemeName(string theme) => Cycle.Themes.Find(t => t.Id == theme) is { } known ? PlanWording.ThemeName(known) : theme;

    /// <summary>The state's name, e.g. «توافق‌شده».</summary>
    /// <param name="state">A state.</param>
    public string StateName(WorkingGroupState state) => texts[$"State_{JsonName(state)}"];

    /// <summary>The level's name, e.g. «ستادی».</summary>
    /// <param name="level">A level id.</param>
    public string LevelName(string level) => wording.LevelName(level);

    /// <summary>The kind's plural name, e.g. «راهبردها».</summary>
    /// <param name="kind">A kind.</param>
    public string KindName(PlanItemKind kind) => wording.KindHeading(kind);

    /// <summary>The count of <paramref name="kind"/> in <paramref name="counts"/>.</summary>
    /// <param name="counts">A theme's items.</param>
    /// <param name="kind">A kind.</param>
    public static int Count(ThemeItemCounts counts, PlanItemKind kind)
    {
        ArgumentNullException.ThrowIfNull(counts);
        return kind switch
        {
            PlanItemKind.Problem => counts.Problems,
            PlanItemKind.Strategy => counts.Strategies,
            PlanItemKind.ExecutivePolicy => counts.ExecutivePolicies,
            _ => counts.Projects,
        };
    }

    /// <summary>The input of the working groups' chart: themes on the axis, one stacked series per state.</summary>
    public object WorkingGroupsChart() => Chart(
        Progress.WorkingGroupsByTheme.Select(b => ThemeName(b.Id)),
        States.Select(state => (StateName(state), StateColor(state), Progress.WorkingGroupsByTheme.Select(b => b.Counts[state]))),
        stacked: true);

    /// <summary>The input of the items' chart: themes on the axis, one series per kind.</summary>
    public object ItemsChart() => Chart(
        Progress.ItemsByTheme.Select(b => ThemeName(b.Theme)),
        Kinds.Select(kind => (KindName(kind), KindColor(kind), Progress.ItemsByTheme.Select(b => Count(b, kind)))),
        stacked: false);

    /// <summary>The API spelling of <paramref name="state"/>, e.g. <c>inSessions</c>.</summary>
    /// <param name="state">A state.</param>
    public static string JsonName(WorkingGroupState state) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(state.ToString());

    private static object Chart(IEnumerable<string> labels, IEnumerable<(string Label, string Color, IEnumerable<int> Data)> series, bool stacked) => new
    {
        locale = UserLanguage.Current == UserLanguage.Persian ? "fa-IR" : "en-GB",
        rtl = UserLanguage.IsRightToLeft,
        stacked,
        labels = labels.ToList(),
        datasets = series.Select(s => new { label = s.Label, color = s.Color, data = s.Data.ToList() }).ToList(),
    };

    // Bootstrap's palette, AA contrast against the white card for the bars' edges.
    private static string StateColor(WorkingGroupState state) => state switch
    {
        WorkingGroupState.NotStarted => "#6c757d",
        WorkingGroupState.InSessions => "#0d6efd",
        WorkingGroupState.Drafting => "#b35c00",
        WorkingGroupState.Agreed => "#198754",
        _ => "#dc3545",
    };

    private static string KindColor(PlanItemKind kind) => kind switch
    {
        PlanItemKind.Problem => "#6f42c1",
        PlanItemKind.Strategy => "#0d6efd",
        PlanItemKind.ExecutivePolicy => "#20838f",
        _ => "#b35c00",
    };
}
