using ApprovalFlow.Engine.Calendar;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Planning;
using ApprovalFlow.Server.Text;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Features.Tasks;

/// <summary>
/// What an inbox list shows (<c>GET /api/tasks</c> and the inbox page): scope and status, filters, search,
/// sort and page. Filters combine with AND, except <see cref="Overdue"/> and <see cref="DueWithin"/>, which
/// together mean "overdue or due soon". Immutable.
/// </summary>
public sealed record TaskListQuery
{
    /// <summary>The longest search text accepted: 200 characters.</summary>
    public const int MaxSearchLength = 200;

    /// <summary>The largest <see cref="DueWithin"/>: 250 working days (about a year).</summary>
    public const int MaxDueWithin = 250;

    /// <summary>The sorts: <c>priority</c> (default: highest first, then oldest), <c>due</c> (soonest first, tasks without a due date last), <c>created</c> (oldest first).</summary>
    public static IReadOnlyList<string> Sorts { get; } = ["priority", "due", "created"];

    /// <summary><c>mine</c> (assigned to me, or completed by me), <c>group</c> (offered to my groups or to me) or <c>all</c> (admins, process owners). Default <c>mine</c>.</summary>
    public string Scope { get; init; } = "mine";

    /// <summary><c>open</c> or <c>completed</c>. Default <c>open</c>.</summary>
    public string Status { get; init; } = "open";

    /// <summary>Only tasks of this instance.</summary>
    public Guid? InstanceId { get; init; }

    /// <summary>Only tasks of this call tree.</summary>
    public Guid? RootInstanceId { get; init; }

    /// <summary>Only tasks of this process key (their own instance's definition), e.g. <c>working-group</c>.</summary>
    public string? Process { get; init; }

    /// <summary>Only tasks under this stage: the root instance's top-level node id, e.g. <c>WorkingGroupSessions</c>.</summary>
    public string? Stage { get; init; }

    /// <summary>Only tasks of this plan theme id (<see cref="PlanningVocabulary.Themes"/>).</summary>
    public string? Theme { get; init; }

    /// <summary>Only tasks of working groups of this level (<see cref="PlanningVocabulary.Levels"/>).</summary>
    public string? Level { get; init; }

    /// <summary>Only tasks past their due instant.</summary>
    public bool Overdue { get; init; }

    /// <summary>
    /// Only tasks not yet overdue and due by the end of the office day <see cref="DueWithin"/> working days
    /// from now (the business calendar's <see cref="WorkingDayCalendar.AddWorkingDays"/>, as <c>workingDays(n)</c>
    /// deadlines are set); 0 is "due by the end of today's office day". 0 to <see cref="MaxDueWithin"/>.
    /// </summary>
    public int? DueWithin { get; init; }

    /// <summary>Free text: every word (normalised by <see cref="PersianText"/>) must occur in the task's search key. At most <see cref="MaxSearchLength"/> characters.</summary>
    public string? Search { get; init; }

    /// <summary>One of <see cref="Sorts"/>; <see langword="null"/> for <c>priority</c>.</summary>
    public string? Sort { get; init; }

    /// <summary><c>asc</c> or <c>desc</c>; <see langword="null"/> for the sort's natural order (priority: desc; due and created: asc).</summary>
    public string? Order { get; init; }

    /// <summary>Page number, 1-based. Default 1.</summary>
    public int Page { get; init; } = 1;

    /// <summary>Rows per page. Default 50 (clamped by <see cref="Api.Paging"/>).</summary>
    public int PageSize { get; init; } = 50;

    /// <summary>Only the total is wanted (the inbox's tab counts): no page of rows is read. Not a query parameter of the API.</summary>
    public bool CountOnly { get; init; }

    /// <summary>Whether any filter or search narrows the list (scope, status and sort aside).</summary>
    public bool IsFiltered =>
        Process is not null || Stage is not null || Theme is not null || Level is not null || Overdue || DueWithin is not null || PersianText.SearchWords(Search).Count > 0;

