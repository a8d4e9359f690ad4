using ApprovalFlow.Server.Data;
using Microsoft.AspNetCore.Identity;

namespace ApprovalFlow.Server.Features.Auth.Tokens;

/// <summary>
/// Ends every session of a user: revokes all the user's refresh tokens and changes the security stamp, so every web
/// session's cookie fails its next check (within <c>SignInProtection:SessionRevalidationInterval</c>). Access tokens
/// already issued keep working until they expire (<c>expiresIn</c>, one hour).
/// </summary>
public sealed class SignOutEverywhere(UserManager<ApplicationUser> users, RefreshTokens refreshTokens, ILogger<SignOutEverywhere> logger)
{
    /// <summary>Ends every session of <paramref name="user"/>.</summary>
    /// <param name="user">The user.</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    /// <exception cref="InvalidOperationException">Identity could not change the security stamp.</exception>
    public async Task RunAsync(ApplicationUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var revoked = await refreshTokens.RevokeAllAsync(user.Id, cancellationToken);
        var result = await users.UpdateSecurityStampAsync(user);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"The security stamp of user {user.Id} was not changed: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }

        AuthLog.SignedOutEverywhere(logger, user.Id, revoked);
    }
}
