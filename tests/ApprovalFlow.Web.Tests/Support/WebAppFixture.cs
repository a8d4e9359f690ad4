using System.Net;
using ApprovalFlow.Server.Runtime;
using ApprovalFlow.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Npgsql;

namespace ApprovalFlow.Web.Tests.Support;

/// <summary>
/// The real service on Kestrel (a loopback port of its own) over a fresh PostgreSQL database of the local
/// cluster, seeded with the demo directory and the demo plan cycle as <c>deploy/run.sh</c> starts it, and
/// Debian's Chromium driven by Playwright, with single sign-on through <see cref="TestOpenIdProvider"/> and mail through an
/// in-process SMTP server (<see cref="Mail"/>). Shared by the tests of <see cref="WebGroup"/>.
/// </summary>
public sealed class WebAppFixture : IAsyncLifetime
{
    /// <summary>Every demo user's password (<c>Seed:DemoPassword</c>).</summary>
    public const string DemoPassword = "Demo!2345";

    /// <summary>Debian's Chromium; <c>deploy/test.sh</c> installs it when missing.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>The name of the single sign-on on the sign-in page (<c>Authentication:Oidc:DisplayName</c>).</summary>
    public const string SingleSignOnName = "درگاه یکپارچه شهرداری";

    private WebApplicationFactory<Program>? _factory;
    private IPlaywright? _playwright;
    private string _adminConnection = string.Empty;
    private string _database = string.Empty;

    /// <summary>The service's address, e.g. <c>http://127.0.0.1:43121</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The municipality's single sign-on the service is configured with (<c>Authentication:Oidc</c>).</summary>
    public TestOpenIdProvider SingleSignOn { get; private set; } = null!;

    /// <summary>The SMTP server the service sends its mails to (<c>Smtp:Host</c>, <c>Smtp:Port</c>).</summary>
    public TestSmtpServer Mail { get; private set; } = null!;

    /// <summary>The browser.</summary>
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The service's root services (for reading the database in assertions).</summary>
    public IServiceProvider Services => _factory!.Services;

    /// <summary>Where screenshots go: <c>artifacts/screenshots/</c> under the repository (ignored by git).</summary>
    public static string ScreenshotDirectory => Path.Combine(LocalCluster.RepositoryRoot(), "artifacts", "screenshots");

    public async Task InitializeAsync()
    {
        _adminConnection = await LocalCluster.AdminConnectionStringAsync();
        _database = $"approvalflow_web_{Guid.NewGuid():N}"[..40];
        await using (var connection = new NpgsqlConnection(_adminConnection))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_database}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(_adminConnection) { Database = _database }.ConnectionString;
        SingleSignOn = await TestOpenIdProvider.StartAsync();
        Mail = await TestSmtpServer.CreateAsync();
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Testing");
            web.UseSetting("ConnectionStrings:ApprovalFlow", connectionString);
            web.UseSetting("Seed:Demo", "true");
            web.UseSetting("Workflows:Directory", Path.Combine(LocalCluster.RepositoryRoot(), "workflows"));
            web.UseSetting("Authentication:Oidc:Authority", SingleSignOn.Issuer.ToString());
            web.UseSetting("Authentication:Oidc:ClientId", TestOpenIdProvider.ClientId);
            web.UseSetting("Authentication:Oidc:ClientSecret", TestOpenIdProvider.ClientSecret);
            web.UseSetting("Authentication:Oidc:DisplayName", SingleSignOnName);
            web.UseSetting("Authentication:Oidc:RequireHttpsMetadata", "false");
            web.UseSetting("Smtp:Host", "127.0.0.1");
            web.UseSetting("Smtp:Port", Mail.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            web.UseSetting("Smtp:Security", "None");
            // Every browser test signs in from loopback: the per-client and per-account rate limits must not refuse them.
            web.UseSetting("SignInProtection:ClientPermitLimit", "1000000");
            web.UseSetting("SignInProtection:AccountPermitLimit", "1000000");
            // Sign-out everywhere ends the other browsers' sessions at their next request.
            web.UseSetting("SignInProtection:SessionRevalidationInterval", "00:00:00");
            web.ConfigureServices(services => services.AddSingleton<IStartupFilter, FailingRequests>().AddServiceTaskHandler<FailsOnceHandler>());
        });
        _factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.Single());
        SingleSignOn.RedirectUri = new Uri(BaseAddress, "/signin-oidc");

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        Directory.CreateDirectory(ScreenshotDirectory);
    }

    /// <summary>
    /// How long a browser step (navigation, click, expectation) may take before it fails: generous, so a
    /// saturated machine only slows a test and never fails it; a step returns as soon as it is done.
    /// </summary>
    public static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(2);

    /// <summary>A new browser context (own cookies) with the service as base URL, <paramref name="width"/> CSS pixels wide, JavaScript on or off.</summary>
    public async Task<IBrowserContext> NewContextAsync(int width = 1280, int height = 900, bool javaScript = true)
    {
        Assertions.SetDefaultExpectTimeout((float)StepTimeout.TotalMilliseconds);
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "fa-IR",
            JavaScriptEnabled = javaScript,
        });
        context.SetDefaultTimeout((float)StepTimeout.TotalMilliseconds);
        context.SetDefaultNavigationTimeout((float)StepTimeout.TotalMilliseconds);
        return context;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (SingleSignOn is not null)
        {
            await SingleSignOn.DisposeAsync();
        }

        if (Mail is not null)
        {
            await Mail.DisposeAsync();
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_adminConnection);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class WebGroup : ICollectionFixture<WebAppFixture>
{
    public const string Name = "web";
}
