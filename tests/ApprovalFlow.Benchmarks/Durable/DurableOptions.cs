using System.Globalization;

namespace ApprovalFlow.Benchmarks.Durable;

/// <summary>Settings of the durable run, from <c>--name value</c> pairs after <c>durable</c>.</summary>
/// <param name="Instances">10-task sequences completed in each timed run (service layer, then HTTP).</param>
/// <param name="Workers">Concurrent workers (one user each), also pgbench's client count.</param>
/// <param name="WarmUpInstances">Sequences completed before each timed run, not measured.</param>
/// <param name="InboxRows">Task rows in the table when the inbox query is timed.</param>
/// <param name="InboxRuns">Timed inbox queries per variant.</param>
/// <param name="PgbenchScale">pgbench's scale factor (<c>-i -s</c>).</param>
/// <param name="PgbenchSeconds">pgbench's run time (<c>-T</c>).</param>
/// <param name="KeepDatabase">Leave the database behind for inspection.</param>
internal sealed record DurableOptions(
    int Instances = 1000, int Workers = 16, int WarmUpInstances = 100, int InboxRows = 1_000_000, int InboxRuns = 200,
    int PgbenchScale = 10, int PgbenchSeconds = 20, bool KeepDatabase = false)
{
    public static DurableOptions Parse(string[] args)
    {
        var options = new DurableOptions();
        for (var i = 0; i < args.Length; i++)
        {
            int Next() => int.Parse(args[++i], CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--instances" => options with { Instances = Next() },
                "--workers" => options with { Workers = Next() },
                "--warm-up" => options with { WarmUpInstances = Next() },
                "--inbox-rows" => options with { InboxRows = Next() },
                "--inbox-runs" => options with { InboxRuns = Next() },
                "--pgbench-scale" => options with { PgbenchScale = Next() },
                "--pgbench-seconds" => options with { PgbenchSeconds = Next() },
                "--keep-database" => options with { KeepDatabase = true },
                var unknown => throw new ArgumentException($"Unknown option '{unknown}'. Options: --instances N --workers W --warm-up N --inbox-rows N --inbox-runs N --pgbench-scale S --pgbench-seconds T --keep-database"),
            };
        }

        return options;
    }
}