    /// <summary>What is wrong with the filters and sort, as a problem detail, or <see langword="null"/> when they are valid.</summary>
    public string? Problem()
    {
        if (Theme is not null && PlanningVocabulary.ThemeOrder(Theme) < 0)
        {
            return $"theme must be one of {string.Join(", ", PlanningVocabulary.Themes.Select(t => t.Id))}, not '{Theme}'.";
        }

        if (Level is not null && PlanningVocabulary.LevelOrder(Level) < 0)
        {
            return $"level must be one of {string.Join(", ", PlanningVocabulary.Levels)}, not '{Level}'.";
        }

        if (DueWithin is < 0 or > MaxDueWithin)
        {
            return $"dueWithin is a number of working days from 0 to {MaxDueWithin}, not {DueWithin}.";
        }

        if (Search is { Length: > MaxSearchLength })
        {
            return $"q may be at most {MaxSearchLength} characters long, not {Search.Length}.";
        }

        if (Sort is not null && !Sorts.Contains(Sort))
        {
            return $"sort must be one of {string.Join(", ", Sorts)}, not '{Sort}'.";
        }

        if (Order is not null and not ("asc" or "desc"))
        {
            return $"order must be asc or desc, not '{Order}'.";
        }

        if (Process is { Length: > 200 } || Stage is { Length: > 200 })
        {
            return "process and stage are ids of at most 200 characters.";
        }

        return null;
    }

    /// <summary>Narrows <paramref name="tasks"/> by the filters and the search (not by scope or status).</summary>
    /// <param name="tasks">The tasks in scope.</param>
    /// <param name="now">The instant "overdue" is judged at.</param>
    /// <param name="calendar">The business calendar that counts <see cref="DueWithin"/>.</param>
    /// <returns>The narrowed query (not yet ordered).</returns>
    public IQueryable<UserTaskRecord> Filter(IQueryable<UserTaskRecord> tasks, DateTimeOffset now, WorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(calendar);
        if (Process is { } process)
        {
            tasks = tasks.Where(t => t.DefinitionKey == process);
        }

        if (Stage is { } stage)
        {
            tasks = tasks.Where(t => t.StageId == stage);
        }

        if (Theme is { } theme)
        {
            tasks = tasks.Where(t => t.Theme == theme);
        }

        if (Level is { } level)
        {
            tasks = tasks.Where(t => t.Level == level);
        }

        if (DueWithin is { } days)
        {
            var limit = calendar.AddWorkingDays(now, days);
            tasks = Overdue ? tasks.Where(t => t.DueAt <= limit) : tasks.Where(t => t.DueAt >= now && t.DueAt <= limit);
        }
        else if (Overdue)
        {
            tasks = tasks.Where(t => t.DueAt < now);
        }

        foreach (var word in PersianText.SearchWords(Search))
        {
            var pattern = "%" + word.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal) + "%";
            tasks = tasks.Where(t => EF.Functions.Like(t.SearchKey, pattern, @"\"));
        }

        return tasks;
    }

    /// <summary>Orders <paramref name="tasks"/> by <see cref="Sort"/> and <see cref="Order"/>, the task id last so pages are stable.</summary>
    /// <param name="tasks">The tasks to order.</param>
    /// <returns>The ordered query.</returns>
    public IQueryable<UserTaskRecord> Ordered(IQueryable<UserTaskRecord> tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var descending = Order == "desc";
        return (Sort ?? "priority") switch
        {
            "due" => descending
                ? tasks.OrderBy(t => t.DueAt == null).ThenByDescending(t => t.DueAt).ThenByDescending(t => t.Priority).ThenBy(t => t.Id)
                : tasks.OrderBy(t => t.DueAt == null).ThenBy(t => t.DueAt).ThenByDescending(t => t.Priority).ThenBy(t => t.Id),
            "created" => descending
                ? tasks.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id)
                : tasks.OrderBy(t => t.CreatedAt).ThenBy(t => t.Id),
            _ => Order == "asc"
                ? tasks.OrderBy(t => t.Priority).ThenBy(t => t.CreatedAt).ThenBy(t => t.Id)
                : tasks.OrderByDescending(t => t.Priority).ThenBy(t => t.CreatedAt).ThenBy(t => t.Id),
        };
    }
}
