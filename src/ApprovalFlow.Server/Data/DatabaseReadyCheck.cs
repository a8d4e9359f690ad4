using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ApprovalFlow.Server.Data;

/// <summary>Ready when the database answers and has no pending migrations.</summary>
internal sealed class DatabaseReadyCheck(ApprovalFlowDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            return pending.Count == 0
                ? HealthCheckResult.Healthy("Database reachable and migrated.")
                : HealthCheckResult.Unhealthy($"{pending.Count} migrations pending: {string.Join(", ", pending)}.");
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or InvalidOperationException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("Database unreachable.", e);
        }
    }
}
