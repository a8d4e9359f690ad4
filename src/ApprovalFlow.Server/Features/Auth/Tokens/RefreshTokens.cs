using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using ApprovalFlow.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Features.Auth.Tokens;

/// <summary>What presenting a refresh token came to.</summary>
public abstract record RefreshCheck
{
    private RefreshCheck()
    {
    }

    /// <summary>The token is the current one of its family: exchange it (<see cref="RefreshTokens.ReplaceAsync"/>).</summary>
    /// <param name="Token">The token's row.</param>
    /// <param name="User">Its user.</param>
    public sealed record Current(RefreshTokenRecord Token, ApplicationUser User) : RefreshCheck;

    /// <summary>Unknown, expired, revoked, already exchanged (the family is now revoked) or its user's stamp changed.</summary>
    public sealed record Invalid : RefreshCheck;
}

/// <summary>
/// Rotating refresh tokens (OAuth 2.0 Security BCP, RFC 9700 §4.14.2): each refresh returns a new token and ends the
/// old one; presenting an old token again means it leaked, so the whole family is revoked and every holder must sign
/// in again. Tokens are 256 random bits, stored as SHA-256 only, in PostgreSQL so every node sees each exchange.
/// </summary>
public sealed class RefreshTokens(ApprovalFlowDbContext db, TimeProvider time, ILogger<RefreshTokens> logger)
{
    /// <summary>Issues a new token for <paramref name="user"/> in <paramref name="familyId"/> (a new family when <see langword="null"/>) and returns it.</summary>
    /// <param name="user">The user.</param>
    /// <param name="familyId">The family of the token it replaces, or <see langword="null"/> at sign-in.</param>
    /// <param name="lifetime">How long the new token works.</param>
    /// <param name="cancellationToken">Cancels the insert.</param>
    public async Task<string> IssueAsync(ApplicationUser user, Guid? familyId, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow();
        db.RefreshTokens.Add(new RefreshTokenRecord
        {
            Id = Guid.CreateVersion7(now), FamilyId = familyId ?? Guid.CreateVersion7(now), UserId = user.Id, TokenHash = Hash(token),
            SecurityStamp = user.SecurityStamp ?? string.Empty, CreatedAt = now, ExpiresAt = now + lifetime,
        });
        await db.SaveChangesAsync(cancellationToken);
        return token;
    }

    /// <summary>Looks <paramref name="token"/> up; an already exchanged token revokes its family.</summary>
    /// <param name="token">The refresh token presented.</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    public async Task<RefreshCheck> CheckAsync(string token, CancellationToken cancellationToken)
    {
        var hash = Hash(token);
        var row = await db.RefreshTokens.AsNoTracking().SingleOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        if (row is null || row.RevokedAt is not null)
        {
            return new RefreshCheck.Invalid();
        }

        if (row.ReplacedAt is not null)
        {
            await RevokeFamilyAsync(row, cancellationToken);
            return new RefreshCheck.Invalid();
        }

        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == row.UserId, cancellationToken);
        if (row.ExpiresAt <= time.GetUtcNow() || user is null || user.SecurityStamp != row.SecurityStamp
            || (user.LockoutEnd is { } lockedUntil && lockedUntil > time.GetUtcNow()))
        {
            return new RefreshCheck.Invalid();
        }

        return new RefreshCheck.Current(row, user);
    }

    /// <summary>
    /// Marks <paramref name="current"/> exchanged (after its successor was issued); <see langword="false"/> when another
    /// request exchanged it first, in which case the family is revoked (successor included).
    /// </summary>
    /// <param name="current">The token exchanged.</param>
    /// <param name="cancellationToken">Cancels the update.</param>
    public async Task<bool> ReplaceAsync(RefreshTokenRecord current, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        var now = time.GetUtcNow();
        var marked = await db.RefreshTokens.Where(t => t.Id == current.Id && t.ReplacedAt == null && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.ReplacedAt, now), cancellationToken);
        if (marked == 0)
        {
            await RevokeFamilyAsync(current, cancellationToken);
        }

        return marked == 1;
    }

    /// <summary>Revokes every token of <paramref name="userId"/>; returns how many were still working.</summary>
    /// <param name="userId">The user.</param>
    /// <param name="cancellationToken">Cancels the update.</param>
    public async Task<int> RevokeAllAsync(string userId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return await db.RefreshTokens.Where(t => t.UserId == userId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);
    }

    /// <summary>Deletes expired tokens (an expired token is refused whether its row exists or not); returns how many.</summary>
    /// <param name="cancellationToken">Cancels the delete.</param>
    public async Task<int> CleanUpAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return await db.RefreshTokens.Where(t => t.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
    }

    private async Task RevokeFamilyAsync(RefreshTokenRecord token, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await db.RefreshTokens.Where(t => t.FamilyId == token.FamilyId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);
        AuthLog.RefreshTokenReused(logger, token.UserId, token.FamilyId);
    }

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
