using System.Net;
using System.Net.Http.Json;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ApprovalFlow.Server.Tests.Hosting;

/// <summary>
/// The security headers on pages, API answers, errors and static files, HSTS only over HTTPS (the test host runs as
/// <c>Testing</c>, not Development), and the attributes of the sign-in and antiforgery cookies.
/// </summary>
[Collection(ServiceGroup.Name)]
public class SecurityHeadersTests(ServiceFixture service)
{
    [Theory]
    [InlineData("/account/login")]
    [InlineData("/api/tasks")]
    [InlineData("/no-such-page")]
    [InlineData("/health/live")]
    [InlineData("/favicon.svg")]
    public async Task EveryResponse_CarriesTheSecurityHeaders(string path)
    {
        using var client = Client("https://localhost");
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        var csp = Header(response, "Content-Security-Policy");
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src 'self' 'unsafe-inline'", csp, StringComparison.Ordinal);
        foreach (var directive in new[] { "object-src 'none'", "base-uri 'self'", "frame-ancestors 'none'", "form-action 'self'" })
        {
            Assert.Contains(directive, csp, StringComparison.Ordinal);
        }

        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("same-origin", Header(response, "Referrer-Policy"));
        Assert.Contains("camera=()", Header(response, "Permissions-Policy"), StringComparison.Ordinal);
        Assert.Equal("max-age=31536000", Header(response, "Strict-Transport-Security"));
    }

    [Fact]
    public async Task TheApiReference_AloneAllowsInlineScripts()
    {
        using var client = Client("https://localhost");
        using var response = await client.GetAsync(new Uri("/scalar", UriKind.Relative));
        Assert.Contains("script-src 'self' 'unsafe-inline';", Header(response, "Content-Security-Policy"), StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", Header(response, "Content-Security-Policy"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hsts_IsNotSent_OverPlainHttp()
    {
        using var client = Client("http://localhost");
        using var response = await client.GetAsync(new Uri("/account/login", UriKind.Relative));
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
    }

    [Fact]
    public async Task Cookies_AreHttpOnlyAndSameSite_AndSecureOverHttps()
    {
        var user = await service.CreateUserAsync("cookie-user", [Roles.Official]);
        foreach (var (address, secure) in new[] { ("https://localhost", true), ("http://localhost", false) })
        {
            using var client = Client(address);
            using var form = await client.GetAsync(new Uri("/account/login", UriKind.Relative));
            var html = await form.Content.ReadAsStringAsync();
            var antiforgery = Assert.Single(Cookies(form), c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
            AssertAttributes(antiforgery, "strict", secure);

            var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
            Assert.NotEmpty(token);
            using var request = new HttpRequestMessage(HttpMethod.Post, "/account/login")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["Email"] = user.Email!, ["Password"] = ServiceFixture.Password, ["__RequestVerificationToken"] = token,
                }),
            };
            request.Headers.Add("Cookie", antiforgery.Split(';')[0]);
            using var signedIn = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
            AssertAttributes(Assert.Single(Cookies(signedIn), c => c.StartsWith("approvalflow=", StringComparison.Ordinal)), "lax", secure);
        }
    }

    private HttpClient Client(string address) =>
        service.Factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(address), AllowAutoRedirect = false, HandleCookies = false });

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new Xunit.Sdk.XunitException($"{(int)response.StatusCode} {response.RequestMessage?.RequestUri} has no {name} header");

    private static List<string> Cookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? [.. values] : [];

    private static void AssertAttributes(string cookie, string sameSite, bool secure)
    {
        var attributes = cookie.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant()).ToList();
        Assert.Contains("httponly", attributes);
        Assert.Contains($"samesite={sameSite}", attributes);
        Assert.Equal(secure, attributes.Contains("secure"));
    }
}
