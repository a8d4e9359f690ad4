using ApprovalFlow.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Features.Definitions;

/// <summary>
/// The per-key lock that makes deployments of one key take turns: a PostgreSQL transaction-scoped advisory lock
/// (<c>pg_advisory_xact_lock(int, int)</c>) on a class of keys and the key's <c>hashtext</c>, held until the caller's
/// transaction ends. Each deployment then sees the versions the one before it committed, so concurrent deployments
/// of one key, on one server or several, neither race for the next version number nor store the same content twice.
/// Thread-safe (no state).
/// </summary>
public static class DeployLock
{
    /// <summary>The lock class of process definition keys (<see cref="DefinitionDeployer"/>).</summary>
    public const int DefinitionKeys = 0x4446_4B59;

    /// <summary>The lock class of task form keys (<see cref="Forms.FormDeployer"/>).</summary>
    public const int FormKeys = 0x464F_524D;

    /// <summary>
    /// Waits for and takes the lock of each of <paramref name="keys"/> in <paramref name="lockClass"/>, in ordinal key order
    /// (so two callers locking several keys never deadlock), inside <paramref name="db"/>'s current transaction.
    /// </summary>
    /// <param name="db">The context whose open transaction holds the locks until it commits or rolls back.</param>
    /// <param name="lockClass"><see cref="DefinitionKeys"/> or <see cref="FormKeys"/>.</param>
    /// <param name="keys">The keys to lock; duplicates are locked once.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <exception cref="InvalidOperationException"><paramref name="db"/> has no open transaction (the lock would end with its statement).</exception>
    public static async Task AcquireAsync(ApprovalFlowDbContext db, int lockClass, IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(keys);
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A deployment lock needs an open transaction to hold it.");
        }

        foreach (var key in keys.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({lockClass}, hashtext({key}))", cancellationToken);
        }
    }
}
