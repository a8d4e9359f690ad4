using ApprovalFlow.Server.Tests.Support;
using ApprovalFlow.Testing;
using Microsoft.AspNetCore.Hosting;

namespace ApprovalFlow.Server.Tests.Telemetry;

/// <summary>
/// The service with a reachable SMTP server (<see cref="TestSmtpServer"/>, so every readiness check can be healthy),
/// <c>/metrics</c> open to the TEST-NET-1 network only (no in-process caller comes from it: only admins may scrape), and
/// gauges read afresh every second.
/// </summary>
public sealed class TelemetryFixture : ServiceFixture
{
    public TestSmtpServer Smtp { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        Smtp = await TestSmtpServer.CreateAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }

    protected override void ConfigureHost(IWebHostBuilder web) => web
        .UseSetting("Smtp:Host", "127.0.0.1")
        .UseSetting("Smtp:Port", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .UseSetting("Smtp:Security", "None")
        .UseSetting("Telemetry:MetricsNetworks:0", "192.0.2.0/24")
        .UseSetting("Telemetry:GaugeRefreshInterval", "00:00:01");
}

[CollectionDefinition(Name)]
public sealed class TelemetryGroup : ICollectionFixture<TelemetryFixture>
{
    public const string Name = "telemetry";
}
