using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Directory;
using ApprovalFlow.Server.Hosting;
using ApprovalFlow.Server.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ApprovalFlow.Server.Tests.Hosting;

/// <summary>
/// <c>ASPNETCORE_ENVIRONMENT=Production</c> refuses demo settings at start-up, every problem named with its setting at once:
/// the demo seed on the shipped password, a seeded account still on it, no password for the database, trust
/// authentication, a loopback or missing <c>App:BaseUrl</c>. The local test cluster itself uses trust authentication, so
/// every Production start here is refused; a start with everything else set properly shows that only trust is named.
/// </summary>
public class ProductionGuardTests
{
    private const string BaseUrl = "https://plan.example.org";

    [Fact]
    public async Task Production_WithEveryDemoSetting_RefusesToStart_NamingEachSetting()
    {
        const string secret = "NotLogged-51be0d";
        await using var database = await TestDatabase.CreateAsync();
        var testingLogs = new CapturingLoggerProvider();
        // The same demo settings start in another environment (and log no secret); the seeded admin keeps the demo password.
        await using (var testing = Host(database, "Testing", testingLogs, password: secret, ("Smtp:Password", secret), ("Smtp:User", "mailer")))
        {
            using var client = testing.CreateClient();
            (await client.GetAsync(new Uri("/health/ready", UriKind.Relative))).EnsureSuccessStatusCode();
            await using var scope = testing.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            Assert.True((await users.CreateAsync(new ApplicationUser { UserName = SeedOptions.DefaultAdminEmail, Email = SeedOptions.DefaultAdminEmail, DisplayName = "admin" }, SeedOptions.DefaultDemoPassword)).Succeeded);
            Assert.True((await users.CreateAsync(new ApplicationUser { UserName = DemoSeeder.OwnerEmail, Email = DemoSeeder.OwnerEmail, DisplayName = "owner" }, "Changed!Pass-123")).Succeeded);
        }

        Assert.NotEmpty(testingLogs.Entries);
        Assert.DoesNotContain(testingLogs.Entries, e => e.ToString().Contains(secret, StringComparison.Ordinal));

        var refusal = Assert.IsType<ProductionSettingsException>(await StartFailureAsync(database, new CapturingLoggerProvider(), null, ("Seed:Demo", "true"), ("App:BaseUrl", "http://127.0.0.1:5080")));

        Assert.StartsWith("ApprovalFlow refuses to start in Production: (1) ", refusal.Message, StringComparison.Ordinal);
        Assert.Contains(refusal.Failures, f => f.StartsWith("Seed:Demo is on with the shipped demo password (Seed:DemoPassword)", StringComparison.Ordinal));
        Assert.Contains(refusal.Failures, f => f.StartsWith("App:BaseUrl is 'http://127.0.0.1:5080', a loopback address", StringComparison.Ordinal) && f.Contains("App__BaseUrl", StringComparison.Ordinal));
        Assert.Contains(refusal.Failures, f => f.StartsWith("ConnectionStrings:ApprovalFlow has no Password", StringComparison.Ordinal));
        Assert.Contains(refusal.Failures, f => f.Contains("trust authentication", StringComparison.Ordinal) && f.Contains("pg_hba.conf", StringComparison.Ordinal));
        Assert.Contains(refusal.Failures, f => f.StartsWith($"The seeded account {SeedOptions.DefaultAdminEmail} still signs in with the shipped demo password", StringComparison.Ordinal));
        Assert.DoesNotContain(DemoSeeder.OwnerEmail, refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_ConfiguredProperly_OnATrustCluster_IsRefusedForTrustAlone_AndShowsNoSecret()
    {
        const string secret = "NotLogged-7f3a9c";
        await using var database = await TestDatabase.NotCreatedAsync();
        var logs = new CapturingLoggerProvider();
        var refusal = Assert.IsType<ProductionSettingsException>(await StartFailureAsync(
            database, logs, secret, ("App:BaseUrl", BaseUrl), ("Seed:Demo", "true"), ("Seed:DemoPassword", "Own!Pass-9876"), ("Smtp:Password", secret), ("Smtp:User", "mailer")));

        var failure = Assert.Single(refusal.Failures);
        Assert.StartsWith("PostgreSQL accepts network connections with trust authentication (pg_hba.conf lines ", failure, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings:ApprovalFlow", failure, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, refusal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(logs.Entries, e => e.ToString().Contains(secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Production_WithoutAppBaseUrl_RefusesNamingIt()
    {
        await using var database = await TestDatabase.NotCreatedAsync();
        var refusal = Assert.IsType<OptionsValidationException>(await StartFailureAsync(database, new CapturingLoggerProvider(), "x", ("App:BaseUrl", "")));
        Assert.Contains("'BaseUrl' with the error: 'The BaseUrl field is required.'", refusal.Message, StringComparison.Ordinal);
    }

    /// <summary>Starts a Production host and returns why it did not start (the innermost ApprovalFlow or options exception).</summary>
    private static async Task<Exception> StartFailureAsync(TestDatabase database, CapturingLoggerProvider logs, string? password, params (string Key, string Value)[] settings)
    {
        await using var host = Host(database, "Production", logs, password, settings);
        var thrown = await Record.ExceptionAsync(() => Task.Run(() => host.CreateClient()));
        for (var e = thrown; e is not null; e = e.InnerException ?? (e as AggregateException)?.InnerExceptions.FirstOrDefault())
        {
            if (e is ProductionSettingsException or OptionsValidationException)
            {
                return e;
            }
        }

        Assert.Fail($"Expected the Production start to be refused, got: {thrown?.ToString() ?? "a running service"}");
        throw new InvalidOperationException("unreachable");
    }

    private static WebApplicationFactory<Program> Host(TestDatabase database, string environment, CapturingLoggerProvider logs, string? password = null, params (string Key, string Value)[] settings) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment(environment);
            web.UseSetting("ConnectionStrings:ApprovalFlow", new NpgsqlConnectionStringBuilder(database.ConnectionString) { Password = password }.ConnectionString);
            web.UseSetting("Seed:Demo", "false");
            web.UseSetting("Workflows:Directory", Path.Combine(Path.GetTempPath(), "approvalflow-no-workflows"));
            foreach (var (key, value) in settings)
            {
                web.UseSetting(key, value);
            }

            web.ConfigureLogging(logging => logging.AddProvider(logs));
            ServiceFixture.WithoutJobs(web);
        });
}
