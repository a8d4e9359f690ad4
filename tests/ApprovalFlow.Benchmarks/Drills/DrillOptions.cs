using System.Globalization;

namespace ApprovalFlow.Benchmarks.Drills;

/// <summary>The drill's <c>--name value</c> options; every drill takes <c>--app DIR</c>, the folder of <c>deploy/publish.sh</c>.</summary>
internal sealed class DrillOptions(IReadOnlyDictionary<string, string> values)
{
    /// <summary>The published release the nodes run (default: the server's Release build output).</summary>
    public string App => values.TryGetValue("app", out var app)
        ? Path.GetFullPath(app)
        : Path.Combine(BenchmarkDatabase.RepositoryRoot(), "src", "ApprovalFlow.Server", "bin", "Release", "net10.0");

    public static DrillOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }

        return new DrillOptions(values);
    }

    public int Int(string name, int fallback) => values.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    public string Text(string name, string fallback) => values.GetValueOrDefault(name, fallback);
}
