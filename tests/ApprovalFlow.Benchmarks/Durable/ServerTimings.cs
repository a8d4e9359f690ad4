using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace ApprovalFlow.Benchmarks.Durable;

/// <summary>
/// The service's own request durations: ASP.NET Core's <c>http.server.request.duration</c> histogram (meter
/// <c>Microsoft.AspNetCore.Hosting</c>, from the request's start in Kestrel to the end of its response), read with a
/// <see cref="MeterListener"/> in this process and grouped by the <c>http.route</c> tag. Server time, not the
/// client's: the driver's own CPU and the loopback socket are outside it. Thread-safe.
/// </summary>
internal sealed class ServerTimings : IDisposable
{
    private readonly ConcurrentQueue<(string Route, double Milliseconds)> _requests = new();
    private readonly MeterListener _listener = new();

    public ServerTimings()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument is { Meter.Name: "Microsoft.AspNetCore.Hosting", Name: "http.server.request.duration" })
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, seconds, tags, _) =>
        {
            var route = "(no route)";
            foreach (var tag in tags)
            {
                if (tag.Key == "http.route" && tag.Value is string value)
                {
                    route = value;
                }
            }

            _requests.Enqueue((route, seconds * 1000));
        });
        _listener.Start();
    }

    /// <summary>Forgets what was recorded (after a warm-up).</summary>
    public void Reset() => _requests.Clear();

    /// <summary>The summed server time of every recorded request.</summary>
    public TimeSpan Total => TimeSpan.FromMilliseconds(_requests.Sum(r => r.Milliseconds));

    /// <summary>Requests recorded.</summary>
    public int Count => _requests.Count;

    /// <summary>Sorted durations (ms) per route.</summary>
    public IReadOnlyDictionary<string, double[]> ByRoute() => _requests
        .GroupBy(r => r.Route, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.Select(r => r.Milliseconds).Order().ToArray(), StringComparer.Ordinal);

    public void Dispose() => _listener.Dispose();
}
