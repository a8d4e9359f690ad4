using System.Security.Cryptography;
using System.Text;
using ApprovalFlow.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ApprovalFlow.Server.Features.Auth.Protection;

/// <summary>
/// The back-off after wrong passwords, in place of Identity's lockout: a client that gave
/// <see cref="SignInProtectionOptions.FreeFailures"/> wrong passwords for an account waits
/// <see cref="SignInProtectionOptions.FirstDelay"/>, doubling with each further one up to
/// <see cref="SignInProtectionOptions.MaxDelay"/>, while other clients (the official at her desk) still sign in; past
/// <see cref="SignInProtectionOptions.AccountFailureLimit"/> wrong passwords from all clients in
/// <see cref="SignInProtectionOptions.AccountFailureWindow"/> every client waits for the window's end. Counts are kept
/// by normalised e-mail whether or not an account has it, so the answers tell nothing about which accounts exist.
/// The counts live in PostgreSQL (<see cref="SignInThrottleRecord"/>) and hold across nodes; increments are atomic.
/// </summary>
public sealed class SignInThrottle(ApprovalFlowDbContext db, IOptions<SignInProtectionOptions> options, TimeProvider time)
{
    /// <summary>How long the client must still wait before trying <paramref name="account"/> again, or <see langword="null"/> when it may try now.</summary>
    /// <param name="account">The normalised e-mail.</param>
    /// <param name="client">The client's partition (<see cref="ClientAddress.Of"/>).</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public async Task<TimeSpan?> WaitAsync(string account, string client, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var keys = new[] { AccountKey(account), ClientKey(account, client) };
        var until = await db.SignInThrottles.AsNoTracking()
            .Where(t => keys.Contains(t.Key) && t.BlockedUntil > now)
            .MaxAsync(t => t.BlockedUntil, cancellationToken);
        return until is { } blocked ? blocked - now : null;
    }

    /// <summary>Counts a wrong password (or an unknown e-mail) from <paramref name="client"/> for <paramref name="account"/> and sets the waits it earns.</summary>
    /// <param name="account">The normalised e-mail.</param>
    /// <param name="client">The client's partition.</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    public async Task FailedAsync(string account, string client, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        var clientRow = await CountAsync(ClientKey(account, client), now, settings.FailureMemory, cancellationToken);
        if (clientRow.Failures > settings.FreeFailures)
        {
            var doublings = Math.Min(clientRow.Failures - settings.FreeFailures - 1, 30);
            var delay = TimeSpan.FromSeconds(Math.Min(settings.FirstDelay.TotalSeconds * Math.Pow(2, doublings), settings.MaxDelay.TotalSeconds));
            await BlockAsync(clientRow.Key, now + delay, cancellationToken);
        }

        var accountRow = await CountAsync(AccountKey(account), now, settings.AccountFailureWindow, cancellationToken);
        if (accountRow.Failures >= settings.AccountFailureLimit)
        {
            await BlockAsync(accountRow.Key, accountRow.WindowStart + settings.AccountFailureWindow, cancellationToken);
        }
    }

    /// <summary>Forgets the wrong passwords of <paramref name="client"/> for <paramref name="account"/> after it signed in (the count over all clients stays).</summary>
    /// <param name="account">The normalised e-mail.</param>
    /// <param name="client">The client's partition.</param>
    /// <param name="cancellationToken">Cancels the delete.</param>
    public async Task SucceededAsync(string account, string client, CancellationToken cancellationToken)
    {
        var key = ClientKey(account, client);
        await db.SignInThrottles.Where(t => t.Key == key).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Deletes the counts nobody waits on any more and older than <see cref="SignInProtectionOptions.FailureMemory"/>; returns how many.</summary>
    /// <param name="cancellationToken">Cancels the delete.</param>
    public async Task<int> CleanUpAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var memory = options.Value.FailureMemory > options.Value.AccountFailureWindow ? options.Value.FailureMemory : options.Value.AccountFailureWindow;
        var before = now - memory;
        return await db.SignInThrottles
            .Where(t => t.LastFailureAt < before && (t.BlockedUntil == null || t.BlockedUntil < now))
            .ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Adds one wrong password to the row (a new window when the old one is over) in one statement, then reads it.</summary>
    private async Task<SignInThrottleRecord> CountAsync(string key, DateTimeOffset now, TimeSpan window, CancellationToken cancellationToken)
    {
        var windowFloor = now - window;
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"""
            INSERT INTO approvalflow.sign_in_throttles AS t (key, failures, window_start, last_failure_at, blocked_until)
            VALUES ({key}, 1, {now}, {now}, NULL)
            ON CONFLICT (key) DO UPDATE SET
                failures = CASE WHEN t.window_start < {windowFloor} THEN 1 ELSE t.failures + 1 END,
                blocked_until = CASE WHEN t.window_start < {windowFloor} THEN NULL ELSE t.blocked_until END,
                window_start = CASE WHEN t.window_start < {windowFloor} THEN {now} ELSE t.window_start END,
                last_failure_at = {now}
            """,
            cancellationToken);
        return await db.SignInThrottles.AsNoTracking().SingleAsync(t => t.Key == key, cancellationToken);
    }

    private async Task BlockAsync(string key, DateTimeOffset until, CancellationToken cancellationToken) =>
        await db.SignInThrottles.Where(t => t.Key == key && (t.BlockedUntil == null || t.BlockedUntil < until))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.BlockedUntil, until), cancellationToken);

    private static string AccountKey(string account) => Hash($"account\n{account}");

    private static string ClientKey(string account, string client) => Hash($"client\n{account}\n{client}");

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
