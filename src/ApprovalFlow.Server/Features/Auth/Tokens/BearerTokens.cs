using ApprovalFlow.Server.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ApprovalFlow.Server.Features.Auth.Tokens;

/// <summary>
/// Writes the answer of a sign-in or refresh, <c>{tokenType, accessToken, expiresIn, refreshToken}</c> as Identity's
/// bearer scheme does: the access token is the scheme's own (its protector and <see cref="BearerTokenOptions.BearerTokenExpiration"/>),
/// the refresh token a rotating one of <see cref="RefreshTokens"/> that lives <see cref="BearerTokenOptions.RefreshTokenExpiration"/>.
/// </summary>
public sealed class BearerTokens(SignInManager<ApplicationUser> signIn, RefreshTokens refreshTokens, IOptionsMonitor<BearerTokenOptions> bearer, TimeProvider time)
{
    /// <summary>New tokens for <paramref name="user"/>; the refresh token joins <paramref name="familyId"/> (a new family when <see langword="null"/>).</summary>
    /// <param name="user">The user signed in.</param>
    /// <param name="familyId">The family of the refresh token exchanged, or <see langword="null"/> at sign-in.</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    public async Task<AccessTokenResponse> IssueAsync(ApplicationUser user, Guid? familyId, CancellationToken cancellationToken)
    {
        var options = bearer.Get(IdentityConstants.BearerScheme);
        var principal = await signIn.CreateUserPrincipalAsync(user);
        var properties = new AuthenticationProperties { ExpiresUtc = time.GetUtcNow() + options.BearerTokenExpiration };
        var ticket = new AuthenticationTicket(principal, properties, $"{IdentityConstants.BearerScheme}:AccessToken");
        return new AccessTokenResponse
        {
            AccessToken = options.BearerTokenProtector.Protect(ticket),
            ExpiresIn = (long)options.BearerTokenExpiration.TotalSeconds,
            RefreshToken = await refreshTokens.IssueAsync(user, familyId, options.RefreshTokenExpiration, cancellationToken),
        };
    }
}
