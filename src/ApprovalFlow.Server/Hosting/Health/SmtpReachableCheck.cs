using System.Net.Sockets;
using ApprovalFlow.Server.Features.Notifications;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace ApprovalFlow.Server.Hosting.Health;

/// <summary>
/// Whether the SMTP server of <see cref="SmtpOptions"/> accepts a TCP connection within <see cref="Timeout"/>.
/// Unreachable is <see cref="HealthStatus.Degraded"/>, not unhealthy: every notification is recorded before it is sent
/// and retried by Hangfire, so a mail outage delays mail but loses none, and the node keeps serving (a degraded node
/// still answers 200 on <c>/health/ready</c>; the body says which check is degraded).
/// </summary>
internal sealed class SmtpReachableCheck(IOptions<SmtpOptions> options) : IHealthCheck
{
    /// <summary>How long the connection may take: 3 seconds.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var smtp = options.Value;
        var target = $"{smtp.Host}:{smtp.Port}";
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(smtp.Host, smtp.Port, timeout.Token);
            return HealthCheckResult.Healthy($"SMTP server {target} accepts connections.");
        }
        catch (SocketException e)
        {
            return HealthCheckResult.Degraded($"SMTP server {target} is unreachable ({e.SocketErrorCode}); mail waits and is retried.");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Degraded($"SMTP server {target} did not answer within {Timeout.TotalSeconds:0} s; mail waits and is retried.");
        }
    }
}
