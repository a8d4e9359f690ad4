using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ApprovalFlow.Server.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ApprovalFlow.Server.Tests.Auth;

/// <summary>
/// The service with low sign-in limits of its own (8 posts per client per hour, back-off after 5 wrong passwords for an
/// hour, 10 wrong passwords per account and hour from all clients) and web sessions checked against the security stamp on
/// every request. In-process requests come from a loopback peer (a trusted proxy), so a test poses as a client with
/// <c>X-Forwarded-For</c> through the service's real forwarded-headers handling; each test uses addresses of its own.
/// </summary>
public sealed class SignInProtectionFixture : ServiceFixture
{
    public const int ClientPermitLimit = 8;
    public const int FreeFailures = 5;
    public const int AccountFailureLimit = 10;

    private static int s_nextClient;

    protected override void ConfigureHost(IWebHostBuilder web) => web
        .UseSetting("SignInProtection:ClientPermitLimit", ClientPermitLimit.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .UseSetting("SignInProtection:ClientWindow", "01:00:00")
        .UseSetting("SignInProtection:AccountPermitLimit", "1000")
        .UseSetting("SignInProtection:AccountWindow", "01:00:00")
        .UseSetting("SignInProtection:FreeFailures", FreeFailures.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .UseSetting("SignInProtection:FirstDelay", "01:00:00")
        .UseSetting("SignInProtection:MaxDelay", "02:00:00")
        .UseSetting("SignInProtection:AccountFailureLimit", AccountFailureLimit.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .UseSetting("SignInProtection:AccountFailureWindow", "01:00:00")
        .UseSetting("SignInProtection:SessionRevalidationInterval", "00:00:00")
        .ConfigureTestServices(services => services.Insert(0, ServiceDescriptor.Transient<IStartupFilter, LoopbackPeer>()));

    /// <summary>A client address (TEST-NET-3) no other test uses.</summary>
    public static string NewClientAddress()
    {
        var n = Interlocked.Increment(ref s_nextClient);
        return $"203.0.{113 + (n / 250)}.{1 + (n % 250)}";
    }

    /// <summary>An anonymous HTTP client that poses as <paramref name="address"/>.</summary>
    public HttpClient ClientFrom(string address, bool followRedirects = true)
    {
        var client = Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = followRedirects });
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return client;
    }

    /// <summary><c>POST /api/auth/login</c>.</summary>
    public static Task<HttpResponseMessage> LoginAsync(HttpClient client, string email, string password) =>
        client.PostAsJsonAsync("/api/auth/login", new { email, password });

    /// <summary>The tokens of a successful login or refresh.</summary>
    public static async Task<(string Access, string Refresh)> TokensAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200, got {(int)response.StatusCode}: {body}");
        var json = JsonDocument.Parse(body).RootElement;
        return (json.GetProperty("accessToken").GetString()!, json.GetProperty("refreshToken").GetString()!);
    }

    /// <summary>Gives in-process requests the loopback peer address a real connection from the local proxy has, before the forwarded headers are read.</summary>
    private sealed class LoopbackPeer : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress ??= IPAddress.Loopback;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

[CollectionDefinition(Name)]
public sealed class SignInProtectionGroup : ICollectionFixture<SignInProtectionFixture>
{
    public const string Name = "sign-in-protection";
}
