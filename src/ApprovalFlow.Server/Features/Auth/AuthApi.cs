using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth.Protection;
using ApprovalFlow.Server.Features.Auth.Tokens;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

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
    /// <summary>The <c>detail</c> of every failed sign-in, whether the e-mail exists or not.</summary>
    public const string WrongCredentials = "E-mail or password is wrong.";

    /// <summary>
    /// Checks the password (<see cref="PasswordSignIn"/>: rate limits and back-off, no lockout) and answers
    /// <c>{tokenType, accessToken, expiresIn, refreshToken}</c> with a new refresh token family. A wrong password and an
    /// unknown e-mail get the same 401 problem; too many attempts get 429 with <c>Retry-After</c>.
    /// </summary>
    public static async Task<Results<Ok<AccessTokenResponse>, ProblemHttpResult>> LoginAsync(
        LoginRequest request, PasswordSignIn passwords, BearerTokens tokens, HttpContext http, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrEmpty(request.Password))
        {
            return TypedResults.Problem("Both email and password are required.", statusCode: StatusCodes.Status400BadRequest, title: "Sign-in failed");
        }

        switch (await passwords.CheckAsync(request.Email, request.Password, http, cancellationToken))
        {
            case PasswordCheck.Succeeded succeeded:
                return TypedResults.Ok(await tokens.IssueAsync(succeeded.User, familyId: null, cancellationToken));
            case PasswordCheck.Refused refused:
                return TooManyAttempts(http, refused.Wait);
            default:
                return TypedResults.Problem(WrongCredentials, statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed");
        }
    }

    /// <summary>
    /// Exchanges the current refresh token of a family for new tokens; the token given stops working. A token already
    /// exchanged revokes its whole family (every later token too) and gets 401, as do unknown, expired and revoked ones.
    /// </summary>
    public static async Task<Results<Ok<AccessTokenResponse>, ProblemHttpResult>> RefreshAsync(
        RefreshRequest request, RefreshTokens refreshTokens, BearerTokens tokens, AccountRateLimiter accounts, HttpContext http, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request.RefreshToken))
        {
            return TypedResults.Problem("refreshToken is required.", statusCode: StatusCodes.Status400BadRequest, title: "Refresh failed");
        }

        if (await refreshTokens.CheckAsync(request.RefreshToken, cancellationToken) is not RefreshCheck.Current current)
        {
            return TypedResults.Problem("The refresh token is invalid, expired, revoked or already used; sign in again.", statusCode: StatusCodes.Status401Unauthorized, title: "Refresh failed");
        }

        if (accounts.TryAcquire("user:" + current.User.Id) is { } wait)
        {
            return TooManyAttempts(http, wait);
        }

        var response = await tokens.IssueAsync(current.User, current.Token.FamilyId, cancellationToken);
        if (!await refreshTokens.ReplaceAsync(current.Token, cancellationToken))
        {
            return TypedResults.Problem("The refresh token was used by another request at the same time; its sessions are revoked, sign in again.", statusCode: StatusCodes.Status401Unauthorized, title: "Refresh failed");
        }

        return TypedResults.Ok(response);
    }

    /// <summary>Revokes every refresh token of the signed-in user and changes the security stamp, which ends the web sessions too (<see cref="SignOutEverywhere"/>).</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> LogoutEverywhereAsync(
        ClaimsPrincipal principal, UserManager<ApplicationUser> users, SignOutEverywhere signOut, CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(principal) is not { } user)
        {
            return TypedResults.Problem("The signed-in user no longer exists.", statusCode: StatusCodes.Status401Unauthorized);
        }

        await signOut.RunAsync(user, cancellationToken);
        return TypedResults.NoContent();
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

    private static ProblemHttpResult TooManyAttempts(HttpContext http, TimeSpan wait)
    {
        http.Response.Headers.RetryAfter = SignInRefusal.Seconds(wait).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(SignInRefusal.Detail(wait), statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests");
    }
}
