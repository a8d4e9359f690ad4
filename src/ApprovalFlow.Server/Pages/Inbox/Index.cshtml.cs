using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Tasks;
using ApprovalFlow.Server.Web;
using Htmx;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ApprovalFlow.Server.Pages.Inbox;

/// <summary>
/// The inbox at <c>/</c>: tabs My tasks, Group tasks and Completed by me with their counts, a page of
/// tasks, and claiming a group task. Lists and claims go through the same handlers as
/// <c>GET /api/tasks</c> and <c>POST /api/tasks/{id}/claim</c> (same access rules). Tab, page and
/// claim work as plain links and form posts; with htmx they swap only the list (<see cref="Htmx"/>).
/// </summary>
public sealed class IndexModel(ApprovalFlowDbContext db, ICurrentUser user, TaskSummaries summaries) : PageModel
{
    /// <summary>Rows per page: 20.</summary>
    public const int PageSize = 20;

    /// <summary>The tab shown.</summary>
    public InboxTab Tab { get; private set; } = InboxTab.Mine;

    /// <summary>The page shown (1-based).</summary>
    public int PageNumber { get; private set; } = 1;

    /// <summary>Pages in all (at least 1).</summary>
    public int PageCount { get; private set; } = 1;

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

    /// <summary>Tasks per tab id.</summary>
    public Dictionary<string, int> Counts { get; } = new(StringComparer.Ordinal);

    /// <summary>The rows of the page.</summary>
    public IReadOnlyList<TaskSummary> Rows { get; private set; } = [];

    /// <summary>What just happened (a claim), as a resource key, or <see langword="null"/>.</summary>
    public string? Notice { get; private set; }

    /// <summary>The task the notice is about, or <see langword="null"/>.</summary>
    public Guid? NoticeTaskId { get; private set; }

    /// <summary>Shows a tab's page; an htmx request gets only the list.</summary>
    public async Task<IActionResult> OnGetAsync(string? tab, int? p, CancellationToken cancellationToken)
    {
        Notice = TempData[nameof(Notice)] as string;
        NoticeTaskId = TempData[nameof(NoticeTaskId)] as Guid?;
        await LoadAsync(tab, p, cancellationToken);
        return Request.IsHtmx() ? Partial("_InboxList", this) : Page();
    }

    /// <summary>Claims a group task, then shows the same tab again with what happened.</summary>
    public async Task<IActionResult> OnPostClaimAsync(Guid id, string? tab, int? p, [FromServices] TimeProvider time, CancellationToken cancellationToken)
    {
        var result = await TasksApi.ClaimAsync(id, db, user, time, cancellationToken);
        (Notice, NoticeTaskId) = result.Result switch
        {
            Ok<TaskResponse> => ("NoticeClaimed", id),
            ProblemHttpResult { StatusCode: StatusCodes.Status409Conflict } => ("NoticeTaken", (Guid?)null),
            ProblemHttpResult { StatusCode: StatusCodes.Status403Forbidden } => ("NoticeNotCandidate", null),
            _ => ("NoticeGone", null),
        };
        if (!Request.IsHtmx())
        {
            TempData[nameof(Notice)] = Notice;
            TempData[nameof(NoticeTaskId)] = NoticeTaskId;
            return RedirectToPage(new { tab, p });
        }

        await LoadAsync(tab, p, cancellationToken);
        return Partial("_InboxList", this);
    }

    private async Task LoadAsync(string? tab, int? p, CancellationToken cancellationToken)
    {
        Tab = InboxTab.Find(tab);
        foreach (var each in InboxTab.All)
        {
            Counts[each.Id] = (await ListAsync(each, 1, 1, cancellationToken)).Total;
        }

        PageCount = Math.Max(1, (Counts[Tab.Id] + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(p ?? 1, 1, PageCount);
        var page = await ListAsync(Tab, PageNumber, PageSize, cancellationToken);
        Rows = await summaries.DescribeAsync(page.Items, cancellationToken);
    }

    private async Task<TaskPage> ListAsync(InboxTab tab, int page, int pageSize, CancellationToken cancellationToken) =>
        (await TasksApi.ListAsync(db, user, cancellationToken, tab.Scope, tab.Status, page: page, pageSize: pageSize)).Result is Ok<TaskPage> { Value: { } list }
            ? list
            : new TaskPage([], 0);
}
