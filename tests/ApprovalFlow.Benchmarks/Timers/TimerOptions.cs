using System.Globalization;

namespace ApprovalFlow.Benchmarks.Timers;

/// <summary>Arguments of the <c>timers</c> run.</summary>
/// <param name="Timers">Pending timers to schedule and fire (catch events with a date).</param>
/// <param name="LeadSeconds">Seconds from the start of the run to the first due time (instance creation and outbox dispatch must finish before).</param>
/// <param name="WindowSeconds">The due times are spread evenly over this many seconds.</param>
/// <param name="Cancels">Cancellations measured (each of the two ways), after 10 warm-ups.</param>
/// <param name="Workers">Hangfire workers (<c>Runtime:WorkerCount</c>), or <see langword="null"/> for the service default.</param>
/// <param name="Keep">Keep the database afterwards.</param>
internal sealed record TimerOptions(int Timers, int LeadSeconds, int WindowSeconds, int Cancels, int? Workers, bool Keep)
{
    public static TimerOptions Parse(string[] args)
    {
        var options = new TimerOptions(10_000, 150, 20, 200, null, false);
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int Int() => int.Parse(Next(), CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--timers" => options with { Timers = Int() },
                "--lead" => options with { LeadSeconds = Int() },
                "--window" => options with { WindowSeconds = Int() },
                "--cancels" => options with { Cancels = Int() },
                "--workers" => options with { Workers = Int() },
                "--keep" => options with { Keep = true },
                _ => throw new ArgumentException($"Unknown argument {args[i]}; expected --timers, --lead, --window, --cancels, --workers, --keep."),
            };
        }

        return options;
    }
}
