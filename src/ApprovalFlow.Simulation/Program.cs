using System.Globalization;

namespace ApprovalFlow.Simulation;

/// <summary>
/// The command line: <c>ApprovalFlow.Simulation [--url http://127.0.0.1:5080] [--cycle 1405-1408-sim]
/// [--password Demo!2345] [--owner owner@approvalflow.local] [--timeout-minutes 10]</c>. Exit code 0 when the cycle completed.
/// </summary>
internal static class SimulationCommand
{
    /// <summary>Waits up to two minutes for <c>/health/ready</c>.</summary>
    private static async Task<bool> WaitUntilReadyAsync(Uri url)
    {
        using var client = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(5) };
        for (var attempt = 0; attempt < 120; attempt++)
        {
            try
            {
                if ((await client.GetAsync(new Uri("/health/ready", UriKind.Relative))).IsSuccessStatusCode)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Too slow to answer yet.
            }

            await Task.Delay(1000);
        }

        return false;
    }

    public static async Task<int> Main(string[] args)
    {
        var settings = args.Chunk(2).Where(pair => pair.Length == 2).ToDictionary(pair => pair[0].TrimStart('-'), pair => pair[1], StringComparer.OrdinalIgnoreCase);
        var url = new Uri(settings.GetValueOrDefault("url") ?? Environment.GetEnvironmentVariable("APPROVALFLOW_URL") ?? "http://127.0.0.1:5080");
        var options = new SimulationOptions
        {
            OwnerEmail = settings.GetValueOrDefault("owner") ?? "owner@approvalflow.local",
            Password = settings.GetValueOrDefault("password") ?? "Demo!2345",
            Cycle = settings.GetValueOrDefault("cycle") ?? $"sim-{TimeProvider.System.GetUtcNow():yyyyMMdd-HHmmss}",
            Timeout = TimeSpan.FromMinutes(double.Parse(settings.GetValueOrDefault("timeout-minutes") ?? "10", CultureInfo.InvariantCulture)),
        };

        if (!await WaitUntilReadyAsync(url))
        {
            Console.Error.WriteLine($"No ApprovalFlow service answers at {url} (start it with deploy/run.sh).");
            return 2;
        }

        var clock = TimeProvider.System;
        var started = clock.GetUtcNow();
        var simulator = new CycleSimulator(() => new HttpClient { BaseAddress = url }, options, line => Console.WriteLine($"  {clock.GetUtcNow() - started:mm\\:ss} {line}"), clock);
        try
        {
            var result = await simulator.RunAsync(CancellationToken.None);
            Console.WriteLine();
            Console.WriteLine($"Plan cycle {options.BusinessKey}: {result.Status}, {result.Tasks.Count} tasks by {result.Tasks.Select(t => t.UserEmail).Distinct().Count()} people, {result.WorkingGroupsCompleted} working groups.");
            Console.WriteLine("Timeline of stages:");
            var first = result.Stages.Count > 0 ? result.Stages[0].At : started;
            foreach (var stage in result.Stages)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  +{(stage.At - first).TotalSeconds,7:0.0} s  {stage.NodeId}"));
            }

            return result.Status == "completed" ? 0 : 1;
        }
        catch (SimulationException e)
        {
            Console.Error.WriteLine($"Simulation failed: {e.Message}");
            return 2;
        }
    }
}
