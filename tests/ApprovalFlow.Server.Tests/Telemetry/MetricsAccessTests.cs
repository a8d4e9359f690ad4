using System.Net;
using System.Security.Claims;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Hosting.Telemetry;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace ApprovalFlow.Server.Tests.Telemetry;

/// <summary>The access rule of <c>/metrics</c> on real request contexts: the caller's network or the admin role.</summary>
public class MetricsAccessTests
{
    [Theory]
    [InlineData(new string[0], "127.0.0.1", false, true)]
    [InlineData(new string[0], "::1", false, true)]
    [InlineData(new string[0], "::ffff:127.0.0.1", false, true)]
    [InlineData(new string[0], "10.1.2.3", false, false)]
    [InlineData(new[] { "10.0.0.0/8" }, "10.1.2.3", false, true)]
    [InlineData(new[] { "10.0.0.0/8" }, "127.0.0.1", false, false)]
    [InlineData(new[] { "10.0.0.0/8", "2001:db8::/32" }, "2001:db8::7", false, true)]
    [InlineData(new[] { "10.0.0.0/8" }, "192.168.1.5", true, true)]
    public async Task A_caller_is_let_in_from_a_configured_network_or_as_admin(string[] networks, string address, bool admin, bool allowed)
    {
        var http = new DefaultHttpContext { Connection = { RemoteIpAddress = IPAddress.Parse(address) } };
        var handler = new MetricsAccessHandler(new HttpContextAccessor { HttpContext = http }, Options.Create(new TelemetryOptions { MetricsNetworks = networks }));
        var user = new ClaimsPrincipal(new ClaimsIdentity(admin ? [new Claim(ClaimTypes.Role, Roles.Admin)] : [], admin ? "test" : null));
        var context = new AuthorizationHandlerContext([new MetricsAccessRequirement()], user, http);

        await handler.HandleAsync(context);

        Assert.Equal(allowed, context.HasSucceeded);
    }

    [Fact]
    public void A_network_that_is_not_CIDR_stops_start_up_with_the_setting_named()
    {
        var result = new TelemetryOptionsValidator().Validate(null, new TelemetryOptions { MetricsNetworks = ["10.0.0.0/8", "office"], GaugeRefreshInterval = TimeSpan.Zero });

        Assert.True(result.Failed);
        Assert.Contains("Telemetry:MetricsNetworks: 'office' is not a CIDR network", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Telemetry:GaugeRefreshInterval", result.FailureMessage, StringComparison.Ordinal);
    }
}
