using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ApprovalFlow.Server.Hosting.Health;

/// <summary>
/// Whether this node's Hangfire server (named <see cref="HangfireServerName.Value"/>) has a recent heartbeat in Hangfire's
/// storage: within <see cref="Freshness"/> (three of Hangfire's 30-second heartbeats). Healthy when it has; degraded
/// while the node has just started and the server has not announced itself yet (up to <see cref="Freshness"/> after
/// start); unhealthy otherwise, and when the storage cannot be read. Hangfire stamps heartbeats with the wall clock, so
/// this check reads <see cref="TimeProvider.System"/>, not the host's (perhaps simulated) engine clock.
/// </summary>
internal sealed class HangfireHeartbeatCheck(JobStorage storage, HangfireServerName server) : IHealthCheck
{
    /// <summary>How recent the heartbeat must be: 90 seconds.</summary>
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(90);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        Hangfire.Storage.Monitoring.ServerDto? own;
        try
        {
            own = storage.GetMonitoringApi().Servers().FirstOrDefault(s => server.Owns(s.Name));
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or InvalidOperationException or TimeoutException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("Hangfire's storage cannot be read."));
        }

        var now = TimeProvider.System.GetUtcNow();
        if (own?.Heartbeat is { } beat && now - new DateTimeOffset(DateTime.SpecifyKind(beat, DateTimeKind.Utc)) is var age && age <= Freshness)
        {
            return Task.FromResult(HealthCheckResult.Healthy($"Hangfire server {own.Name} sent a heartbeat {Math.Max(0, age.TotalSeconds):0} s ago."));
        }

        return Task.FromResult(now - server.CreatedAt <= Freshness
            ? HealthCheckResult.Degraded("This node's Hangfire server has not announced itself yet.")
            : HealthCheckResult.Unhealthy(own is null
                ? "This node's Hangfire server is not registered in Hangfire's storage."
                : $"This node's Hangfire server has no heartbeat in the last {Freshness.TotalSeconds:0} s."));
    }
}
