using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using ApprovalFlow.Server.Data;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ApprovalFlow.Server.Features.Auth;

/// <summary>Sign-in with e-mail and password.</summary>
/// <param name="Email">The user's e-mail.</param>
/// <param name="Password">The password.</param>
public sealed record LoginRequest([property: Required] string Email, [property: Required] string Password);

/// <summary>A refresh token to exchange.</summary>
/// <param name="RefreshToken">The refresh token from the login answer.</param>
public sealed record RefreshRequest([property: Required] string RefreshToken);

/// <summary>The signed-in user.</summary>
/// <param name="Id">User id.</param>
/// <param name="Email">E-mail.</param>
/// <param name="DisplayName">Name shown to people.</param>
/// <param name="Roles">Role names (see <see cref="Auth.Roles"/>).</param>
/// <param name="Groups">Directory group ids.</param>
public sealed record MeResponse(string Id, string Email, string DisplayName, IReadOnlyList<string> Roles, IReadOnlyList<string> Groups);

/// <summary>Handlers of the auth endpoints.</summary>
internal static class AuthApi
{
    /// <summary>
    /// Signs in through Identity's bearer scheme, which writes
    /// <c>{tokenType, accessToken, expiresIn, refreshToken}</c>; a wrong password or a locked-out user
    /// gets a 401 problem.
    /// </summary>
    public static async Task<Results<EmptyHttpResult, ProblemHttpResult>> LoginAsync(LoginRequest request, SignInManager<ApplicationUser> signIn)
    {
        if (string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrEmpty(request.Password))
        {
            return TypedResults.Problem("Both email and password are required.", statusCode: StatusCodes.Status400BadRequest, title: "Sign-in failed");
        }

        signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
        var user = await signIn.UserManager.FindByEmailAsync(request.Email);
        if (user is null)
        {
            return TypedResults.Problem("E-mail or password is wrong.", statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed");
        }

        var result = await signIn.PasswordSignInAsync(user, request.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return TypedResults.Empty;
        }

        return TypedResults.Problem(
            result.IsLockedOut ? "Too many failed attempts: the account is locked for a few minutes." : "E-mail or password is wrong.",
            statusCode: StatusCodes.Status401Unauthorized,
            title: "Sign-in failed");
    }

    /// <summary>Exchanges a valid refresh token for new tokens.</summary>
    public static async Task<Results<SignInHttpResult, ProblemHttpResult>> RefreshAsync(
        RefreshRequest request, SignInManager<ApplicationUser> signIn, IOptionsMonitor<BearerTokenOptions> bearer, TimeProvider time)
    {
        if (string.IsNullOrEmpty(request.RefreshToken))
        {
            return TypedResults.Problem("refreshToken is required.", statusCode: StatusCodes.Status400BadRequest, title: "Refresh failed");
        }

        var protector = bearer.Get(IdentityConstants.BearerScheme).RefreshTokenProtector;
        var ticket = protector.Unprotect(request.RefreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expires || time.GetUtcNow() >= expires
            || await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { } user)
        {
            return TypedResults.Problem("The refresh token is invalid or expired; sign in again.", statusCode: StatusCodes.Status401Unauthorized, title: "Refresh failed");
        }

        var principal = await signIn.CreateUserPrincipalAsync(user);
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }

    /// <summary>The signed-in user with roles and groups.</summary>
    public static async Task<Results<Ok<MeResponse>, ProblemHttpResult>> MeAsync(
        ClaimsPrincipal principal, UserManager<ApplicationUser> users, ICurrentUser current, CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null)
        {
            return TypedResults.Problem("The signed-in user no longer exists.", statusCode: StatusCodes.Status401Unauthorized);
        }

        var roles = await users.GetRolesAsync(user);
        var groups = await current.GetGroupIdsAsync(cancellationToken);
        return TypedResults.Ok(new MeResponse(user.Id, user.Email!, user.DisplayName, [.. roles.Order(StringComparer.Ordinal)], groups));
    }
}
