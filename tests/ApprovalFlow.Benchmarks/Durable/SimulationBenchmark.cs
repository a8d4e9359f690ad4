using System.Diagnostics;
using System.Globalization;
using ApprovalFlow.Simulation;
using Microsoft.AspNetCore.Hosting;

namespace ApprovalFlow.Benchmarks.Durable;

/// <summary>
/// One full simulated plan cycle (what <c>deploy/run.sh --simulate</c> runs: <see cref="CycleSimulator"/>, every
/// participant signing in and acting through the HTTP API) on a fresh database with the demo directory and the shipped
/// definitions of <c>workflows/</c>, the service in-process on loopback (issue 15: under 3 s of service time). Prints the
/// wall time, the service time (the summed server time of the requests, <see cref="ServerTimings"/>), the CPU of this
/// process (service and simulator together) and of PostgreSQL, and the routes by summed server time.
/// Not a test: run it by hand (<c>simulate [--runs 1] [--keep-database]</c>).
/// </summary>
internal static class SimulationBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var (runs, keep) = (1, false);
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--runs": runs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--keep-database": keep = true; break;
                default: throw new ArgumentException($"Unknown option '{args[i]}'. Options: --runs N --keep-database");
            }
        }

        await using var database = await BenchmarkDatabase.CreateAsync(keep, "approvalflow_simulate");
        var workflows = Path.Combine(BenchmarkDatabase.RepositoryRoot(), "workflows");
        await using var host = await ServiceHost.StartAsync(database.ConnectionString, web =>
        {
            web.UseSetting("Seed:Demo", "true");
            web.UseSetting("Workflows:Directory", workflows);
        });
        using var timings = new ServerTimings();
        var status = 0;
        for (var run = 0; run < runs; run++)
        {
            timings.Reset();
            var load = File.ReadAllText("/proc/loadavg").Trim();
            var cpu = CpuMeter.Now();
            var wall = Stopwatch.StartNew();
            var simulator = new CycleSimulator(host.Anonymous, new SimulationOptions { Cycle = $"bench-{run}-{DateTime.UtcNow:HHmmss}" });
            var result = await simulator.RunAsync(CancellationToken.None);
            wall.Stop();
            cpu = CpuMeter.Now() - cpu;
            status = result.Status == "completed" ? status : 1;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Simulated cycle {run + 1}: {result.Status}, {result.WorkingGroupsCompleted} working groups, {result.Tasks.Count} tasks by {result.Tasks.Select(t => t.UserEmail).Distinct().Count()} people; load average before {load}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"   wall {wall.Elapsed.TotalSeconds:F2} s; service time (summed server time of {timings.Count} requests) {timings.Total.TotalSeconds:F2} s; CPU: this process (service and simulator) {cpu.Service.TotalSeconds:F2} s, PostgreSQL {cpu.Postgres.TotalSeconds:F2} s"));
            foreach (var (route, sorted) in timings.ByRoute().OrderByDescending(r => r.Value.Sum()).Take(12))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   {sorted.Sum() / 1000,7:F2} s  {sorted.Length,5} × {route,-50} {Latencies.Summary(sorted)}"));
            }
        }

        return status;
    }
}
