using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace ApprovalFlow.Benchmarks.Durable;

/// <summary>
/// pgbench's TPC-B-like run on the benchmark database (its <c>pgbench_*</c> tables go to the
/// <c>public</c> schema, which ApprovalFlow does not use): the yardstick for "a durable transaction on
/// this machine".
/// </summary>
internal static partial class Pgbench
{
    /// <summary>Creates and fills the <c>pgbench_*</c> tables at <paramref name="scale"/>.</summary>
    public static async Task InitializeAsync(BenchmarkDatabase database, int scale) =>
        await RunToolAsync([.. Connection(database), "-i", "-q", "-s", scale.ToString(CultureInfo.InvariantCulture), database.Name]);

    /// <summary>Runs <paramref name="clients"/> clients for <paramref name="seconds"/>; returns tps and the report.</summary>
    public static async Task<(double Tps, string Report)> RunAsync(BenchmarkDatabase database, int clients, int seconds)
    {
        var report = await RunToolAsync([.. Connection(database), "-c", clients.ToString(CultureInfo.InvariantCulture), "-j", "2",
            "-T", seconds.ToString(CultureInfo.InvariantCulture), database.Name]);
        var match = TpsLine().Match(report);
        return match.Success
            ? (double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), report)
            : throw new InvalidOperationException($"No tps in pgbench's report:{Environment.NewLine}{report}");
    }

    private static string[] Connection(BenchmarkDatabase database) =>
        ["-h", database.Host, "-p", database.Port.ToString(CultureInfo.InvariantCulture), "-U", database.Username];

    private static string Executable() =>
        Environment.GetEnvironmentVariable("PGBENCH") is { Length: > 0 } configured ? configured
        : Directory.GetDirectories("/usr/lib/postgresql").OrderBy(d => int.Parse(Path.GetFileName(d), CultureInfo.InvariantCulture))
            .Select(d => Path.Combine(d, "bin", "pgbench")).LastOrDefault(File.Exists) ?? "pgbench";

    private static async Task<string> RunToolAsync(string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(Executable(), arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"pgbench {string.Join(' ', arguments)} failed ({process.ExitCode}): {await error}");
        }

        return await output + await error;
    }

    [GeneratedRegex(@"tps = ([0-9.]+) \(without initial connection time\)")]
    private static partial Regex TpsLine();
}
