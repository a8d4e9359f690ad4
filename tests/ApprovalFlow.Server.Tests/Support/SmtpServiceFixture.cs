using ApprovalFlow.Testing;
using Microsoft.AspNetCore.Hosting;

namespace ApprovalFlow.Server.Tests.Support;

/// <summary>
/// The service sending through an in-process SMTP server (<see cref="TestSmtpServer"/>, plain SMTP on a free loopback
/// port), started before the host and stopped after it; fixtures built on this one add their settings in
/// <see cref="ConfigureMail"/>.
/// </summary>
public abstract class SmtpServiceFixture : ServiceFixture
{
    /// <summary>The SMTP server the host sends to.</summary>
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

    protected sealed override void ConfigureHost(IWebHostBuilder web) => ConfigureMail(web
        .UseSetting("Smtp:Host", "127.0.0.1")
        .UseSetting("Smtp:Port", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .UseSetting("Smtp:Security", "None"));

    /// <summary>More settings of the host (the SMTP server's are set).</summary>
    protected abstract void ConfigureMail(IWebHostBuilder web);
}
