using System.Security.Cryptography;
using ApprovalFlow.Server.Data;
using Microsoft.AspNetCore.Identity;

namespace ApprovalFlow.Server.Features.Auth.Protection;

/// <summary>What a password check came to.</summary>
public abstract record PasswordCheck
{
    private PasswordCheck()
    {
    }

    /// <summary>The password is right: <paramref name="User"/> may be signed in.</summary>
    /// <param name="User">The user.</param>
    public sealed record Succeeded(ApplicationUser User) : PasswordCheck;

    /// <summary>Wrong password, unknown e-mail, or a user who may not sign in: one answer for all, so nobody learns which.</summary>
    public sealed record Failed : PasswordCheck;

    /// <summary>Too many attempts from this client or for this account: try again after <paramref name="Wait"/>; the password was not checked.</summary>
    /// <param name="Wait">How long to wait.</param>
    public sealed record Refused(TimeSpan Wait) : PasswordCheck;
}

/// <summary>
/// Checks an e-mail and password for <c>POST /api/auth/login</c> and the sign-in page alike, under the per-account rate
/// limit (<see cref="AccountRateLimiter"/>) and the back-off of <see cref="SignInThrottle"/>, never with Identity's
/// lockout (which let anyone lock an official out). An unknown e-mail costs the same password hash as a known one and is
/// counted the same way, so neither the answer nor its time tells whether an account exists.
/// </summary>
public sealed class PasswordSignIn(
    SignInManager<ApplicationUser> signIn,
    IPasswordHasher<ApplicationUser> hasher,
    AccountRateLimiter accounts,
    SignInThrottle throttle,
    ILogger<PasswordSignIn> logger)
{
    private static readonly ApplicationUser Nobody = new() { DisplayName = string.Empty };
    private static string? s_dummyHash;

    /// <summary>Checks <paramref name="password"/> for <paramref name="email"/> from the request's client.</summary>
    /// <param name="email">The e-mail typed (trimmed and normalised here).</param>
    /// <param name="password">The password typed.</param>
    /// <param name="http">The request (its client address after forwarded headers).</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    public async Task<PasswordCheck> CheckAsync(string email, string password, HttpContext http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentNullException.ThrowIfNull(http);
        var account = signIn.UserManager.NormalizeEmail(email.Trim());
        var client = ClientAddress.Of(http);
        if ((accounts.TryAcquire(account) ?? await throttle.WaitAsync(account, client, cancellationToken)) is { } wait)
        {
            AuthLog.SignInRefused(logger, client, wait);
            return new PasswordCheck.Refused(wait);
        }

        var user = await signIn.UserManager.FindByEmailAsync(email.Trim());
        if (user is not null && (await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: false)).Succeeded)
        {
            await throttle.SucceededAsync(account, client, cancellationToken);
            return new PasswordCheck.Succeeded(user);
        }

        if (user is null)
        {
            // The same work as a wrong password of a real user: one hash with Identity's parameters.
            s_dummyHash ??= hasher.HashPassword(Nobody, RandomNumberGenerator.GetHexString(32));
            hasher.VerifyHashedPassword(Nobody, s_dummyHash, password);
        }

        await throttle.FailedAsync(account, client, cancellationToken);
        AuthLog.SignInFailed(logger, client);
        return new PasswordCheck.Failed();
    }
}
