using ApprovalFlow.Engine.Calendar;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Tasks;
using ApprovalFlow.Server.Runtime;
using ApprovalFlow.Server.Web;
using Htmx;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ApprovalFlow.Server.Pages.Inbox;

/// <summary>
/// The inbox at <c>/</c>: tabs My tasks, Group tasks and Completed by me with their counts, filters, search
/// and sort in the URL (<see cref="InboxFilter"/>), saved views, a page of tasks, claiming one or several
/// group tasks, and counts that refresh themselves. Lists and claims go through the same handlers as
/// <c>GET /api/tasks</c> and <c>POST /api/tasks/{id}/claim</c> (same access rules). Everything works as plain
/// links and form posts; with htmx a request swaps only the inbox region (<see cref="Htmx"/>).
/// </summary>
public sealed class IndexModel(
    ApprovalFlowDbContext db, ICurrentUser user, TaskSummaries summaries, WorkingDayCalendar calendar, TimeProvider time, DefinitionCatalog catalog,
    IStringLocalizer<InboxTexts> texts, DisplayFormat format) : PageModel
{
    /// <summary>TempData key of a notice text this page wrote before redirecting (<c>Notice</c> holds a resource key from other pages).</summary>
    private const string NoticeTextKey = "NoticeText";

    /// <summary>Rows per page: 20.</summary>
    public const int PageSize = 20;

    /// <summary>The tab shown.</summary>
    public InboxTab Tab { get; private set; } = InboxTab.Mine;

    /// <summary>The filters, search and sort of the URL.</summary>
    public InboxFilter Filter { get; private set; } = new();

    /// <summary>Whether the filter is invalid (a hand-edited URL); the list is then empty.</summary>
    public bool FilterInvalid { get; private set; }

    /// <summary>The processes and stages to filter by.</summary>
    public InboxChoices Choices { get; private set; } = new([], []);

    /// <summary>The user's saved views, by name.</summary>
    public IReadOnlyList<InboxViewRecord> Views { get; private set; } = [];

    /// <summary>The page shown (1-based).</summary>
    public int PageNumber { get; private set; } = 1;

    /// <summary>Pages in all (at least 1).</summary>
    public int PageCount { get; private set; } = 1;

    /// <summary>Tasks matching the filter in the shown tab.</summary>
    public int Matching { get; private set; }

    /// <summary>The page numbers to link: the first, the last and two either side of the current one; 0 marks a gap.</summary>
    public IReadOnlyList<int> PageLinks
    {
        get
        {
            var shown = new SortedSet<int> { 1, PageCount };
            for (var p = Math.Max(1, PageNumber - 2); p <= Math.Min(PageCount, PageNumber + 2); p++)
            {
                shown.Add(p);
            }

            var links = new List<int>();
            foreach (var page in shown)
            {
                if (links.Count > 0 && page - links[^1] > 1)
                {
                    links.Add(0);
                }

                links.Add(page);
            }

            return links;
        }
    }

    /// <summary>Tasks per tab id (without filters).</summary>
    public Dictionary<string, int> Counts { get; } = new(StringComparer.Ordinal);

    /// <summary>The rows of the page.</summary>
    public IReadOnlyList<TaskSummary> Rows { get; private set; } = [];

    /// <summary>What just happened (a claim, a saved view), ready to show, or <see langword="null"/>.</summary>
    public string? Notice { get; private set; }

    /// <summary>Whether <see cref="Notice"/> reports success (else a warning).</summary>
    public bool NoticeOk { get; private set; }

    /// <summary>The task the notice is about, or <see langword="null"/>.</summary>
    public Guid? NoticeTaskId { get; private set; }

    /// <summary>The count of the shown tab a counts poll compares with (<see cref="OnGetCountsAsync"/>).</summary>
    public int Seen { get; private set; }

    /// <summary>Whether the shown tab has more tasks than when the page was drawn (set by the counts poll).</summary>
    public bool HasNewTasks { get; private set; }

    /// <summary>The URL of this inbox view (tab, filters, page).</summary>
    public string CurrentUrl => Filter.Url(Tab, PageNumber);

    /// <summary>The route values of this view (tab, filters and, when <paramref name="withPage"/>, the page) for forms that post and come back to it.</summary>
    public Dictionary<string, string> ViewRoute(bool withPage = true)
    {
        var route = Filter.Parameters().ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        route["tab"] = Tab.Id;
        if (withPage && PageNumber > 1)
        {
            route["p"] = PageNumber.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return route;
    }

    /// <summary>Shows a tab's page; an htmx request gets only the inbox region.</summary>
    public async Task<IActionResult> OnGetAsync(string? tab, int? p, CancellationToken cancellationToken)
    {
        if (TempData[nameof(Notice)] is string key)
        {
            // A resource key from another page (the task page reports a completion this way).
            Notice = texts[key];
            NoticeOk = key is "NoticeClaimed" or "NoticeCompleted";
        }

        Notice = TempData[NoticeTextKey] as string ?? Notice;
        NoticeOk = TempData[nameof(NoticeOk)] as bool? ?? NoticeOk;
        NoticeTaskId = TempData[nameof(NoticeTaskId)] as Guid?;
        await LoadAsync(tab, p, cancellationToken);
        return Result();
    }

    /// <summary>The tab counts, for the poll every 15 s: the badges (out of band) and a hint when the shown tab grew past <paramref name="seen"/>.</summary>
    public async Task<IActionResult> OnGetCountsAsync(string? tab, int seen, CancellationToken cancellationToken)
    {
        Tab = InboxTab.Find(tab);
        Filter = InboxFilter.From(Request.Query);
        await CountAsync(cancellationToken);
        Seen = seen;
        HasNewTasks = Counts[Tab.Id] > seen;
        return Partial("_InboxCounts", this);
    }

    /// <summary>Claims a group task, then shows the same view again with what happened.</summary>
    public async Task<IActionResult> OnPostClaimAsync(Guid id, string? tab, int? p, CancellationToken cancellationToken)
    {
        var result = await TasksApi.ClaimAsync(id, db, user, time, cancellationToken);
        (var key, NoticeTaskId) = result.Result switch
        {
            Ok<TaskResponse> => ("NoticeClaimed", id),
            ProblemHttpResult { StatusCode: StatusCodes.Status409Conflict } => ("NoticeTaken", (Guid?)null),
            ProblemHttpResult { StatusCode: StatusCodes.Status403Forbidden } => ("NoticeNotCandidate", null),
            _ => ("NoticeGone", null),
        };
        return await AfterPostAsync(texts[key], key == "NoticeClaimed", tab, p, cancellationToken);
    }

    /// <summary>
    /// Claims several group tasks (<paramref name="ids"/>, the ticked rows) one by one under the rules of a
    /// single claim, then reports how many were claimed and which someone else had already taken.
    /// </summary>
    public async Task<IActionResult> OnPostBulkClaimAsync(Guid[] ids, string? tab, int? p, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Length == 0)
        {
            return await AfterPostAsync(texts["NoticeBulkNone"], false, tab, p, cancellationToken);
        }

        var claimed = 0;
        var taken = new List<string>();
        var unavailable = 0;
        foreach (var id in ids.Distinct())
        {
            switch ((await TasksApi.ClaimAsync(id, db, user, time, cancellationToken)).Result)
            {
                case Ok<TaskResponse>:
                    claimed++;
                    break;
                case ProblemHttpResult { StatusCode: StatusCodes.Status409Conflict }:
                    taken.Add(await TaskNameAsync(id, cancellationToken));
                    break;
                default:
                    unavailable++;
                    break;
            }
        }

        var parts = new List<string> { texts["NoticeBulkClaimed", format.Number(claimed)] };
        if (taken.Count > 0)
        {
            parts.Add(texts["NoticeBulkTaken", format.Number(taken.Count), string.Join(" · ", taken)]);
        }

        if (unavailable > 0)
        {
            parts.Add(texts["NoticeBulkUnavailable", format.Number(unavailable)]);
        }

        return await AfterPostAsync(string.Join(" ", parts), taken.Count == 0 && unavailable == 0, tab, p, cancellationToken);
    }

    /// <summary>Saves the current filters and sort as a view named <paramref name="name"/> (replacing the user's view of that name).</summary>
    public async Task<IActionResult> OnPostSaveViewAsync(string? name, string? tab, CancellationToken cancellationToken)
    {
        var (ok, message) = await new SavedViews(db, user.Id, time).SaveAsync(name, InboxFilter.From(Request.Query).ToQuery(InboxTab.Find(tab)), cancellationToken);
        return await AfterPostAsync(texts[message, name?.Trim() ?? string.Empty], ok, tab, null, cancellationToken);
    }

    /// <summary>Renames one of the user's views.</summary>
    public async Task<IActionResult> OnPostRenameViewAsync(Guid viewId, string? name, string? tab, int? p, CancellationToken cancellationToken)
    {
        var (ok, message) = await new SavedViews(db, user.Id, time).RenameAsync(viewId, name, cancellationToken);
        return await AfterPostAsync(texts[message, name?.Trim() ?? string.Empty], ok, tab, p, cancellationToken);
    }

    /// <summary>Deletes one of the user's views.</summary>
    public async Task<IActionResult> OnPostDeleteViewAsync(Guid viewId, string? tab, int? p, CancellationToken cancellationToken)
    {
        var (ok, message) = await new SavedViews(db, user.Id, time).DeleteAsync(viewId, cancellationToken);
        return await AfterPostAsync(texts[message], ok, tab, p, cancellationToken);
    }

    /// <summary>After a post: without htmx, redirect (post/redirect/get) to the same view with the notice; with htmx, the region.</summary>
    private async Task<IActionResult> AfterPostAsync(string notice, bool ok, string? tab, int? p, CancellationToken cancellationToken)
    {
        Notice = notice;
        NoticeOk = ok;
        if (!IsPartial)
        {
            TempData[NoticeTextKey] = Notice;
            TempData[nameof(NoticeOk)] = NoticeOk;
            TempData[nameof(NoticeTaskId)] = NoticeTaskId;
            return Redirect(InboxFilter.From(Request.Query).Url(InboxTab.Find(tab), p ?? 1));
        }

        await LoadAsync(tab, p, cancellationToken);
        return Result();
    }

    /// <summary>An htmx request that swaps the region (not a history restore, which needs the whole page).</summary>
    private bool IsPartial => Request.IsHtmx() && !Request.IsHtmxHistoryRestoreRequest();

    private IActionResult Result()
    {
        Response.Headers.Vary = "HX-Request";
        return IsPartial ? Partial("_InboxList", this) : Page();
    }

    private async Task LoadAsync(string? tab, int? p, CancellationToken cancellationToken)
    {
        Tab = InboxTab.Find(tab);
        Filter = InboxFilter.From(Request.Query);
        Choices = await InboxChoices.LoadAsync(db, catalog, cancellationToken);
        Views = await new SavedViews(db, user.Id, time).ListAsync(cancellationToken);
        await CountAsync(cancellationToken);
        Seen = Counts[Tab.Id];
        var first = await ListAsync(Filter.ToListQuery(Tab, Math.Max(1, p ?? 1), PageSize), cancellationToken);
        FilterInvalid = first is null;
        Matching = first?.Total ?? 0;
        PageCount = Math.Max(1, (Matching + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(p ?? 1, 1, PageCount);
        var page = PageNumber == Math.Max(1, p ?? 1) ? first : await ListAsync(Filter.ToListQuery(Tab, PageNumber, PageSize), cancellationToken);
        Rows = await summaries.DescribeAsync(page?.Items ?? [], cancellationToken);
    }

    private async Task CountAsync(CancellationToken cancellationToken)
    {
        foreach (var each in InboxTab.All)
        {
            Counts[each.Id] = (await ListAsync(new InboxFilter().ToListQuery(each, 1, 1) with { CountOnly = true }, cancellationToken))?.Total ?? 0;
        }
    }

    private async Task<TaskPage?> ListAsync(TaskListQuery query, CancellationToken cancellationToken) =>
        (await TasksApi.QueryAsync(db, user, calendar, time, query, cancellationToken)).Result is Ok<TaskPage> { Value: { } list } ? list : null;

    private async Task<string> TaskNameAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Tasks.Where(t => t.Id == id).Select(t => t.Name ?? t.NodeId).FirstOrDefaultAsync(cancellationToken) ?? id.ToString();
}
