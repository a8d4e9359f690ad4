using ApprovalFlow.Server.Features.Planning.Data;

namespace ApprovalFlow.Server.Features.Planning.Cycles;

/// <summary>A theme of a new cycle.</summary>
/// <param name="Id">Code id: lower-case letters, digits and hyphens, unique in the cycle, e.g. <c>urban-identity</c>.</param>
/// <param name="Name">Persian name; may be left out for a theme of the glossary (<see cref="PlanningVocabulary.Themes"/>), which then gives it.</param>
/// <param name="EnglishName">English name; by default the id in title case.</param>
public sealed record CycleThemeRequest(string? Id, string? Name = null, string? EnglishName = null);

/// <summary>The body of <c>POST /api/cycles</c>.</summary>
/// <param name="Title">Title shown to people, e.g. «برنامه میان‌مدت ۱۴۰۵–۱۴۰۸»; required.</param>
/// <param name="FirstYear">First Solar Hijri year, 1300–1500; required.</param>
/// <param name="LastYear">Last Solar Hijri year: <paramref name="FirstYear"/> + 3 (a plan covers four years); required.</param>
/// <param name="Themes">The cycle's themes in display order; by default the glossary's six (<see cref="PlanCycles.DefaultThemes"/>).</param>
/// <param name="BusinessKey">The cycle's business key; by default <c>mtp-&lt;first&gt;-&lt;last&gt;</c>.</param>
/// <param name="Start">Whether to start the root <c>mid-term-plan</c> instance at once (business key, variables <c>title</c> and <c>cycle</c>).</param>
public sealed record CreateCycleRequest(string? Title, int? FirstYear, int? LastYear, IReadOnlyList<CycleThemeRequest>? Themes = null, string? BusinessKey = null, bool Start = false);

/// <summary>A plan cycle as the API shows it.</summary>
/// <param name="BusinessKey">Business key, e.g. <c>mtp-1405-1408</c>.</param>
/// <param name="Title">Title.</param>
/// <param name="FirstYear">First Solar Hijri year.</param>
/// <param name="LastYear">Last Solar Hijri year.</param>
/// <param name="Status"><c>preparing</c>, <c>inApproval</c>, <c>approved</c>, <c>cancelled</c> or <c>withdrawn</c>.</param>
/// <param name="RootInstanceId">The root <c>mid-term-plan</c> instance, or <see langword="null"/> before it is started.</param>
/// <param name="Themes">The cycle's themes in display order.</param>
/// <param name="CreatedAt">When the cycle was created (UTC).</param>
/// <param name="Withdrawal">When, by whom and why the planning office withdrew the cycle; <see langword="null"/> unless <paramref name="Status"/> is <c>withdrawn</c>.</param>
public sealed record CycleResponse(
    string BusinessKey, string Title, int FirstYear, int LastYear, string Status, Guid? RootInstanceId, IReadOnlyList<PlanCycleTheme> Themes, DateTimeOffset CreatedAt,
    CycleWithdrawalResponse? Withdrawal)
{
    /// <summary>The response of <paramref name="cycle"/>.</summary>
    /// <param name="cycle">A stored cycle.</param>
    public static CycleResponse From(PlanCycleRecord cycle)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        return new(
            cycle.BusinessKey, cycle.Title, cycle.FirstYear, cycle.LastYear, StatusText(cycle.Status), cycle.RootInstanceId, cycle.Themes, cycle.CreatedAt,
            cycle is { Status: PlanCycleStatus.Withdrawn, WithdrawnAt: { } at }
                ? new CycleWithdrawalResponse(at, cycle.WithdrawnBy ?? string.Empty, cycle.WithdrawnByName, cycle.WithdrawalReason ?? string.Empty)
                : null);
    }

    /// <summary>The API spelling of <paramref name="status"/> (camelCase).</summary>
    /// <param name="status">A cycle status.</param>
    public static string StatusText(PlanCycleStatus status) => status switch
    {
        PlanCycleStatus.Preparing => "preparing",
        PlanCycleStatus.InApproval => "inApproval",
        PlanCycleStatus.Approved => "approved",
        PlanCycleStatus.Withdrawn => "withdrawn",
        _ => "cancelled",
    };
}

/// <summary>How a plan cycle was withdrawn.</summary>
/// <param name="At">When (UTC).</param>
/// <param name="By">Who (user id).</param>
/// <param name="ByName">Their display name at the time, or <see langword="null"/> when unknown.</param>
/// <param name="Reason">Why, as the planning office wrote it.</param>
public sealed record CycleWithdrawalResponse(DateTimeOffset At, string By, string? ByName, string Reason);
