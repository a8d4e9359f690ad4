namespace ApprovalFlow.Benchmarks.Drills;

/// <summary><c>drill crash-loop|db-restart|mail-outage|memory [--app DIR] [options]</c> (deploy/drill.sh runs these on a published release).</summary>
internal static class DrillCommand
{
    public static Task<int> RunAsync(string[] args)
    {
        var options = DrillOptions.Parse(args.Length > 1 ? args[1..] : []);
        return (args.Length > 0 ? args[0] : string.Empty) switch
        {
            "crash-loop" => CrashLoopDrill.RunAsync(options),
            "db-restart" => DatabaseRestartDrill.RunAsync(options),
            "mail-outage" => MailOutageDrill.RunAsync(options),
            "memory" => MemoryDrill.RunAsync(options),
            _ => Usage(),
        };
    }

    private static Task<int> Usage()
    {
        Console.Error.WriteLine("drill crash-loop|db-restart|mail-outage|memory [--app DIR] [--tasks N --clients N --kill-every S --down S --minutes M --limit-mib M]");
        return Task.FromResult(2);
    }
}
