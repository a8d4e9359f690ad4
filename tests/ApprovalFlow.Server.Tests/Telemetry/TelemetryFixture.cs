using ApprovalFlow.Server.Tests.Support;
using ApprovalFlow.Testing;
using Microsoft.AspNetCore.Hosting;

namespace ApprovalFlow.Server.Tests.Telemetry;

/// <summary>
/// The service with a reachable SMTP server (<see cref="TestSmtpServer"/>, so every readiness check can be healthy),
/// <c>/metrics</c> open to the TEST-NET-1 network only (no in-process caller comes from it: only admins may scrape), and
/// gauges read afresh every second.
/// </summary>
public sealed class TelemetryFixture : SmtpServiceFixture
{
    protected override void ConfigureMail(IWebHostBuilder web) => web
        .UseSetting("Telemetry:MetricsNetworks:0", "192.0.2.0/24")
        .UseSetting("Telemetry:GaugeRefreshInterval", "00:00:01");
}

[CollectionDefinition(Name)]
public sealed class TelemetryGroup : ICollectionFixture<TelemetryFixture>
{
    public const string Name = "telemetry";
}
