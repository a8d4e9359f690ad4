namespace ApprovalFlow.Server.Api;

/// <summary>Page and page size of list endpoints, clamped so the row offset always fits.</summary>
public static class Paging
{
    /// <summary>Largest page size: 200.</summary>
    public const int MaxPageSize = 200;

    /// <summary>
    /// Clamps <paramref name="page"/> (1-based) and <paramref name="pageSize"/> (1 to
    /// <see cref="MaxPageSize"/>) so that <c>(page - 1) * pageSize</c> does not overflow.
    /// </summary>
    public static (int Page, int PageSize) Clamp(int page, int pageSize)
    {
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        return (Math.Clamp(page, 1, (int)Math.Min(int.MaxValue, (long)(int.MaxValue / pageSize) + 1)), pageSize);
    }
}
