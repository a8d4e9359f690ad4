using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Runtime.Dashboard;
using ApprovalFlow.Server.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ApprovalFlow.Server.Tests.Hosting;

/// <summary>
/// <c>X-Forwarded-Proto</c> is believed from the known proxies only: on a real Kestrel socket from loopback, the
/// Hangfire dashboard's cookie (Secure exactly when the request is HTTPS) is Secure when loopback is the proxy (the
/// default: nginx on the same host) and not when the configured proxy is another address.
/// </summary>
public class ForwardedHeadersTests
{
    [Theory]
    [InlineData(null, true)]
    [InlineData("10.9.9.9", false)]
    public async Task ForwardedProto_IsBelieved_OnlyFromAKnownProxy(string? knownProxy, bool secure)
    {
        var fixture = new KestrelFixture(knownProxy);
        await fixture.InitializeAsync();
        try
        {
            var (_, admin) = await fixture.SignInNewAsync("proxy-admin", [Roles.Admin]);
            var token = admin.DefaultRequestHeaders.Authorization!.Parameter!;
            using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false };
            using var client = new HttpClient(handler) { BaseAddress = fixture.BaseAddress };
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{HangfireDashboard.Path}?{HangfireDashboard.QueryParameter}={Uri.EscapeDataString(token)}");
            request.Headers.Add("X-Forwarded-Proto", "https");
            request.Headers.Add("X-Forwarded-For", "203.0.113.7");
            using var response = await client.SendAsync(request);

            Assert.True(response.IsSuccessStatusCode, $"dashboard answered {(int)response.StatusCode}");
            var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(HangfireDashboard.CookieName + "=", StringComparison.Ordinal));
            Assert.Equal(secure, cookie.Split(';').Any(part => part.Trim().Equals("secure", StringComparison.OrdinalIgnoreCase)));
        }
        finally
        {
            await fixture.DisposeAsync();
        }
    }

    private sealed class KestrelFixture(string? knownProxy) : ServiceFixture
    {
        public Uri BaseAddress { get; private set; } = null!;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            var addresses = Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
            BaseAddress = new Uri(addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
        }

        protected override void ConfigureHost(IWebHostBuilder web)
        {
            if (knownProxy is not null)
            {
                web.UseSetting("ForwardedHeaders:KnownProxies:0", knownProxy);
            }
        }

        protected override void ConfigureFactory(WebApplicationFactory<Program> factory) =>
            factory.UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0));
    }
}
