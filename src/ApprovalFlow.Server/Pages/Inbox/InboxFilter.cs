using System.Globalization;
using ApprovalFlow.Server.Features.Tasks;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace ApprovalFlow.Server.Pages.Inbox;

/// <summary>
/// The inbox's filters, search and sort as they stand in its URL (the same names as <c>GET /api/tasks</c>:
/// <c>process</c>, <c>stage</c>, <c>theme</c>, <c>level</c>, <c>overdue</c>, <c>dueWithin</c>, <c>q</c>,
/// <c>sort</c>, <c>order</c>), so a filtered inbox can be shared, bookmarked, saved and reached with the back button.
/// </summary>
public sealed record InboxFilter
{
    /// <summary>The query parameter names, in the order URLs are written.</summary>
    public static IReadOnlyList<string> Names { get; } = ["process", "stage", "theme", "level", "overdue", "dueWithin", "q", "sort", "order"];

    /// <summary>
    /// The filters, search (<see cref="TaskListQuery.Search"/>, parameter <c>q</c>) and sort as the task list reads them;
    /// scope, status and page are the tab's and the URL's (<see cref="ToListQuery"/>).
    /// </summary>
    public TaskListQuery Query { get; init; } = new();

    /// <summary>The <c>dueWithin</c> text when it is not a whole number (shown as invalid), or <see langword="null"/>.</summary>
    public string? DueWithinInvalid { get; init; }

    /// <summary>Whether any filter or search is set (sort aside).</summary>
    public bool HasFilters => Query.IsFiltered || Query.Search is not null || DueWithinInvalid is not null;

    /// <summary>Reads the filter from a query string; blank values count as unset.</summary>
    public static InboxFilter From(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var due = Value(query["dueWithin"]);
        var isNumber = int.TryParse(due, NumberStyles.None, CultureInfo.InvariantCulture, out var days);
        return new InboxFilter
        {
            Query = new TaskListQuery
            {
                Process = Value(query["process"]),
                Stage = Value(query["stage"]),
                Theme = Value(query["theme"]),
                Level = Value(query["level"]),
                Overdue = Value(query["overdue"]) is "true" or "on",
                DueWithin = due is not null && isNumber ? days : null,
                Search = Value(query["q"]),
                Sort = Value(query["sort"]),
                Order = Value(query["order"]),
            },
            DueWithinInvalid = due is not null && !isNumber ? due : null,
        };
    }

    /// <summary>Reads the filter from a saved view's query string (<see cref="ToQuery"/>).</summary>
    public static InboxFilter Parse(string query) => From(new QueryCollection(QueryHelpers.ParseQuery(query)));

    /// <summary>The list query of <paramref name="tab"/>'s page <paramref name="page"/> with this filter.</summary>
    public TaskListQuery ToListQuery(InboxTab tab, int page, int pageSize) => Query with
    {
        Scope = tab.Scope, Status = tab.Status, Page = page, PageSize = pageSize,
        DueWithin = Query.DueWithin ?? (DueWithinInvalid is null ? null : -1),
    };

    /// <summary>The query parameters of the set values, in <see cref="Names"/> order.</summary>
    public IEnumerable<KeyValuePair<string, string>> Parameters()
    {
        var q = Query;
        string?[] values = [q.Process, q.Stage, q.Theme, q.Level, q.Overdue ? "true" : null, q.DueWithin?.ToString(CultureInfo.InvariantCulture) ?? DueWithinInvalid, q.Search, q.Sort, q.Order];
        for (var i = 0; i < Names.Count; i++)
        {
            if (values[i] is { } value)
            {
                yield return new(Names[i], value);
            }
        }
    }

    /// <summary>The filter as a query string without <c>?</c>, tab first and page last (page 1 omitted), e.g. <c>tab=group&amp;theme=urban-identity</c>.</summary>
    public string ToQuery(InboxTab? tab = null, int page = 1)
    {
        var parameters = new List<KeyValuePair<string, string?>>();
        if (tab is not null)
        {
            parameters.Add(new("tab", tab.Id));
        }

        parameters.AddRange(Parameters().Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)));
        if (page > 1)
        {
            parameters.Add(new("p", page.ToString(CultureInfo.InvariantCulture)));
        }

        return QueryString.Create(parameters).ToString().TrimStart('?');
    }

    /// <summary>The inbox URL of <paramref name="tab"/>'s page <paramref name="page"/> with this filter, e.g. <c>/?tab=group&amp;q=...</c>.</summary>
    public string Url(InboxTab tab, int page = 1) => "/?" + ToQuery(tab, page);

    private static string? Value(StringValues values) => values.Count == 0 || string.IsNullOrWhiteSpace(values[^1]) ? null : values[^1]!.Trim();
}
