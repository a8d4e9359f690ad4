using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using ApprovalFlow.Server.Tests.Support;
using Microsoft.AspNetCore.Hosting;

namespace ApprovalFlow.Server.Tests.Telemetry;

/// <summary><c>/health/live</c> and <c>/health/ready</c>: anonymous JSON, one entry per readiness check.</summary>
[Collection(TelemetryGroup.Name)]
public class HealthTests(TelemetryFixture service)
{
    [Fact]
    public async Task Live_answers_200_healthy_without_checks()
    {
        using var anonymous = service.Factory.CreateClient();
        var response = await anonymous.GetAsync(new Uri("/health/live", UriKind.Relative));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Healthy", body.Str("status"));
        Assert.Empty(body.GetProperty("checks").EnumerateObject());
    }

    [Fact]
    public async Task Ready_is_healthy_with_the_database_this_nodes_hangfire_heartbeat_and_the_smtp_server()
    {
        using var anonymous = service.Factory.CreateClient();
        JsonElement body = default;
        await ServiceFixture.EventuallyAsync(async () =>
        {
            var response = await anonymous.GetAsync(new Uri("/health/ready", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
            return body.Str("status") == "Healthy";
        }, "every readiness check healthy (Hangfire's server announces itself at start)");

        var checks = body.GetProperty("checks");
        Assert.Equal(["database", "hangfire", "smtp"], checks.EnumerateObject().Select(c => c.Name).Order(StringComparer.Ordinal));
        Assert.All(checks.EnumerateObject(), check => Assert.Equal("Healthy", check.Value.Str("status")));
        Assert.Contains($"127.0.0.1:{service.Smtp.Port}", checks.GetProperty("smtp").Str("description"), StringComparison.Ordinal);
        Assert.DoesNotContain("Password", body.GetRawText(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(service.Database.Name, body.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ready_is_degraded_but_200_when_the_smtp_server_refuses_connections()
    {
        int closedPort;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            closedPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        await using var host = service.Factory.WithWebHostBuilder(web => ServiceFixture.WithoutJobs(web)
            .UseSetting("Smtp:Port", closedPort.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        using var anonymous = host.CreateClient();
        var response = await anonymous.GetAsync(new Uri("/health/ready", UriKind.Relative));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Degraded", body.Str("status"));
        var smtp = body.GetProperty("checks").GetProperty("smtp");
        Assert.Equal("Degraded", smtp.Str("status"));
        Assert.Contains($"127.0.0.1:{closedPort} is unreachable (ConnectionRefused)", smtp.Str("description"), StringComparison.Ordinal);
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("database").Str("status"));
        Assert.False(body.GetProperty("checks").TryGetProperty("hangfire", out _), "a node that runs no jobs has no Hangfire check");
    }
}
