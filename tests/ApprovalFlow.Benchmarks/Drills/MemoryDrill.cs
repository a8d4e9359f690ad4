using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace ApprovalFlow.Benchmarks.Drills;

/// <summary>
/// One node under a memory limit (<c>--limit-mib</c>, default 1024, as the unit's <c>MemoryMax=1G</c>) runs a whole simulated
/// plan cycle (<c>ApprovalFlow.Simulation</c>, what <c>deploy/run.sh --simulate</c> runs, with the shipped workflows and the
/// demo directory); prints the peak memory. Then an upload declaring a body larger than the limit (2 GiB) must be refused
/// with a 413 problem before any of its body is sent.
/// </summary>
internal static class MemoryDrill
{
    public static async Task<int> RunAsync(DrillOptions options)
    {
        var limitMiB = options.Int("limit-mib", 1024);
        using var limit = MemoryLimit.Create(limitMiB * 1048576L);
        Console.WriteLine($"Memory drill: one node limited to {limitMiB} MiB ({limit.Kind}), a whole simulated cycle");
        await using var site = await DrillSite.StartAsync(options, nodes: 1, nginx: false,
            new Dictionary<string, string> { ["Workflows:Directory"] = Path.Combine(options.App, "workflows") }, limit.ProcsFile);
        var node = site.Nodes[0];
        var readyRss = node.PeakRssMiB;
        var clock = Stopwatch.StartNew();
        var simulation = Path.Combine(BenchmarkDatabase.RepositoryRoot(), "src", "ApprovalFlow.Simulation", "bin", "Release", "net10.0", "ApprovalFlow.Simulation.dll");
        var info = new ProcessStartInfo("dotnet", [simulation, "--url", node.BaseAddress.ToString().TrimEnd('/'), "--password", DrillSite.Password, "--timeout-minutes", options.Text("simulation-minutes", "60")])
        {
            RedirectStandardOutput = true,
        };
        using var simulator = Process.Start(info)!;
        var output = await simulator.StandardOutput.ReadToEndAsync();
        await simulator.WaitForExitAsync();
        var elapsed = clock.Elapsed;
        var summary = output.Split('\n').FirstOrDefault(l => l.StartsWith("Plan cycle", StringComparison.Ordinal)) ?? output[Math.Max(0, output.Length - 2000)..];
        Console.WriteLine($"  simulation exit code {simulator.ExitCode} after {elapsed.TotalSeconds:F0} s: {summary.Trim()}");
        var alive = node.Pid is { } pid && !Process.GetProcessById(pid).HasExited;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  node: RSS when ready {readyRss:F0} MiB, peak RSS {node.PeakRssMiB:F0} MiB; the cgroup's peak (with page cache) {limit.PeakMiB:F0} MiB; {limit.Events}; {node.CpuSeconds:F1} CPU-s ({node.CpuSeconds / elapsed.TotalSeconds:F2} core); alive after the cycle: {alive}"));

        var (status, body) = await DeclareHugeUploadAsync(node.BaseAddress);
        var refused = status == 413 && body.Contains("application/problem+json", StringComparison.Ordinal);
        Console.WriteLine($"  an upload declaring 2 GiB (Content-Length 2147483648, no body sent): {status}, {(refused ? "problem details, before the body" : "UNEXPECTED: " + body)}");
        return simulator.ExitCode == 0 && alive && refused ? 0 : 1;
    }

    /// <summary>Sends only the head of an attachment upload that declares 2 GiB and reads the answer: the status and the raw head and body.</summary>
    public static async Task<(int Status, string Raw)> DeclareHugeUploadAsync(Uri node)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(node.Host, node.Port);
        await using var stream = tcp.GetStream();
        var head = $"POST /api/tasks/{Guid.NewGuid()}/attachments HTTP/1.1\r\nHost: {node.Authority}\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: 2147483648\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        var buffer = new byte[8192];
        var raw = new StringBuilder();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!raw.ToString().Contains("\r\n\r\n", StringComparison.Ordinal) || !raw.ToString().Contains('}', StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, timeout.Token);
            if (read == 0)
            {
                break;
            }

            raw.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }

        var text = raw.ToString();
        var status = text.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) ? int.Parse(text.AsSpan(9, 3), CultureInfo.InvariantCulture) : 0;
        return (status, text);
    }
}
