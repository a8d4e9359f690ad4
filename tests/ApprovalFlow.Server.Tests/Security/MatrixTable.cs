namespace ApprovalFlow.Server.Tests.Security;

/// <summary>
/// The checked-in expectations of <see cref="AuthorizationMatrixTests"/>: one tab-separated row per method and route with
/// the address to call (placeholders <c>{task}</c>, <c>{instance}</c>, <c>{key}</c>, <c>{version}</c>, <c>{cycle}</c>,
/// <c>{guid}</c>: an id nothing has) and the status for each principal in <see cref="Principals.Columns"/> order.
/// Lines starting with <c>#</c> are comments.
/// </summary>
internal sealed class MatrixTable
{
    private MatrixTable(IReadOnlyDictionary<string, Row> rows) => Rows = rows;

    /// <summary>The rows by <c>METHOD route</c>.</summary>
    public IReadOnlyDictionary<string, Row> Rows { get; }

    /// <summary>Whether a route belongs to the machine side (problem details, bearer tokens) rather than to the web pages.</summary>
    public static bool IsMachinePath(string route) =>
        new[] { "/api", "/openapi", "/scalar", "/health", "/hangfire", "/metrics", "/engine-rest" }.Any(p => route == p || route.StartsWith(p + "/", StringComparison.Ordinal));

    public static MatrixTable Load(string path)
    {
        var rows = new Dictionary<string, Row>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            var cells = line.Split('\t');
            Assert.True(cells.Length == 9, $"{path}: a row needs 9 tab-separated cells: {line}");
            var row = new Row(cells[0], cells[1], cells[2], cells[3..].Select(c => int.Parse(c, System.Globalization.CultureInfo.InvariantCulture)).ToList());
            Assert.True(rows.TryAdd($"{row.Method} {row.Route}", row), $"{path}: {row.Method} {row.Route} appears twice");
        }

        return new MatrixTable(rows);
    }

    /// <summary>One row: method, route, the address called and the status per principal.</summary>
    public sealed record Row(string Method, string Route, string Url, IReadOnlyList<int> Statuses)
    {
        public string Line => string.Join('\t', [Method, Route, Url, .. Statuses.Select(s => s.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
    }
}
