using ApprovalFlow.Benchmarks.Durable;
using ApprovalFlow.Benchmarks.Mail;
using ApprovalFlow.Benchmarks.Monitoring;
using ApprovalFlow.Benchmarks.Planning;
using ApprovalFlow.Benchmarks.Timers;
using BenchmarkDotNet.Running;

namespace ApprovalFlow.Benchmarks;

/// <summary>
/// The pure-engine benchmarks (BenchmarkDotNet), or with <c>durable</c> or <c>timers</c> first a
/// measured run of the service on PostgreSQL and Hangfire:
/// <code>
///   dotnet run -c Release --project tests/ApprovalFlow.Benchmarks -- --filter '*'
///   dotnet run -c Release --project tests/ApprovalFlow.Benchmarks -- --filter '*' --job short
///   dotnet run -c Release --project tests/ApprovalFlow.Benchmarks -- engine-allocation
///   dotnet run -c Release --project tests/ApprovalFlow.Benchmarks -- durable [--instances 1000 --workers 16 --inbox-rows 1000000]
///   dotnet run -c Release --project tests/ApprovalFlow.Benchmarks -- inbox-page [--rows 1000000 --runs 200 --keep-database]
///   dotnet run -c Release --project tests/ApprovalFlow.Benchmarks -- pages [--rows 1000000 --users 100 --requests 40 --seconds 300 --keep-database]
///   dotnet run -c Release --project tests/ApprovalFlow.Benchmarks -- simulate [--runs 1 --keep-database]
///   dotnet run -c Release --project tests/ApprovalFlow.Benchmarks -- timers [--timers 10000 --lead 150 --window 20 --cancels 200 --workers 10 --keep]
///   dotnet run -c Release --project tests/ApprovalFlow.Benchmarks -- mail [--mails 2000 --steps 200 --recipients 10 --keep]
///   dotnet run -c Release --project tests/ApprovalFlow.Benchmarks -- monitor [--instances 1000 --runs 100 --keep-database]
///   dotnet run -c Release --project tests/ApprovalFlow.Benchmarks -- plan-export [--items 2000 --runs 5 --keep-database]
///   dotnet run -c Release --project tests/ApprovalFlow.Benchmarks -- duplicates [--items 20000 --runs 50 --keep-database]
///   dotnet run -c Release --project tests/ApprovalFlow.Benchmarks -- external-tasks [--instances 2000 --workers 8 --max-tasks 5 --keep-database]
///   dotnet run -c Release --project tests/ApprovalFlow.Benchmarks -- signals [--instances 10000 --workers 10 --keep]
///   dotnet run -c Release --project tests/ApprovalFlow.Benchmarks -- drill crash-loop|db-restart|mail-outage|memory [--app PUBLISHED] (deploy/drill.sh)
/// </code>
/// (A class rather than top-level statements: the server's entry point is the global <c>Program</c>.)
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "durable")
        {
            return await DurableBenchmark.RunAsync(DurableOptions.Parse(args[1..]));
        }

        if (args.Length > 0 && args[0] == "engine-allocation")
        {
            Console.WriteLine("Engine allocation per step (bytes on the stepping thread, after warm-up):");
            foreach (var line in StepAllocation.Report())
            {
                Console.WriteLine(line);
            }

            return 0;
        }

        if (args.Length > 0 && args[0] == "inbox-page")
        {
            return await InboxPageBenchmark.RunAsync(args[1..]);
        }

        if (args.Length > 0 && args[0] == "pages")
        {
            return await PagesBenchmark.RunAsync(args[1..]);
        }

        if (args.Length > 0 && args[0] == "simulate")
        {
            return await SimulationBenchmark.RunAsync(args[1..]);
        }

        if (args.Length > 0 && args[0] == "timers")
        {
            return await TimerBenchmark.RunAsync(TimerOptions.Parse(args[1..]));
        }

        if (args.Length > 0 && args[0] == "mail")
        {
            return await MailBenchmark.RunAsync(MailOptions.Parse(args[1..]));
        }

        if (args.Length > 0 && args[0] == "duplicates")
        {
            return await Planning.DuplicatesBenchmark.RunAsync(args[1..]);
        }

        if (args.Length > 0 && args[0] == "external-tasks")
        {
            return await ExternalTasks.ExternalTaskBenchmark.RunAsync(args[1..]);
        }

        if (args.Length > 0 && args[0] == "signals")
        {
            return await Signals.SignalFanOutBenchmark.RunAsync(args[1..]);
        }

        if (args.Length > 0 && args[0] == "monitor")
        {
            return await MonitorBenchmark.RunAsync(args[1..]);
        }

        if (args.Length > 0 && args[0] == "drill")
        {
            return await Drills.DrillCommand.RunAsync(args[1..]);
        }

        if (args.Length > 0 && args[0] == "plan-export")
        {
            return await PlanExportBenchmark.RunAsync(args[1..]);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Processes).Assembly).Run(args);
        return 0;
    }
}
