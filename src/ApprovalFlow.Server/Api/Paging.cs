namespace ApprovalFlow.Server.Api;

/// <summary>Page and page size of list endpoints, clamped so the row offset always fits.</summary>
public static class Paging
{
    /// <summary>Largest page size: 200.</summary>
    public const int MaxPageSize = 200;

    /// <summary>
    /// Clamps <paramref name="page"/> (1-based, at least 1) and <paramref name="pageSize"/> (1 to
    /// <see cref="MaxPageSize"/>) so that <c>(page - 1) * pageSize</c> does not overflow: every page from
    /// 1 to <see cref="int.MaxValue"/> is taken as it is with page size 1, and a page past the rows an
    /// <see cref="int"/> offset reaches is the last such page (an empty one).
    /// </summary>
    public static (int Page, int PageSize) Clamp(int page, int pageSize)
    {
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        var lastPage = (int)Math.Min(int.MaxValue, (int.MaxValue / pageSize) + 1L);
        return (Math.Clamp(page, 1, lastPage), pageSize);
    }
}
