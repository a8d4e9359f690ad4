using System.Net;

namespace ApprovalFlow.Server.Hosting.Telemetry;

/// <summary>Settings of the metrics endpoint and the database-read gauges (configuration section <c>Telemetry</c>).</summary>
public sealed class TelemetryOptions
{
    /// <summary>The configuration section: <c>Telemetry</c>.</summary>
    public const string Section = "Telemetry";

    /// <summary>
    /// Networks (CIDR, e.g. <c>10.20.0.0/16</c>) whose callers may read <c>GET /metrics</c> without signing in; admins may
    /// from anywhere. Empty (the default): loopback only (<see cref="LoopbackNetworks"/>). The caller's address is the
    /// connection's (behind a reverse proxy: as the forwarded-headers middleware sets it).
    /// </summary>
    public string[] MetricsNetworks { get; set; } = [];

    /// <summary>The networks used when <see cref="MetricsNetworks"/> is empty: <c>127.0.0.0/8</c> and <c>::1/128</c>.</summary>
    public static IReadOnlyList<string> LoopbackNetworks { get; } = ["127.0.0.0/8", "::1/128"];

    /// <summary>
    /// How long the gauges read from the database (open and overdue tasks, outbox backlog) reuse one reading, so
    /// scrapes never cost more than one set of queries per interval. ISO 8601 or <c>hh:mm:ss</c>; default 15 seconds;
    /// between 1 second and 10 minutes.
    /// </summary>
    public TimeSpan GaugeRefreshInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary><see cref="MetricsNetworks"/> parsed.</summary>
    /// <exception cref="FormatException">An entry is not a CIDR network (checked at start-up by <see cref="TelemetryOptionsValidator"/>).</exception>
    public IReadOnlyList<IPNetwork> ParsedMetricsNetworks() =>
        [.. (MetricsNetworks.Length == 0 ? LoopbackNetworks : MetricsNetworks).Select(network => IPNetwork.Parse(network.Trim()))];
}
