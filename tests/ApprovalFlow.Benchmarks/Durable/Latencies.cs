using System.Diagnostics;
using System.Globalization;

namespace ApprovalFlow.Benchmarks.Durable;

/// <summary>Latencies (ms) of one worker; merged after a run. Not thread-safe: one per worker.</summary>
internal sealed class Latencies
{
    private readonly List<double> _milliseconds = [];

    public int Count => _milliseconds.Count;

    /// <summary>Times <paramref name="action"/> and records it.</summary>
    public async Task<T> TimeAsync<T>(Func<Task<T>> action)
    {
        var start = Stopwatch.GetTimestamp();
        var result = await action();
        _milliseconds.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        return result;
    }

    public static double[] Merge(IEnumerable<Latencies> all)
    {
        var merged = all.SelectMany(l => l._milliseconds).ToArray();
        Array.Sort(merged);
        return merged;
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    public static double Percentile(double[] sorted, double percent) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(percent / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];

    public static string Summary(double[] sorted) => string.Create(CultureInfo.InvariantCulture,
        $"p50 {Percentile(sorted, 50):F2} ms, p95 {Percentile(sorted, 95):F2} ms, p99 {Percentile(sorted, 99):F2} ms, max {sorted[^1]:F2} ms (n={sorted.Length})");
}
